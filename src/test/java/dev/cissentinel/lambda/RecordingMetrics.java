package dev.cissentinel.lambda;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Powertools' {@link Metrics} interface, recording what the handler adds and whether it flushed. Outside
 * Lambda the EMF sink would probe EC2/ECS metadata endpoints; the handler's metrics are what we check.
 */
final class RecordingMetrics implements Metrics {

    final Map<String, Double> metrics = new LinkedHashMap<>();
    int flushes;

    @Override
    public void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution) {
        metrics.merge(key, value, Double::sum);
    }

    @Override
    public void addDimension(DimensionSet dimensionSet) {
    }

    @Override
    public void setTimestamp(Instant timestamp) {
    }

    @Override
    public void addMetadata(String key, Object value) {
    }

    @Override
    public void setDefaultDimensions(DimensionSet dimensionSet) {
    }

    @Override
    public DimensionSet getDefaultDimensions() {
        return DimensionSet.of(java.util.Map.of());
    }

    @Override
    public void setNamespace(String namespace) {
    }

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
    }

    @Override
    public void clearDefaultDimensions() {
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void captureColdStartMetric(com.amazonaws.services.lambda.runtime.Context context,
            DimensionSet dimensions) {
    }

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {
    }

    @Override
    public void flushMetrics(Consumer<Metrics> metricsConsumer) {
    }
}
