package dev.cissentinel.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A CloudWatch metric alarm ({@code DescribeAlarms}), with every field that decides whether and when it fires
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html).
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
 * @param unit the unit the alarm reads; empty when unset (it then reads every unit)
 * @param treatMissingData {@code missing}, {@code notBreaching}, {@code breaching} or {@code ignore}; empty when
 *     unset, which AWS treats as {@code missing}
 * @param evaluateLowSampleCountPercentile {@code evaluate} or {@code ignore}; empty when unset ({@code evaluate})
 * @param thresholdMetricId the query whose band is the threshold (anomaly detection); empty for a fixed threshold
 */
public record AlarmRecord(String alarmName, String alarmArn, String namespace, String metricName,
        Map<String, String> dimensions, String statistic, int period, int evaluationPeriods,
        int datapointsToAlarm, double threshold, String comparisonOperator, boolean actionsEnabled,
        List<String> alarmActions, List<String> okActions, List<String> insufficientDataActions,
        List<MathMetric> metrics, String unit, String treatMissingData, String evaluateLowSampleCountPercentile,
        String thresholdMetricId) {

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
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(treatMissingData, "treatMissingData");
        Objects.requireNonNull(evaluateLowSampleCountPercentile, "evaluateLowSampleCountPercentile");
        Objects.requireNonNull(thresholdMetricId, "thresholdMetricId");
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
     *
     * @param unit the unit the query reads; empty when unset
     * @param period the query's period in seconds; 0 when unset
     * @param accountId the account whose metric the query reads; empty for the alarm's own account
     */
    public record MathMetric(String id, String namespace, String metricName, Map<String, String> dimensions,
            String stat, boolean returnData, String expression, String unit, int period, String accountId) {
        public MathMetric {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(metricName, "metricName");
            dimensions = Map.copyOf(dimensions);
            Objects.requireNonNull(stat, "stat");
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(accountId, "accountId");
        }

        /** A query reading a metric with a statistic (no unit, period or account). */
        public static MathMetric metric(String id, String namespace, String metricName, Map<String, String> dimensions,
                String stat, boolean returnData) {
            return new MathMetric(id, namespace, metricName, dimensions, stat, returnData, "", "", 0, "");
        }

        /** A query computing an expression. */
        public static MathMetric expression(String id, String expression, boolean returnData) {
            return new MathMetric(id, "", "", Map.of(), "", returnData, expression, "", 0, "");
        }

        public boolean isExpression() {
            return namespace.isEmpty() && metricName.isEmpty();
        }
    }
}
