package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteTest {

    @Test
    void of_shortValue_quotedWhole() {
        assertThat(Quote.of("mars-1")).isEqualTo("'mars-1'");
        assertThat(Quote.of(null)).isEqualTo("nothing");
    }

    @Test
    void of_longValue_firstHundredCharactersAndItsLength() {
        String quoted = Quote.of("y".repeat(130_000));

        assertThat(quoted).isEqualTo("'" + "y".repeat(100) + "'… (130000 characters)");
    }

    @Test
    void of_controlAndInvisibleCharacters_escapedOnOneLine() {
        assertThat(Quote.of("a\nb\rc\td\u0000e\u202ef\u2028")).isEqualTo("'a\\nb\\rc\\td\\u0000e\\u202ef\\u2028'");
    }

    @Test
    void of_cutInsideASurrogatePair_keepsThePairWhole() {
        String value = "z".repeat(99) + "\uD83D\uDE00" + "z";

        assertThat(Quote.of(value)).startsWith("'" + "z".repeat(99) + "'…");
    }

    @Test
    void bare_likeOfWithoutQuotes() {
        assertThat(Quote.bare("remediation")).isEqualTo("remediation");
        assertThat(Quote.bare("q".repeat(150))).isEqualTo("q".repeat(100) + "… (150 characters)");
    }

    @Test
    void message_longOrMultiline_oneLineCut() {
        assertThat(Quote.message("Unknown option: 'x\ny'")).isEqualTo("Unknown option: 'x\\ny'");
        assertThat(Quote.message("m".repeat(1000))).hasSize(Quote.MAX_MESSAGE + "… (message cut; 1000 characters)"
                .length()).endsWith("(message cut; 1000 characters)");
    }
}
