package dev.cissentinel.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.Firing.Interval;
import dev.cissentinel.controls.Firing.Threshold;
import dev.cissentinel.controls.Firing.Truth;
import dev.cissentinel.snapshot.AlarmRecord;
import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One alarm on one filter metric, judged for one matching event among other events. The scenarios
 * (src/test/resources/scenarios) cover every reason end to end; these pin the statistics and the interval logic.
 */
class FiringTest {

    private static final String ACCOUNT = "123456789012";

    private static AlarmRecord alarm(String statistic, String comparison, double threshold, String treatMissing) {
        return new AlarmRecord("a", "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:a", "CISBenchmark", "Root",
                Map.of(), statistic, 300, 1, 0, threshold, comparison, true,
                List.of("arn:aws:sns:us-east-1:" + ACCOUNT + ":t"), List.of(), List.of(), List.of(), "", treatMissing,
                "", "");
    }

    private static MetricTransformation metric(double defaultValue) {
        return new MetricTransformation("Root", "CISBenchmark", "1", Map.of(), defaultValue, "");
    }

    /** statistic, comparison, threshold, metric value, default value (NaN: none) → reason (or FIRES). */
    @ParameterizedTest
    @CsvSource({
        "Sum, GreaterThanOrEqualToThreshold, 1, 1, NaN, FIRES",
        "Sum, GreaterThanOrEqualToThreshold, 1, 1, 0, FIRES",
        "Sum, GreaterThanOrEqualToThreshold, 3, 1, NaN, ALARM_CANNOT_FIRE_ON_ONE_EVENT",
        "Sum, GreaterThanThreshold, 0, 1, 0, FIRES",
        "Sum, GreaterThanOrEqualToThreshold, 1, 1, -1, ALARM_CANNOT_FIRE_ON_ONE_EVENT",
        "Sum, GreaterThanOrEqualToThreshold, 1, 1, 0.5, ALARM_DEPENDS_ON_OTHER_EVENTS",
        "Sum, GreaterThanOrEqualToThreshold, 1, 1, 2, ALARM_STUCK_IN_ALARM",
        "Sum, LessThanThreshold, 1, 1, NaN, ALARM_CANNOT_FIRE_ON_ONE_EVENT",
        "SampleCount, GreaterThanOrEqualToThreshold, 1, 1, NaN, FIRES",
        "SampleCount, GreaterThanOrEqualToThreshold, 2, 1, 0, ALARM_DEPENDS_ON_OTHER_EVENTS",
        "SampleCount, GreaterThanOrEqualToThreshold, 1, 5, 0, ALARM_STUCK_IN_ALARM",
        "Maximum, GreaterThanOrEqualToThreshold, 1, 1, 0, FIRES",
        "Maximum, GreaterThanOrEqualToThreshold, 1, 1, 1, ALARM_STUCK_IN_ALARM",
        "Minimum, GreaterThanOrEqualToThreshold, 1, 1, 0, ALARM_CANNOT_FIRE_ON_ONE_EVENT",
        "Minimum, GreaterThanOrEqualToThreshold, 1, 1, NaN, FIRES",
        "Average, GreaterThanOrEqualToThreshold, 1, 1, 0, ALARM_CANNOT_FIRE_ON_ONE_EVENT",
        "Average, GreaterThanThreshold, 0, 1, 0, FIRES",
        "Average, GreaterThanOrEqualToThreshold, 1, 3, 0, ALARM_DEPENDS_ON_OTHER_EVENTS",
        "p99, GreaterThanOrEqualToThreshold, 1, 1, 0, ALARM_DEPENDS_ON_OTHER_EVENTS",
        "p100, GreaterThanOrEqualToThreshold, 1, 1, 0, FIRES",
        "p50, GreaterThanOrEqualToThreshold, 1, 1, NaN, FIRES",
        "tm90, GreaterThanOrEqualToThreshold, 1, 1, NaN, ALARM_NOT_DECIDABLE",
        "wm99, GreaterThanOrEqualToThreshold, 1, 1, NaN, ALARM_NOT_DECIDABLE",
        "PR(1:), GreaterThanOrEqualToThreshold, 1, 1, NaN, ALARM_NOT_DECIDABLE",
    })
    void judge_statisticOverTheEventAndDefaults(String statistic, String comparison, double threshold, double value,
            double defaultValue, String expected) {
        Firing.Outcome outcome = Firing.judge(alarm(statistic, comparison, threshold, "notBreaching"),
                metric(defaultValue), value, ACCOUNT);

        assertThat(outcome.fires() ? "FIRES" : outcome.problem().name()).as(outcome.explanation())
                .isEqualTo(expected);
    }

