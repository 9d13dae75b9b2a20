package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * What {@code pattern covers} prints as a counterexample, {@code pattern test} agrees with: the printed text, fed
 * back as the event, matches the reference (exit 0) and not the pattern (exit 1). Numbers, escapes and spacing are
 * part of the text, so this is checked on the printed bytes, not on a tree.
 */
class PatternCommandProperties {

    private static final List<String> SELECTORS = List.of("$.a", "$.b", "$.a.c", "$.k[0]", "$.k[2]", "$.['x y']");

    private static final List<String> VALUES = List.of("x", "\"x y\"", "\"x*\"", "\"*y\"", "*", "\"\"", "\"é\"",
            "\"\\\\\"", "\"q\\\"\"", "\"5\"", "%^x.%");

    private static final List<String> NUMBERS = List.of("5", "5.0", "-2", "1e-10000", "2e-10000", "1e9999", "0.001");

    @Property(tries = 60)
    void printedCounterexample_isAnEventPatternTestAgreesWith(@ForAll("patterns") String deployed,
            @ForAll("jsonPatterns") String reference) {
        Run covers = run(null, "pattern", "covers", deployed, "--reference", reference);
        Statistics.collect(covers.out.isEmpty() ? "error" : covers.out.lines().findFirst().orElseThrow());
        if (!covers.out.startsWith("does not cover")) {
            return;
        }
        List<String> lines = covers.out.lines().toList();
        int why = lines.indexOf(lines.stream().filter(line -> line.startsWith("why: ")).findFirst().orElseThrow());
        String event = String.join("\n", lines.subList(2, why));

        assertThat(run(event, "pattern", "test", reference, "--event", "-").exit).as("reference on %s", event)
                .isZero();
        assertThat(run(event, "pattern", "test", deployed, "--event", "-").exit).as("pattern on %s", event)
                .isEqualTo(1);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String stdin, String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        InputStream savedIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            int exit = Main.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
    }

    @Provide
    Arbitrary<String> jsonPatterns() {
        Arbitrary<String> text = Combinators.combine(Arbitraries.of(SELECTORS), Arbitraries.of("=", "!="),
                Arbitraries.of(VALUES)).as((s, op, v) -> s + " " + op + " " + v);
        Arbitrary<String> number = Combinators.combine(Arbitraries.of(SELECTORS),
                Arbitraries.of("=", "!=", "<", ">", ">="), Arbitraries.of(NUMBERS))
                .as((s, op, v) -> s + " " + op + " " + v);
        Arbitrary<String> keyword = Combinators.combine(Arbitraries.of(SELECTORS),
                Arbitraries.of("IS NULL", "NOT EXISTS", "IS FALSE")).as((s, k) -> s + " " + k);
        Arbitrary<String> condition = Arbitraries.frequencyOf(Tuple.of(3, text), Tuple.of(3, number),
                Tuple.of(1, keyword));
        Arbitrary<String> conjunction = condition.list().ofMinSize(1).ofMaxSize(3)
                .map(list -> "(" + String.join(" && ", list) + ")");
        return conjunction.list().ofMinSize(1).ofMaxSize(3).map(list -> "{ " + String.join(" || ", list) + " }");
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> terms = Arbitraries.of("x", "\"\\\"a\\\" : \"", "\"\\\"a\\\":\"", "u00e9", "é", "-y", "?5",
                "\" \"", "%\\x22%", "\"5.0\"", "E-10000").list().ofMinSize(1).ofMaxSize(3)
                .map(list -> String.join(" ", list));
        return Arbitraries.frequencyOf(Tuple.of(4, jsonPatterns()), Tuple.of(2, terms),
                Tuple.of(1, Arbitraries.of("[a, ...]", "[..., x = 5]")));
    }
}
