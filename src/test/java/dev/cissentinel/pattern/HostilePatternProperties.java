package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Adversarial patterns and events (issue 22): whatever they are, parsing throws nothing but
 * {@link PatternSyntaxException}, matching throws nothing, {@link Patterns#covers} stays within its counted budgets,
 * and every counterexample, read back from its text, tells the two patterns apart.
 */
class HostilePatternProperties {

    private static final List<String> SELECTORS = List.of("$.a", "$.a", "$.b", "$.a[0]", "$.a[1]", "$.a[999999999]",
            "$.a[65536]", "$.a.b", "$" + ".d".repeat(60), "$.a[*]", "$.*", "$.['k.\"\\\\ é']", "$.n[0][0][0][0]");

    private static final List<String> NUMBERS = List.of("1", "0", "-1", "1e-10000", "2e-10000", "1e9999", "-1e9999",
            "12.0", "5e-3", "+7", "007");

    private static final List<String> VALUES = List.of("1", "1e-10000", "1e9999", "12.0", "+7", "007", "x",
            "\"x*\"", "\"*x*\"", "\"*y\"", "*", "\"\"", "\"é\"", "\"\\\\\"", "\"" + "z".repeat(200) + "\"",
            "%a{0,300}b%", "%^x$%", "%.{3}%", "%[0-9]+%", "%a{1000}%", "%\\d{2,}|y%", "1e999999999");

    private static final List<String> EVENTS = List.of("{\"a\":1}", "{\"a\":[1,2,{\"b\":null}]}",
            "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}", "{\"a\":1e999999999}", "{\"a\":-0.0}",
            "\uFEFF{\"a\":1}", "{\"a\":\"\\u00e9\\ud800\"}", "{\"a\":" + "9".repeat(2000) + "}", "{\"a\":1} {}",
            "x".repeat(100_000), "{\"a\":\"" + "a".repeat(50_000) + "\"}", "[1, 2, 3]", "");

    @Property(tries = 250)
    void parseMatchAndCovers_neverThrowAndStayInTheirBudgets(@ForAll("hostile") String deployedText,
            @ForAll("hostile") String referenceText, @ForAll("events") String message) {
        FilterPattern deployed;
        FilterPattern reference;
        try {
            deployed = FilterPattern.parse(deployedText);
            reference = FilterPattern.parse(referenceText);
        } catch (PatternSyntaxException e) {
            Statistics.collect("syntax error");
            assertThat(e.getMessage().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(300));
            return;
        }
        deployed.matchesText(message);
        reference.matches(LogEvent.of(message));

        CoverageSearch.Result result = CoverageSearch.measure(deployed, reference);
        Coverage coverage = result.coverage();
        Statistics.collect(coverage.kind());

        assertThat(result.effort().steps()).isLessThanOrEqualTo(CoverageSearch.BUDGET + 1);
        assertThat(result.effort().checks()).isLessThanOrEqualTo(CoverageSearch.MAX_CHECKS);
        assertThat(result.effort().work()).isLessThanOrEqualTo(CoverageSearch.WORK_BUDGET);
        if (coverage instanceof Coverage.DoesNotCover) {
            assertReadsBackAsACounterexample((Coverage.DoesNotCover) coverage, deployed, reference);
        }
    }

    @Property(tries = 200)
    void counterexamples_ofTheExactFragment_readBackFromTheirText(@ForAll("exact") String deployedText,
            @ForAll("exact") String referenceText) {
        FilterPattern deployed = FilterPattern.parse(deployedText);
        FilterPattern reference = FilterPattern.parse(referenceText);

        Coverage coverage = Patterns.covers(deployed, reference);

        if (coverage instanceof Coverage.DoesNotCover) {
            assertReadsBackAsACounterexample((Coverage.DoesNotCover) coverage, deployed, reference);
        }
    }

    private static void assertReadsBackAsACounterexample(Coverage.DoesNotCover miss, FilterPattern deployed,
            FilterPattern reference) {
        String compact = miss.counterexample().toString();
        assertThat(compact.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(CoverageSearch.MAX_EVENT_BYTES);
        for (String text : List.of(miss.counterexampleText(), compact)) {
            LogEvent event = LogEvent.of(text);
            assertThat(event.kind()).as("%s", text).isEqualTo(LogEvent.Kind.JSON_OBJECT);
            assertThat(reference.matches(event)).as("reference %s on %s", reference.text(), text).isTrue();
            assertThat(deployed.matches(event)).as("deployed %s on %s", deployed.text(), text).isFalse();
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> equality = Combinators.combine(Arbitraries.of(SELECTORS), Arbitraries.of("=", "!="),
                Arbitraries.of(VALUES)).as((selector, op, value) -> selector + " " + op + " " + value);
        Arbitrary<String> relation = Combinators.combine(Arbitraries.of(SELECTORS), Arbitraries.of("<", ">=", ">"),
                Arbitraries.of(NUMBERS)).as((selector, op, value) -> selector + " " + op + " " + value);
        Arbitrary<String> condition = Arbitraries.frequencyOf(Tuple.of(3, equality), Tuple.of(2, relation));
        Arbitrary<String> keyword = Combinators.combine(Arbitraries.of(SELECTORS),
                Arbitraries.of("IS NULL", "NOT EXISTS", "IS TRUE")).as((selector, k) -> selector + " " + k);
        Arbitrary<String> atom = Arbitraries.frequencyOf(Tuple.of(5, condition), Tuple.of(1, keyword));
        Arbitrary<String> group = atom.list().ofMinSize(1).ofMaxSize(3)
                .map(list -> "(" + String.join(" && ", list) + ")");
        Arbitrary<String> json = Arbitraries.oneOf(atom, group).list().ofMinSize(1).ofMaxSize(6)
                .map(list -> "{ " + String.join(" || ", list) + " }");
        Arbitrary<String> terms = Arbitraries.of("ERROR", "\"a\\\":1\"", "-x", "?y", "%a{0,500}b%", "u00e9", "\" \"")
                .list().ofMinSize(1).ofMaxSize(4).map(list -> String.join(" ", list));
        Arbitrary<String> delimited = Arbitraries.of("[a, ...]", "[..., b = %x{2}%]", "[a = 1e-10000, b]");
        Arbitrary<String> cis = Arbitraries.of(List.copyOf(CisReferences.CIS_TEXT.values()));
        return Arbitraries.frequencyOf(Tuple.of(8, json), Tuple.of(1, terms), Tuple.of(1, delimited),
                Tuple.of(2, cis), Tuple.of(1, Arbitraries.just("")));
    }

    @Provide
    Arbitrary<String> events() {
        return Arbitraries.of(EVENTS);
    }

    @Provide
    Arbitrary<String> exact() {
        return PatternArbitraries.jsonPatterns(3);
    }
}
