package dev.cissentinel.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CloudWatch metric alarm ({@code DescribeAlarms}), with every field the controls look at.
 *
 * @param namespace the metric's namespace; empty for a metric-math alarm (see {@code metrics})
 * @param metricName the metric's name; empty for a metric-math alarm
 * @param statistic AWS's statistic name ({@code Sum}, {@code Maximum}, …) or the extended statistic
 *     ({@code p90}); empty for a metric-math alarm
 * @param datapointsToAlarm 0 when AWS left it unset (then evaluation periods applies)
 * @param threshold {@code NaN} when the alarm has none: an anomaly-detection alarm compares with a band
 *     ({@code ThresholdMetricId}) instead
 * @param actionsEnabled true when AWS left it out, which is AWS's default
 * @param dimensions the alarm's metric dimensions, name to value
 * @param metrics for a metric-math alarm, one entry per query (metric or expression); empty otherwise
 */
public record AlarmRecord(String alarmName, String alarmArn, String namespace, String metricName,
        Map<String, String> dimensions, String statistic, int period, int evaluationPeriods,
        int datapointsToAlarm, double threshold, String comparisonOperator, boolean actionsEnabled,
        List<String> alarmActions, List<String> okActions, List<String> insufficientDataActions,
        List<MathMetric> metrics) {

    public AlarmRecord {
        Objects.requireNonNull(alarmName, "alarmName");
        Objects.requireNonNull(alarmArn, "alarmArn");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(metricName, "metricName");
        dimensions = Map.copyOf(dimensions);
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(comparisonOperator, "comparisonOperator");
        alarmActions = List.copyOf(alarmActions);
        okActions = List.copyOf(okActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
        metrics = List.copyOf(metrics);
    }

    /** Datapoints that must breach: datapoints-to-alarm when set, else evaluation periods. */
    public int datapointsNeeded() {
        return datapointsToAlarm > 0 ? datapointsToAlarm : evaluationPeriods;
    }

    public boolean isMetricMath() {
        return !metrics.isEmpty();
    }

    /**
     * One query of a metric-math alarm: a metric it reads with a statistic, or an expression (then namespace,
     * metric name and stat are empty).
     */
    public record MathMetric(String id, String namespace, String metricName, Map<String, String> dimensions,
            String stat, boolean returnData, String expression) {
        public MathMetric {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(metricName, "metricName");
            dimensions = Map.copyOf(dimensions);
            Objects.requireNonNull(stat, "stat");
            Objects.requireNonNull(expression, "expression");
        }
    }
}
