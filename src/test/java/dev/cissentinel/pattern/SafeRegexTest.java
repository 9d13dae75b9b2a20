package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The backtracking-free regex engine for CloudWatch's subset. */
class SafeRegexTest {

    private static final List<String> TEXTS = List.of("", "a", "ab", "abc", "UpdateTrail", "UNAUTHORIZED REQUEST",
            "111.111.111.112", "val", "value", "x_y-z", "a1b2c3", "Trail", "  spaced out  ", "f(x)", "aaaa", "ba");

    @ParameterizedTest(name = "%{0}%")
    @ValueSource(strings = {"Trail", "^Trail", "Trail$", "^UpdateTrail$", "AUTHORIZED", "val.{2}",
        "111\\.111\\.111\\.1[0-9]{1,2}", "a|b", "^a|c$", "[a-c]+", "[^a-z]", "\\d\\D", "\\s\\S", "\\w+\\W",
        "a?b", "a*", "a+b", "a{2}", "a{2,}", "a{1,3}b", "[.]", "\\.", "x_y-z", "[-a]", "^$", "b$|^a", "a.c",
        "\\x28x\\x29", "[\\d_]+", "@|#|=|/|;|,|:"})
    void find_agreesWithJavaRegexOnTheSubset(String regex) {
        SafeRegex safe = SafeRegex.compile(regex);
        Pattern java = Pattern.compile(regex.replace("\\x28", "\\(").replace("\\x29", "\\)"));

        for (String text : TEXTS) {
            assertThat(safe.find(text)).as("%s on \"%s\"", regex, text).isEqualTo(java.matcher(text).find());
        }
    }

    @Test
    void find_openLowerBound_meansZero() {
        SafeRegex regex = SafeRegex.compile("^a{,2}$");

        assertThat(regex.find("")).isTrue();
        assertThat(regex.find("aa")).isTrue();
        assertThat(regex.find("aaa")).isFalse();
    }

    @Test
    void find_dotDoesNotCrossLineBreaks() {
        assertThat(SafeRegex.compile("a.b").find("a\nb")).isFalse();
        assertThat(SafeRegex.compile("a\\sb").find("a\nb")).isTrue();
    }

    @ParameterizedTest(name = "%{0}% -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Trail|Trail", "^Delete.*Policy$|DeletePolicy", "val.{2}|valaa", "[0-9]{3}|000", "`a|bc`|a",
        "\\d+\\.\\d|0.0", "[^a-z]|A", "``|``"})
    void example_isAShortestMatchingText(String regex, String example) {
        SafeRegex safe = SafeRegex.compile(regex);

        assertThat(safe.example()).isEqualTo(example);
        assertThat(safe.find(safe.example())).isTrue();
    }

    @ParameterizedTest(name = "%{0}%")
    @ValueSource(strings = {"a^b", "a$b", "[^\\x00-\\x7f]x$^"})
    void example_ofAnUnsatisfiableRegex_isNull(String regex) {
        assertThat(SafeRegex.compile(regex).example()).isNull();
    }

    @ParameterizedTest(name = "%{0}%")
    @ValueSource(strings = {"(a)", "a)", "something!", "a**", "*a", "a{2}{3}", "[z-a]", "[abc", "\\q", "\\x8g",
        "\\xff", "a{1001}", "a{3,1}", "é", "^*", "a{x}"})
    void compile_outsideTheSubset_isRejected(String regex) {
        assertThatThrownBy(() -> SafeRegex.compile(regex)).isInstanceOf(RegexParser.RegexSyntaxException.class);
    }

    @Test
    void compile_hugeCountedRepetition_isBoundedNotExpandedForever() {
        assertThatThrownBy(() -> SafeRegex.compile("[a-z]{1000}".repeat(30)))
                .isInstanceOf(RegexParser.RegexSyntaxException.class)
                .hasMessageContaining("automaton states");
    }
}
