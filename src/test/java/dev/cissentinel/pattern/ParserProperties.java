package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** The parser on random input: only {@link PatternSyntaxException}, and printing a tree parses back to it. */
class ParserProperties {

    private static final String ALPHABET = "{}[]()$.*\"%&|=!<>,?-_' \t\nabxyzEIST019\\^+";

    private static final List<String> TOKENS = List.of("{", "}", "(", ")", "[", "]", "$.a", "$.b.c", "$.d[0]",
            "$.e[*]", "$.*", "$.['k.k']", "=", "!=", "<", ">=", "&&", "||", "IS", "NULL", "TRUE", "NOT", "EXISTS",
            "x", "\"y z\"", "\"w*\"", "*v", "5", "-1e3", "%a.b%", "%[0-9]{2}%", " ", " ", ",", "...", "-", "?", "\"");

    @Property(tries = 1500)
    void parse_randomCharacters_throwsOnlySyntaxErrors(
            @ForAll("characters") @StringLength(max = 80) String text) {
        assertParsesOrReportsAColumn(text);
    }

    @Property(tries = 1500)
    void parse_randomTokens_throwsOnlySyntaxErrors(@ForAll("tokenSoup") String text) {
        assertParsesOrReportsAColumn(text);
    }

    @Property(tries = 300)
    void render_thenParse_givesTheSameTree(@ForAll("patterns") String text) {
        JsonPattern parsed = (JsonPattern) FilterPattern.parse(text);

        FilterPattern again = FilterPattern.parse("{ " + PatternText.render(parsed.expression()) + " }");

        assertThat(PatternText.dump(again)).isEqualTo(PatternText.dump(parsed));
    }

    private static void assertParsesOrReportsAColumn(String text) {
        FilterPattern parsed;
        try {
            parsed = FilterPattern.parse(text);
        } catch (PatternSyntaxException e) {
            assertThat(e.column()).isBetween(1, text.length() + 1);
            assertThat(e.getMessage()).contains("column " + e.column());
            return;
        }
        // Whatever parses must also match without throwing, on JSON and on raw text.
        parsed.matchesText("{\"a\":\"x\",\"b\":{\"c\":5},\"d\":[1],\"e\":[\"v\"]}");
        parsed.matchesText("plain text with x and y z");
        assertThat(parsed.text()).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> characters() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(80);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(25).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> patterns() {
        return PatternArbitraries.jsonPatterns(3);
    }
}
