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

    /** Regexes wider than one machine word, anchors anywhere: the bit-parallel automaton's carries and folding. */
    @Property(tries = 600)
    void find_wideRegexesAndLongTexts_agreeWithJavaRegex(@ForAll("wideRegexes") String regex,
            @ForAll("longTexts") String text) {
        assertThat(SafeRegex.compile(regex).find(text)).as("%%%s%% on %s", regex, text)
                .isEqualTo(Pattern.compile(regex).matcher(text).find());
    }

    @Provide
    Arbitrary<String> wideRegexes() {
        Arbitrary<String> atom = Arbitraries.of("a", "b", ".", "[ab]", "[^b]", "\\d", "\\w", " ");
        Arbitrary<String> quantifier = Arbitraries.of("", "", "?", "*", "+", "{63}", "{0,64}", "{2,70}", "{65,}",
                "{30}", "{0,1}", "{1,2}");
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Combinators.combine(atom, quantifier).as((a, q) -> a + q)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("^", "$")));
        Arbitrary<String> sequence = piece.list().ofMaxSize(6).map(list -> String.join("", list));
        return sequence.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join("|", list));
    }

    @Provide
    Arbitrary<String> longTexts() {
        Arbitrary<String> runs = Arbitraries.strings().withChars("ab1 ".toCharArray()).ofMaxLength(4)
                .flatMap(unit -> Arbitraries.integers().between(0, 80).map(unit::repeat));
        return runs.list().ofMaxSize(4).map(list -> String.join("", list));
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
