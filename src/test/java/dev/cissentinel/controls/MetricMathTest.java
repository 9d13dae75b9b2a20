package dev.cissentinel.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.controls.MetricMath.Value;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The decidable part of metric math, evaluated at one period with m1 = 1 (the event) and m2 missing. */
class MetricMathTest {

    private static final Map<String, Value> PERIOD = Map.of("m1", new Value.Number(1), "m2", new Value.Missing(),
            "m3", new Value.Number(4));

    private static Value eval(String expression) throws MetricMath.SyntaxError {
        return MetricMath.evaluate(MetricMath.parse(expression), PERIOD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "m1 * 0 ; 0",
        "FILL(m1, 0) ; 1",
        "FILL(m2, 0) ; 0",
        "m1 + m3 * 2 ; 9",
        "(m1 + m3) * 2 ; 10",
        "m3 ^ 2 / 8 ; 2",
        "-m1 + 3 ; 2",
        "2 ^ -1 ; 0.5",
        "m1 >= 1 AND m3 < 5 ; 1",
        "m1 > 1 || m3 == 4 ; 1",
        "m1 != 1 && m3 == 4 ; 0",
        "IF(m1 >= 1, 7, 3) ; 7",
        "IF(m1 > 1, 7, 3) ; 3",
        "MAX([m1, m3]) ; 4",
        "MIN([m1, m3]) ; 1",
        "SUM([m1, m3, 5]) ; 10",
        "AVG([m1, m3]) ; 2.5",
        "ABS(m1 - m3) ; 3",
        "CEIL(m1 / 3) ; 1",
        "FLOOR(m3 / 3) ; 1",
        "LOG10(m1 * 100) ; 2",
        "1e2 * m1 ; 100",
    })
    void evaluate_decidableExpression_isItsValue(String expression, double expected) throws Exception {
        assertThat(eval(expression)).isEqualTo(new Value.Number(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "m2 + 1",
        "m2 * 0",
        "IF(m1 > 1, 7)",
        "IF(m2, 1, 0)",
        "MAX([m2])",
    })
    void evaluate_missingOperand_noDatapoint(String expression) throws Exception {
        assertThat(eval(expression)).isEqualTo(new Value.Missing());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "RATE(m1) ; RATE",
        "DIFF(m1) ; DIFF",
        "FILL(m2, REPEAT) ; REPEAT",
        "MAX(m1) ; whole time range",
        "HOUR(m1) ; HOUR",
        "m1 / 0 ; divides by zero",
        "SUM([m1, m2]) ; some series have no datapoint",
        "m9 + 1 ; 'm9'",
        "ANOMALY_DETECTION_BAND(m1, 2) ; ANOMALY_DETECTION_BAND",
    })
    void evaluate_notDecidable_unknownWithTheReason(String expression, String reason) throws Exception {
        assertThat(eval(expression)).isInstanceOfSatisfying(Value.Unknown.class,
                unknown -> assertThat(unknown.reason()).contains(reason.replace("'", "")));
    }

    @Test
    void parse_deepOrLongOrBroken_isASyntaxErrorNotAnOverflow() {
        assertThatThrownBy(() -> MetricMath.parse("(".repeat(5000) + "m1" + ")".repeat(5000)))
                .isInstanceOf(MetricMath.SyntaxError.class);
        assertThatThrownBy(() -> MetricMath.parse("-".repeat(1000) + "m1")).isInstanceOf(MetricMath.SyntaxError.class);
        assertThatThrownBy(() -> MetricMath.parse("m1 + ".repeat(600) + "1")).isInstanceOf(MetricMath.SyntaxError.class)
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> MetricMath.parse("m1 +")).isInstanceOf(MetricMath.SyntaxError.class);
        assertThatThrownBy(() -> MetricMath.parse("FILL(m1, 0")).isInstanceOf(MetricMath.SyntaxError.class);
        assertThatThrownBy(() -> MetricMath.parse("m1 $ 2")).isInstanceOf(MetricMath.SyntaxError.class);
    }

    @Test
    void references_andUndecidedFunction_seeNestedCalls() throws Exception {
        MetricMath.Node node = MetricMath.parse("IF(m1 > 0, SUM([m2, m3]), SEARCH('{A} B', 'Sum', 300))");

        assertThat(MetricMath.references(node)).containsExactlyInAnyOrder("m1", "m2", "m3");
        assertThat(MetricMath.undecidedFunction(node)).isEqualTo("SEARCH");
        assertThat(MetricMath.undecidedFunction(MetricMath.parse("FILL(m1, 0) * 2"))).isNull();
    }
}
