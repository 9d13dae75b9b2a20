package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The automaton agrees with java.util.regex on random regexes of the shared subset (short inputs only). */
class SafeRegexProperties {

    @Property(tries = 1000)
    void find_agreesWithJavaRegex(@ForAll("regexes") String regex, @ForAll("texts") String text) {
        assertThat(SafeRegex.compile(regex).find(text)).isEqualTo(Pattern.compile(regex).matcher(text).find());
    }

    @Property(tries = 300)
    void example_isMatched(@ForAll("regexes") String regex) {
        SafeRegex safe = SafeRegex.compile(regex);
        String example = safe.example();

        if (example != null) {
            assertThat(safe.find(example)).isTrue();
            assertThat(Pattern.compile(regex).matcher(example).find()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> regexes() {
        Arbitrary<String> atom = Arbitraries.of("a", "b", ".", "[ab]", "[^a]", "\\d", "\\w", "\\s", "\\W", "[0-9]",
                "_", "-", " ");
        Arbitrary<String> quantifier = Arbitraries.of("", "", "", "?", "*", "+", "{2}", "{1,2}", "{0,}");
        Arbitrary<String> piece = Combinators.combine(atom, quantifier).as((a, q) -> a + q);
        Arbitrary<String> sequence = Combinators.combine(Arbitraries.of("", "", "^"),
                piece.list().ofMaxSize(4).map(list -> String.join("", list)), Arbitraries.of("", "", "$"))
                .as((start, body, end) -> start + body + end);
        return sequence.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join("|", list));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab1 _-".toCharArray()).ofMaxLength(8);
    }
}