    @Test
    void judge_metricValueFromTheEvent_notDecided() {
        Firing.Outcome outcome = Firing.judge(alarm("Sum", "GreaterThanOrEqualToThreshold", 1, ""), metric(Double.NaN),
                Double.NaN, ACCOUNT);

        assertThat(outcome.problem()).isEqualTo(ReasonCode.ALARM_NOT_DECIDABLE);
    }

    @Test
    void judge_subMinutePeriod_notDecided() {
        AlarmRecord alarm = alarm("Sum", "GreaterThanOrEqualToThreshold", 1, "");
        AlarmRecord tenSeconds = new AlarmRecord(alarm.alarmName(), alarm.alarmArn(), alarm.namespace(),
                alarm.metricName(), Map.of(), "Sum", 10, 1, 0, 1, alarm.comparisonOperator(), true,
                alarm.alarmActions(), List.of(), List.of(), List.of(), "", "", "", "");

        assertThat(Firing.judge(tenSeconds, metric(Double.NaN), 1, ACCOUNT).problem())
                .isEqualTo(ReasonCode.ALARM_NOT_DECIDABLE);
    }

    @Test
    void judge_mathQueryInAnotherAccount_isNotTheFiltersMetric() {
        AlarmRecord alarm = new AlarmRecord("a", "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:a", "", "",
                Map.of(), "", 0, 1, 0, 1, "GreaterThanOrEqualToThreshold", true, List.of(), List.of(), List.of(),
                List.of(new AlarmRecord.MathMetric("m1", "CISBenchmark", "Root", Map.of(), "Sum", false, "", "", 300,
                        "444455556666"), AlarmRecord.MathMetric.expression("e1", "FILL(m1, 0)", true)),
                "", "", "", "");

        assertThat(ChainEvaluator.watches(alarm, metric(Double.NaN), ACCOUNT)).isFalse();
        assertThat(ChainEvaluator.watches(alarm, metric(Double.NaN), "444455556666")).isTrue();
    }

    @Test
    void threshold_onIntervals_decidesFromTheEnds() {
        Threshold atLeastOne = new Threshold("GreaterThanOrEqualToThreshold", 1);

        assertThat(atLeastOne.on(Interval.point(1))).isEqualTo(Truth.ALL);
        assertThat(atLeastOne.on(Interval.between(0, 1))).isEqualTo(Truth.SOME);
        assertThat(atLeastOne.on(Interval.atLeast(1))).isEqualTo(Truth.ALL);
        assertThat(atLeastOne.on(Interval.atMost(0.5))).isEqualTo(Truth.NONE);
        // (1, 2]: every value is above 1; [0.5, 1) never reaches 1.
        assertThat(new Threshold("GreaterThanThreshold", 1).on(Interval.towards(2, 1))).isEqualTo(Truth.ALL);
        assertThat(atLeastOne.on(Interval.towards(0.5, 1))).isEqualTo(Truth.NONE);
        assertThat(new Threshold("LessThanOrEqualToThreshold", 1).on(Interval.towards(0.5, 1))).isEqualTo(Truth.ALL);
    }
}
