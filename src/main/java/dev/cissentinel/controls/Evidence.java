package dev.cissentinel.controls;

import dev.cissentinel.snapshot.AlarmRecord;
import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import dev.cissentinel.snapshot.TopicRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the evaluator saw at one link of a chain, as typed values: code that acts on a chain (the remediation
 * planner, the confirmation step) reads these, never the display strings. {@link #attributes()} renders them for
 * people: the table, the JSON output's {@code attributes} and the finding's resource details.
 */
public sealed interface Evidence permits Evidence.Trail, Evidence.LogGroup, Evidence.FilterEvidence, Evidence.Alarm,
        Evidence.TopicEvidence {

    /** The kind of link this evidence belongs to. */
    Link.Kind linkKind();

    /** The evidence for display, in display order (names are part of the JSON output: keep them stable). */
    Map<String, String> attributes();

    /** What a metric filter link shows: the filter's pattern and log group, then what the chain made of it. */
    sealed interface FilterEvidence extends Evidence permits Filter, MissedFilter {
        String filterPattern();

        String logGroup();

        @Override
        default Link.Kind linkKind() {
            return Link.Kind.METRIC_FILTER;
        }

        /** The attributes every filter link starts with. */
        default Map<String, String> patternAndGroup() {
            Map<String, String> shown = new LinkedHashMap<>();
            shown.put("filterPattern", filterPattern());
            shown.put("logGroup", logGroup());
            return shown;
        }
    }

    /** What a topic link shows: the topic as read, or why it was not. */
    sealed interface TopicEvidence extends Evidence permits Topic, TopicElsewhere, UnreadTopic {
        @Override
        default Link.Kind linkKind() {
            return Link.Kind.TOPIC;
        }
    }

    /** A multi-region trail. */
    record Trail(String homeRegion) implements Evidence {
        public Trail {
            Objects.requireNonNull(homeRegion, "homeRegion");
        }

        @Override
        public Link.Kind linkKind() {
            return Link.Kind.TRAIL;
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("homeRegion", homeRegion);
        }
    }

    /** The trail's CloudWatch Logs group, and the account its ARN names. */
    record LogGroup(String accountId) implements Evidence {
        public LogGroup {
            Objects.requireNonNull(accountId, "accountId");
        }

        @Override
        public Link.Kind linkKind() {
            return Link.Kind.LOG_GROUP;
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("accountId", accountId);
        }
    }

    /** A metric filter that covers the reference, and the one metric transformation the chain follows. */
    record Filter(String filterPattern, String logGroup, MetricTransformation metric) implements FilterEvidence {
        public Filter {
            Objects.requireNonNull(filterPattern, "filterPattern");
            Objects.requireNonNull(logGroup, "logGroup");
            Objects.requireNonNull(metric, "metric");
        }

        @Override
        public Map<String, String> attributes() {
            Map<String, String> shown = patternAndGroup();
            shown.put("metricName", metric.metricName());
            shown.put("metricNamespace", metric.metricNamespace());
            shown.put("metricValue", metric.metricValue());
            if (metric.hasDefaultValue()) {
                shown.put("defaultValue", Firing.format(metric.defaultValue()));
            }
            shown.put("unit", metric.publishedUnit());
            if (!metric.dimensions().isEmpty()) {
                shown.put("dimensions", String.join(",", metric.dimensions().keySet().stream().sorted().toList()));
                shown.put("dimensionFields", String.join(",", metric.dimensions().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey()).map(entry -> entry.getKey() + "=" + entry.getValue())
                        .toList()));
            }
            return shown;
        }
    }

    /**
     * The filter a NO_COVERING_METRIC_FILTER explanation is about.
     *
     * @param coversReference true when the pattern covers the reference and the metric value is the problem
     * @param metricValue that metric value; empty when the pattern is the problem
     */
    record MissedFilter(String filterPattern, String logGroup, boolean coversReference, String metricValue)
            implements FilterEvidence {
        public MissedFilter {
            Objects.requireNonNull(filterPattern, "filterPattern");
            Objects.requireNonNull(logGroup, "logGroup");
            Objects.requireNonNull(metricValue, "metricValue");
        }

        @Override
        public Map<String, String> attributes() {
            Map<String, String> shown = patternAndGroup();
            shown.put("coversReference", Boolean.toString(coversReference));
            if (coversReference) {
                shown.put("metricValue", metricValue);
            }
            return shown;
        }
    }

    /**
     * An alarm on the filter's metric, as read.
     *
     * @param filterHasDimensions whether the filter's metric has dimensions (then the alarm's values are shown)
     */
    record Alarm(AlarmRecord alarm, boolean filterHasDimensions) implements Evidence {
        public Alarm {
            Objects.requireNonNull(alarm, "alarm");
        }

        @Override
        public Link.Kind linkKind() {
            return Link.Kind.ALARM;
        }

        @Override
        public Map<String, String> attributes() {
            Map<String, String> shown = new LinkedHashMap<>();
            shown.put("statistic", alarm.isMetricMath() ? "metric math" : alarm.statistic());
            shown.put("threshold", alarm.comparisonOperator() + " " + Firing.format(alarm.threshold()));
            shown.put("period", Integer.toString(alarm.period()));
            shown.put("datapointsToAlarm", Integer.toString(alarm.datapointsNeeded()));
            shown.put("actionsEnabled", Boolean.toString(alarm.actionsEnabled()));
            if (!alarm.unit().isEmpty()) {
                shown.put("unit", alarm.unit());
            }
            if (!alarm.treatMissingData().isEmpty()) {
                shown.put("treatMissingData", alarm.treatMissingData());
            }
            if (filterHasDimensions && !alarm.isMetricMath()) {
                shown.put("dimensionValues", String.join(",", alarm.dimensions().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey()).map(entry -> entry.getKey() + "=" + entry.getValue())
                        .toList()));
            }
            alarm.metrics().stream().filter(AlarmRecord.MathMetric::returnData).findFirst()
                    .filter(AlarmRecord.MathMetric::isExpression)
                    .ifPresent(result -> shown.put("expression", result.id() + " = " + result.expression()));
            return shown;
        }
    }

    /** An SNS topic the alarm notifies, as ListSubscriptionsByTopic read it (or found it missing). */
    record Topic(TopicRecord topic) implements TopicEvidence {
        public Topic {
            Objects.requireNonNull(topic, "topic");
        }

        @Override
        public Map<String, String> attributes() {
            if (!topic.exists()) {
                return Map.of("exists", "false");
            }
            Map<String, String> shown = new LinkedHashMap<>();
            shown.put("confirmedSubscriptions", Long.toString(topic.confirmedSubscriptions()));
            shown.put("subscriptions", Integer.toString(topic.subscriptions().size()));
            return shown;
        }
    }

    /** A topic in a region the alarm cannot notify (an alarm notifies topics in its own region only). */
    record TopicElsewhere() implements TopicEvidence {
        @Override
        public Map<String, String> attributes() {
            return Map.of("notifiable", "false");
        }
    }

    /** A topic whose subscriptions could not be read (the verdict's read failure says why). */
    record UnreadTopic() implements TopicEvidence {
        @Override
        public Map<String, String> attributes() {
            return Map.of();
        }
    }
}
