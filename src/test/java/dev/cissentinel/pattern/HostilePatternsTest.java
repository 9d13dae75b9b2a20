package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Patterns and events written to hurt (issue 22): huge indexes, deep nesting, extreme numbers, many disjuncts,
 * expensive regexes. Each answer is bounded, and every counterexample is an event whose text says the same.
 */
class HostilePatternsTest {

    @Test
    void covers_hugeArrayIndexOnBothSides_isUndecidedWithoutBuildingTheEvent() {
        Coverage coverage = Patterns.covers(FilterPattern.parse("{ $.a[999999999] = 2 }"),
                FilterPattern.parse("{ $.a[999999999] = 1 }"));

        assertThat(coverage.kind()).isEqualTo(Coverage.Kind.UNDECIDED);
        assertThat(((Coverage.Undecided) coverage).reason()).contains("64 KB").contains("$.a")
                .contains("1,000,000,000 elements");
    }

    @Test
    void covers_hugeIndexInOneBranch_stillFindsTheSmallCounterexampleOfAnother() {
        Coverage coverage = Patterns.covers(FilterPattern.parse("{ $.a[999999999] = 2 || $.b = 1 }"),
                FilterPattern.parse("{ $.a[999999999] = 1 || $.c = 1 }"));

        assertThat(coverage.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        assertThat(((Coverage.DoesNotCover) coverage).counterexampleText()).contains("\"c\"").hasSizeLessThan(40);
        assertAgreesWhenReadBack(coverage, "{ $.a[999999999] = 2 || $.b = 1 }", "{ $.a[999999999] = 1 || $.c = 1 }");
    }

    @Test
    void covers_hugeIndexOnlyInTheDeployedPattern_isDecided() {
        Coverage coverage = Patterns.covers(FilterPattern.parse("{ $.a[999999999] = 1 }"),
                FilterPattern.parse("{ $.b = 1 }"));

        assertThat(coverage.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        assertAgreesWhenReadBack(coverage, "{ $.a[999999999] = 1 }", "{ $.b = 1 }");
    }

    @Test
    void covers_tinyExponent_givesAShortCounterexampleThatReadsBackTheSame() {
        Coverage coverage = Patterns.covers(FilterPattern.parse("{ $.a < 0 }"),
                FilterPattern.parse("{ $.a > 1e-10000 }"));

        assertThat(coverage.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        String text = ((Coverage.DoesNotCover) coverage).counterexampleText();
        assertThat(text).hasSizeLessThan(40);
        assertAgreesWhenReadBack(coverage, "{ $.a < 0 }", "{ $.a > 1e-10000 }");
    }

    @Test
    void covers_hugeExponents_areComparedAndWrittenShort() {
        FilterPattern lower = FilterPattern.parse("{ $.a > 1e9999 }");
        FilterPattern higher = FilterPattern.parse("{ $.a > 2e9999 }");

        assertThat(Patterns.covers(lower, higher)).isEqualTo(new Coverage.Covers());
        Coverage miss = Patterns.covers(higher, lower);
        assertThat(miss.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        assertThat(((Coverage.DoesNotCover) miss).counterexampleText()).hasSizeLessThan(40);
        assertAgreesWhenReadBack(miss, "{ $.a > 2e9999 }", "{ $.a > 1e9999 }");
    }

    @Test
    void covers_betweenTwoNearBounds_picksAShortNumberInBetween() {
        Coverage miss = Patterns.covers(FilterPattern.parse("{ $.a <= 1e-9000 || $.a >= 2e-9000 }"),
                FilterPattern.parse("{ $.a > 0 }"));

        assertThat(miss.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        assertThat(((Coverage.DoesNotCover) miss).counterexampleText()).hasSizeLessThan(40);
        assertAgreesWhenReadBack(miss, "{ $.a <= 1e-9000 || $.a >= 2e-9000 }", "{ $.a > 0 }");
    }

    @Test
    void covers_deepestSelectorsAPatternCanHold_answerWithACheckedEvent() {
        // 505 levels each, the most 1024 characters allow: a thousand places, an event 505 objects deep.
        String deployed = "{ $" + ".a".repeat(505) + " = 2 }";
        String reference = "{ $" + ".b".repeat(505) + " = 1 }";

        Coverage coverage = Patterns.covers(FilterPattern.parse(deployed), FilterPattern.parse(reference));

        assertThat(coverage.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        assertAgreesWhenReadBack(coverage, deployed, reference);
    }

    @Test
    void covers_manyDisjuncts_isDecidedWithinTheBudget() {
        String reference = IntStream.range(0, 70).mapToObj(i -> "$.e = v" + i)
                .collect(Collectors.joining(" || ", "{ ", " }"));
        String deployed = IntStream.range(0, 70).map(i -> 69 - i).mapToObj(i -> "$.e = v" + i)
                .collect(Collectors.joining(" || ", "{ ", " }"));

        CoverageSearch.Result result = CoverageSearch.measure(FilterPattern.parse(deployed),
                FilterPattern.parse(reference));

        assertThat(result.coverage()).isEqualTo(new Coverage.Covers());
        assertThat(result.effort().work()).isLessThanOrEqualTo(CoverageSearch.WORK_BUDGET);
    }

    @Test
    void covers_expensiveRegexes_stopAtTheWorkBudget() {
        String heavy = "a{1000}".repeat(9);
        String deployed = "{ " + IntStream.range(0, 6).mapToObj(i -> "$.x = %" + heavy + "b" + i + "%")
                .collect(Collectors.joining(" || ")) + " }";
        String reference = "{ $.x = %" + heavy + "c% && $.x != %" + heavy + "d% }";

        CoverageSearch.Result result = CoverageSearch.measure(FilterPattern.parse(deployed),
                FilterPattern.parse(reference));

        assertThat(result.coverage().kind()).isEqualTo(Coverage.Kind.UNDECIDED);
        assertThat(((Coverage.Undecided) result.coverage()).reason()).contains("too much work");
        assertThat(result.effort().work()).isLessThanOrEqualTo(CoverageSearch.WORK_BUDGET);
    }

    @Test
    void covers_wildcardSelectorsEverywhere_stopAtTheCheckBudget() {
        // The same meaning written in another order: wildcard selectors are only tested on built events, so every
        // branch of the search ends in a check, and there are thousands of branches.
        String reference = IntStream.range(0, 14).mapToObj(i -> "($.f" + i + "[*] = x || $.g" + i + " = z)")
                .collect(Collectors.joining(" && ", "{ ", " }"));
        String deployed = IntStream.range(0, 14).map(i -> 13 - i).mapToObj(i -> "($.g" + i + " = z || $.f" + i
                + "[*] = x)").collect(Collectors.joining(" && ", "{ ", " }"));

        CoverageSearch.Result result = CoverageSearch.measure(FilterPattern.parse(deployed),
                FilterPattern.parse(reference));

        assertThat(result.coverage().kind()).isEqualTo(Coverage.Kind.UNDECIDED);
        assertThat(((Coverage.Undecided) result.coverage()).reason()).contains("too many candidate events");
        assertThat(result.effort().checks()).isEqualTo(CoverageSearch.MAX_CHECKS);
    }

    @Test
    void counterexampleCheck_rejectsTextsThatDoNotReadBackTheSame() {
        FilterPattern deployed = FilterPattern.parse("{ $.a = 2 }");
        FilterPattern reference = FilterPattern.parse("{ $.a = * }");
        ObjectNode plusSign = JsonNodeFactory.instance.objectNode().set("a", new LexemeNumberNode("+1",
                BigDecimal.ONE));
        ObjectNode loneSurrogate = JsonNodeFactory.instance.objectNode().put("a", "\ud800");
        ObjectNode huge = JsonNodeFactory.instance.objectNode().put("a", "x".repeat(70_000));

        assertThat(CounterexampleCheck.check(deployed, reference, plusSign).status())
                .isEqualTo(CounterexampleCheck.Status.REJECTED);
        assertThat(CounterexampleCheck.check(deployed, reference, loneSurrogate).status())
                .isEqualTo(CounterexampleCheck.Status.REJECTED);
        assertThat(CounterexampleCheck.check(deployed, reference, huge).status())
                .isEqualTo(CounterexampleCheck.Status.TOO_BIG);
        ObjectNode fine = JsonNodeFactory.instance.objectNode().put("a", "x");
        assertThat(CounterexampleCheck.holds(deployed, reference, new Coverage.DoesNotCover(fine, "why"))).isTrue();
        assertThat(CounterexampleCheck.holds(deployed, reference, new Coverage.DoesNotCover(fine, "why", "{\"a\":2}")))
                .isFalse();
    }

    @Test
    void matches_termOnAJsonEvent_seesTheRawText() {
        LogEvent spaced = LogEvent.of("{\"hello\" : \"world\"}");
        LogEvent escaped = LogEvent.of("{\"a\":\"\\u00e9\"}");

        assertThat(FilterPattern.parse("\"\\\"hello\\\" : \\\"world\\\"\"").matches(spaced)).isTrue();
        assertThat(FilterPattern.parse("u00e9").matches(escaped)).isTrue();
        assertThat(FilterPattern.parse("é").matches(escaped)).isFalse();
        assertThat(FilterPattern.parse("{ $.a = é }").matches(escaped)).isTrue();
        assertThat(FilterPattern.parse("[first, ...]").matches(spaced)).isTrue();
    }

    @Test
    void logEvent_tellsJsonTextMalformedJsonAndJsonPastTheReadLimitsApart() {
        assertThat(LogEvent.of("{\"a\":1}").kind()).isEqualTo(LogEvent.Kind.JSON_OBJECT);
        assertThat(LogEvent.of("plain words").kind()).isEqualTo(LogEvent.Kind.TEXT);
        assertThat(LogEvent.of("[1,2]").kind()).isEqualTo(LogEvent.Kind.TEXT);
        assertThat(LogEvent.of("{\"a\":").kind()).isEqualTo(LogEvent.Kind.MALFORMED_JSON);
        LogEvent deep = LogEvent.of("{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
        assertThat(deep.kind()).isEqualTo(LogEvent.Kind.JSON_OVER_LIMIT);
        assertThat(deep.detail()).contains("1000 levels");
        assertThat(deep.json()).isEmpty();
        assertThat(LogEvent.of("{\"a\":" + "9".repeat(1500) + "}").kind()).isEqualTo(LogEvent.Kind.JSON_OVER_LIMIT);
    }

    /** The counterexample's text, read back as a log event, still tells the two patterns apart. */
    private static void assertAgreesWhenReadBack(Coverage coverage, String deployed, String reference) {
        String text = ((Coverage.DoesNotCover) coverage).counterexampleText();
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LogEvent.MAX_BYTES);
        LogEvent event = LogEvent.of(text);
        assertThat(event.kind()).isEqualTo(LogEvent.Kind.JSON_OBJECT);
        assertThat(FilterPattern.parse(reference).matches(event)).as("reference on %s", text).isTrue();
        assertThat(FilterPattern.parse(deployed).matches(event)).as("deployed on %s", text).isFalse();
        String compact = ((Coverage.DoesNotCover) coverage).counterexample().toString();
        assertThat(compact.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(CoverageSearch.MAX_EVENT_BYTES);
        assertThat(FilterPattern.parse(reference).matches(LogEvent.of(compact))).isTrue();
        assertThat(FilterPattern.parse(deployed).matches(LogEvent.of(compact))).isFalse();
    }
}
