package dev.cissentinel.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A metric filter on a log group ({@code DescribeMetricFilters}), with its metric transformations. */
public record MetricFilterRecord(String filterName, String logGroupName, String filterPattern,
        List<MetricTransformation> metricTransformations) {

    public MetricFilterRecord {
        Objects.requireNonNull(filterName, "filterName");
        Objects.requireNonNull(logGroupName, "logGroupName");
        Objects.requireNonNull(filterPattern, "filterPattern");
        metricTransformations = List.copyOf(metricTransformations);
    }

    /**
     * Every field of AWS's {@code MetricTransformation} that decides what the metric receives
     * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html).
     *
     * @param metricValue AWS's text: a number or a {@code $.selector}
     * @param dimensions dimension name to {@code $.selector}; empty for none
     * @param defaultValue what is emitted when the pattern does not match; {@code NaN} when AWS sent none
     * @param unit the unit the datapoints are published with; empty when AWS sent none, which AWS publishes as
     *     {@code None}
     */
    public record MetricTransformation(String metricName, String metricNamespace, String metricValue,
            Map<String, String> dimensions, double defaultValue, String unit) {
        public MetricTransformation {
            Objects.requireNonNull(metricName, "metricName");
            Objects.requireNonNull(metricNamespace, "metricNamespace");
            Objects.requireNonNull(metricValue, "metricValue");
            dimensions = Map.copyOf(dimensions);
            Objects.requireNonNull(unit, "unit");
        }

        /** A transformation with no default value and no unit, as most CIS filters are written. */
        public static MetricTransformation of(String metricName, String metricNamespace, String metricValue,
                Map<String, String> dimensions) {
            return new MetricTransformation(metricName, metricNamespace, metricValue, dimensions, Double.NaN, "");
        }

        public boolean hasDefaultValue() {
            return !Double.isNaN(defaultValue);
        }

        /** The unit the datapoints carry: AWS publishes {@code None} when the filter names no unit. */
        public String publishedUnit() {
            return unit.isEmpty() ? "None" : unit;
        }
    }
}
