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
     * @param metricValue AWS's text: a number or a {@code $.selector}
     * @param dimensions dimension name to {@code $.selector}; empty for none
     */
    public record MetricTransformation(String metricName, String metricNamespace, String metricValue,
            Map<String, String> dimensions) {
        public MetricTransformation {
            Objects.requireNonNull(metricName, "metricName");
            Objects.requireNonNull(metricNamespace, "metricNamespace");
            Objects.requireNonNull(metricValue, "metricValue");
            dimensions = Map.copyOf(dimensions);
        }
    }
}
