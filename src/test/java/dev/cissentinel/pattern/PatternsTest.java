package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Patterns}: coverage beyond the CIS references, the undecided cases, and the exact-text mode. */
class PatternsTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{ $.x > 5 }`|`{ $.x >= 6 }`|COVERS",
        "`{ $.x > 5 }`|`{ $.x >= 5 }`|DOES_NOT_COVER",
        "`{ $.x >= 5 }`|`{ $.x = 5 }`|DOES_NOT_COVER",
        "`{ $.x >= 5 }`|`{ $.x = 5 && $.x > 0 }`|COVERS",
        "`{ $.x > 5 || $.x < 5 }`|`{ $.x != 5 }`|DOES_NOT_COVER",
        "`{ $.x = * }`|`{ $.x = \"a\" }`|COVERS",
        "`{ $.x = \"a\" }`|`{ $.x = * }`|DOES_NOT_COVER",
        "`{ $.x = * }`|`{ $.x > 3 }`|COVERS",
        "`{ $.x != \"a\" }`|`{ $.x NOT EXISTS }`|DOES_NOT_COVER",
        "`{ $.x = \"a\" || $.x != \"a\" }`|`{ $.x = * }`|COVERS",
        "`{ $.x = \"a\" || $.x != \"a\" }`|`{ $.x IS NULL }`|DOES_NOT_COVER",
        "`{ $.x IS TRUE || $.x IS FALSE }`|`{ $.x IS TRUE }`|COVERS",
        "`{ $.x IS TRUE }`|`{ $.x IS FALSE }`|DOES_NOT_COVER",
        "`{ $.x = \"ab*\" }`|`{ $.x = \"abc*\" }`|COVERS",
        "`{ $.x = \"abc*\" }`|`{ $.x = \"ab*\" }`|DOES_NOT_COVER",
        "`{ $.x = \"*b*\" }`|`{ $.x = \"a*\" && $.x = \"*c\" && $.x = \"*abc*\" }`|COVERS",
        "`{ $.x = \"a*\" && $.x = \"*c\" }`|`{ $.x = \"*abc*\" }`|DOES_NOT_COVER",
        "`{ $.x = \"a*\" || $.x = \"*c\" }`|`{ $.x = \"a*\" && $.x != \"*c\" }`|COVERS",
        "`{ $.x != \"a*\" }`|`{ $.x = \"b*\" }`|COVERS",
        "`{ $.x != \"*a\" }`|`{ $.x = \"b*\" }`|DOES_NOT_COVER",
        "`{ $.a.b NOT EXISTS }`|`{ $.a IS NULL }`|COVERS",
        "`{ $.a IS NULL }`|`{ $.a.b NOT EXISTS }`|DOES_NOT_COVER",
        "`{ $.a.b = 1 || $.a NOT EXISTS }`|`{ $.a.b = 1 || $.a.c = 2 }`|DOES_NOT_COVER",
        "`{ $.k[1] NOT EXISTS }`|`{ $.k[0] NOT EXISTS }`|COVERS",
        "`{ $.k[0] NOT EXISTS }`|`{ $.k[1] NOT EXISTS }`|DOES_NOT_COVER",
        "`{ $.k[0] = * }`|`{ $.k[1] = \"x\" }`|DOES_NOT_COVER",
        "`{ $.a = 1 }`|``|DOES_NOT_COVER",
        "``|`{ $.a = 1 }`|COVERS",
        "`{ $.x = %^Delete% || $.y = 1 }`|`{ $.x = %^Delete% }`|COVERS",
        "`{ $.x = \"DeleteTrail\" }`|`{ $.x = %^Delete% }`|DOES_NOT_COVER",
        "`{ $.x = \"Delete*\" }`|`{ $.x = %^Delete% }`|UNDECIDED",
        "`{ $.a[*] = \"x\" }`|`{ $.a[0] = \"x\" }`|UNDECIDED",
        "`{ $.a = 1 }`|`{ $.b[*] = \"x\" }`|UNDECIDED",
        "`ERROR`|`ERROR`|COVERS",
        "`ERROR`|`{ $.a = \"x\" }`|DOES_NOT_COVER",
        "`eventName`|`{ $.eventName = \"x\" }`|COVERS",
        "`{ $.a = 1 }`|`ERROR`|UNDECIDED",
        "`[a, b]`|`{ $.a = \"x\" }`|DOES_NOT_COVER",
        "`[...]`|`{ $.a = \"x\" }`|UNDECIDED"})
    void covers_decides(String deployed, String reference, Coverage.Kind expected) {
        FilterPattern deployedPattern = FilterPattern.parse(deployed);
        FilterPattern referencePattern = FilterPattern.parse(reference);

        Coverage coverage = Patterns.covers(deployedPattern, referencePattern);

        assertThat(coverage.kind()).as("%s", coverage).isEqualTo(expected);
        if (coverage instanceof Coverage.DoesNotCover) {
            JsonNode counterexample = ((Coverage.DoesNotCover) coverage).counterexample();
            assertThat(referencePattern.matches(counterexample)).isTrue();
            assertThat(deployedPattern.matches(counterexample)).isFalse();
        }
    }

    @Test
    void covers_whenAbstractionCannotDecide_saysWhy() {
        Coverage coverage = Patterns.covers(FilterPattern.parse("{ $.x = \"Delete*\" }"),
                FilterPattern.parse("{ $.x = %^Delete% }"));

        assertThat(((Coverage.Undecided) coverage).reason()).contains("regex").contains("$.x");
    }

    @Test
    void covers_orOfAndsOverManyFields_doesNotBlowUp() {
        String branches = IntStream.range(0, 12).mapToObj(i -> "($.f" + i + " = a && $.g" + i + " = b)")
                .collect(Collectors.joining(" || ", "{ ", " }"));
        String reordered = IntStream.range(0, 12).map(i -> 11 - i)
                .mapToObj(i -> "($.g" + i + " = b && $.f" + i + " = a)")
                .collect(Collectors.joining(" || ", "{ ", " }"));

        assertThat(Patterns.covers(FilterPattern.parse(reordered), FilterPattern.parse(branches)))
                .isEqualTo(new Coverage.Covers());
    }

    @Test
    void covers_pastTheSearchBudget_isUndecided() {
        String reference = IntStream.range(0, 20).mapToObj(i -> "($.f" + i + "=1||$.f" + i + "=2)")
                .collect(Collectors.joining("&&", "{", "}"));
        String deployed = IntStream.range(0, 20).mapToObj(i -> "($.f" + i + "=2||$.f" + i + "=1)")
                .collect(Collectors.joining("&&", "{", "}"));

        Coverage coverage = Patterns.covers(FilterPattern.parse(deployed), FilterPattern.parse(reference));

        assertThat(((Coverage.Undecided) coverage).reason()).contains("too many combinations");
    }

    @Test
    void judge_exact_ignoresWhitespaceOutsideQuotesOnly() {
        FilterPattern reference = FilterPattern.parse(CisReferences.CONSOLE);

        assertThat(Patterns.judge("{($.eventName=ConsoleLogin) && ($.errorMessage=\"Failed authentication\")}",
                reference, PatternMode.EXACT)).isEqualTo(new Coverage.Covers());
        Coverage quoted = Patterns.judge("{ ($.eventName = \"ConsoleLogin\") && ($.errorMessage = \"Failed "
                + "authentication\") }", reference, PatternMode.EXACT);
        assertThat(quoted.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        assertThat(((Coverage.DoesNotCover) quoted).counterexample()).isNull();
        assertThat(((Coverage.DoesNotCover) quoted).explanation()).contains("character 15");
        assertThat(Patterns.judge("{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failedauthentication\") }",
                reference, PatternMode.EXACT).kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
    }

    @Test
    void judge_semantic_parsesThenDecides_andAnUnparsableFilterIsUndecided() {
        FilterPattern reference = FilterPattern.parse(CisReferences.CONSOLE);

        assertThat(Patterns.judge("{ $.errorMessage = \"Failed authentication\" && $.eventName = \"ConsoleLogin\" }",
                reference, PatternMode.SEMANTIC)).isEqualTo(new Coverage.Covers());
        Coverage broken = Patterns.judge("{ $.eventName = ConsoleLogin && }", reference, PatternMode.SEMANTIC);
        assertThat(((Coverage.Undecided) broken).reason()).startsWith("deployed pattern does not parse: ")
                .contains("column 33");
    }

    @Test
    void normalizeWhitespace_keepsQuotedBlanksAndEscapes() {
        assertThat(Patterns.normalizeWhitespace(" { $.a = \"x  y\" &&\n $.b = \"q\\\" r\" } "))
                .isEqualTo("{$.a=\"x  y\"&&$.b=\"q\\\" r\"}");
    }

    @Test
    void coverageRecords_rejectNulls() {
        assertThatThrownBy(() -> new Coverage.Undecided(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Coverage.DoesNotCover(null, null)).isInstanceOf(NullPointerException.class);
        assertThat(new Coverage.Covers().kind()).isEqualTo(Coverage.Kind.COVERS);
    }
}
