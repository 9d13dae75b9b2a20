package dev.cissentinel.snapshot;

import dev.cissentinel.aws.Arn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * SDK model objects to snapshot records: pure functions, the one place that knows how AWS leaves fields out.
 * Lists AWS omitted are told apart from empty ones with {@code hasXxx()}; omitted scalars become the value AWS
 * documents as the default, or an empty string where the record says so.
 */
final class SdkRecords {

    private SdkRecords() {
    }

    /**
     * A trail from {@code DescribeTrails}. A trail always reports its home region; should it not, the region in
     * its ARN is the home region, and failing that the region that listed it.
     */
    static TrailRecord trail(Trail trail, Region listedIn) {
        String arn = text(trail.trailARN());
        String home = trail.homeRegion();
        if (home == null || home.isEmpty()) {
            home = Arn.parse(arn).map(Arn::region).filter(region -> !region.isEmpty()).orElse(listedIn.id());
        }
        return new TrailRecord(text(trail.name()), arn, home, Boolean.TRUE.equals(trail.isMultiRegionTrail()),
                text(trail.cloudWatchLogsLogGroupArn()));
    }

    /** A trail's selectors; a response with neither kind is {@link EventSelectors#none()}. */
    static EventSelectors eventSelectors(GetEventSelectorsResponse response) {
        List<EventSelectors.ClassicSelector> classic = new ArrayList<>();
        if (response.hasEventSelectors()) {
            for (EventSelector selector : response.eventSelectors()) {
                classic.add(classicSelector(selector));
            }
        }
        List<EventSelectors.AdvancedSelector> advanced = new ArrayList<>();
        if (response.hasAdvancedEventSelectors()) {
            for (AdvancedEventSelector selector : response.advancedEventSelectors()) {
                advanced.add(advancedSelector(selector));
            }
        }
        return new EventSelectors(classic, advanced);
    }

    /**
     * AWS's defaults for an omitted field: {@code IncludeManagementEvents} true, {@code ReadWriteType} All (kept
     * as "" here, as the record documents), no excluded sources.
     * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html
     */
    static EventSelectors.ClassicSelector classicSelector(EventSelector selector) {
        return new EventSelectors.ClassicSelector(text(selector.readWriteTypeAsString()),
                !Boolean.FALSE.equals(selector.includeManagementEvents()),
                selector.hasExcludeManagementEventSources() ? selector.excludeManagementEventSources() : List.of());
    }

    static EventSelectors.AdvancedSelector advancedSelector(AdvancedEventSelector selector) {
        List<EventSelectors.FieldSelector> fields = new ArrayList<>();
        if (selector.hasFieldSelectors()) {
            for (AdvancedFieldSelector field : selector.fieldSelectors()) {
                fields.add(fieldSelector(field));
            }
        }
        return new EventSelectors.AdvancedSelector(text(selector.name()), fields);
    }

    /** Only the operators AWS sent; an operator with an empty list is kept, an absent one is not. */
    static EventSelectors.FieldSelector fieldSelector(AdvancedFieldSelector field) {
        Map<String, List<String>> operators = new LinkedHashMap<>();
        putIf(operators, field.hasEqualsValue(), "Equals", field.equalsValue());
        putIf(operators, field.hasStartsWith(), "StartsWith", field.startsWith());
        putIf(operators, field.hasEndsWith(), "EndsWith", field.endsWith());
        putIf(operators, field.hasNotEquals(), "NotEquals", field.notEquals());
        putIf(operators, field.hasNotStartsWith(), "NotStartsWith", field.notStartsWith());
        putIf(operators, field.hasNotEndsWith(), "NotEndsWith", field.notEndsWith());
        return new EventSelectors.FieldSelector(text(field.field()), operators);
    }

    private static void putIf(Map<String, List<String>> operators, boolean present, String operator,
            List<String> values) {
        if (present) {
            operators.put(operator, List.copyOf(values));
        }
    }

    /**
     * A metric filter; an omitted pattern is the empty pattern, which matches every event. An omitted
     * {@code defaultValue} is NaN (nothing is emitted for a non-matching event) and an omitted {@code unit} is
     * empty (AWS publishes {@code None}).
     */
    static MetricFilterRecord metricFilter(MetricFilter filter) {
        List<MetricFilterRecord.MetricTransformation> transformations = new ArrayList<>();
        if (filter.hasMetricTransformations()) {
            for (MetricTransformation transformation : filter.metricTransformations()) {
                transformations.add(new MetricFilterRecord.MetricTransformation(text(transformation.metricName()),
                        text(transformation.metricNamespace()), text(transformation.metricValue()),
                        transformation.hasDimensions() ? transformation.dimensions() : Map.of(),
                        transformation.defaultValue() == null ? Double.NaN : transformation.defaultValue(),
                        text(transformation.unitAsString())));
            }
        }
        return new MetricFilterRecord(text(filter.filterName()), text(filter.logGroupName()),
                text(filter.filterPattern()), transformations);
    }

    /**
     * A metric alarm, single-metric or metric-math. Omitted: {@code DatapointsToAlarm} 0 (evaluation periods
     * apply), {@code ActionsEnabled} true (AWS's default), {@code Threshold} NaN (anomaly-detection alarms),
     * {@code ReturnData} true (AWS's default for a query); {@code Unit}, {@code TreatMissingData},
     * {@code EvaluateLowSampleCountPercentile} and {@code ThresholdMetricId} empty (the record says what AWS does
     * then).
     */
    static AlarmRecord alarm(MetricAlarm alarm) {
        String statistic = alarm.statisticAsString() != null ? alarm.statisticAsString()
                : text(alarm.extendedStatistic());
        List<AlarmRecord.MathMetric> metrics = new ArrayList<>();
        if (alarm.hasMetrics()) {
            for (MetricDataQuery query : alarm.metrics()) {
                metrics.add(mathMetric(query));
            }
        }
        return new AlarmRecord(text(alarm.alarmName()), text(alarm.alarmArn()), text(alarm.namespace()),
                text(alarm.metricName()), alarm.hasDimensions() ? dimensions(alarm.dimensions()) : Map.of(),
                statistic, number(alarm.period()), number(alarm.evaluationPeriods()),
                number(alarm.datapointsToAlarm()), alarm.threshold() == null ? Double.NaN : alarm.threshold(),
                text(alarm.comparisonOperatorAsString()), !Boolean.FALSE.equals(alarm.actionsEnabled()),
                alarm.hasAlarmActions() ? alarm.alarmActions() : List.of(),
                alarm.hasOkActions() ? alarm.okActions() : List.of(),
                alarm.hasInsufficientDataActions() ? alarm.insufficientDataActions() : List.of(), metrics,
                text(alarm.unitAsString()), text(alarm.treatMissingData()),
                text(alarm.evaluateLowSampleCountPercentile()), text(alarm.thresholdMetricId()));
    }

    static AlarmRecord.MathMetric mathMetric(MetricDataQuery query) {
        MetricStat stat = query.metricStat();
        boolean returnData = !Boolean.FALSE.equals(query.returnData());
        if (stat == null || stat.metric() == null) {
            return new AlarmRecord.MathMetric(text(query.id()), "", "", Map.of(), "", returnData,
                    text(query.expression()), "", number(query.period()), text(query.accountId()));
        }
        var metric = stat.metric();
        return new AlarmRecord.MathMetric(text(query.id()), text(metric.namespace()), text(metric.metricName()),
                metric.hasDimensions() ? dimensions(metric.dimensions()) : Map.of(), text(stat.stat()), returnData,
                text(query.expression()), text(stat.unitAsString()), number(stat.period()), text(query.accountId()));
    }

    /** A subscription; {@code PendingConfirmation} stays as AWS wrote it, so the record can say it is pending. */
    static SubscriptionRecord subscription(Subscription subscription) {
        return new SubscriptionRecord(text(subscription.subscriptionArn()), text(subscription.protocol()),
                text(subscription.endpoint()));
    }

    /**
     * A failed call: AWS's error code when the service answered, else the SDK exception's class name (no
     * connection, a timeout). The message is AWS's, or the SDK's.
     */
    static ReadFailure failure(String action, Region region, String resource, SdkException error) {
        String code = error.getClass().getSimpleName();
        String message = error.getMessage();
        if (error instanceof AwsServiceException) {
            AwsErrorDetails details = ((AwsServiceException) error).awsErrorDetails();
            if (details != null && details.errorCode() != null && !details.errorCode().isEmpty()) {
                code = details.errorCode();
            }
            if (details != null && details.errorMessage() != null) {
                message = details.errorMessage();
            }
        }
        return new ReadFailure(action, region.id(), resource, new FailureCause.AwsError(code,
                Objects.requireNonNullElse(message, "")));
    }

    private static Map<String, String> dimensions(List<Dimension> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Dimension dimension : dimensions) {
            out.put(text(dimension.name()), text(dimension.value()));
        }
        return out;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static int number(Integer value) {
        return value == null ? 0 : value;
    }
}
