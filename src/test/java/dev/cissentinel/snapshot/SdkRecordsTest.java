package dev.cissentinel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The SDK-to-record mapping, on SDK model objects the real SDK unmarshalled from recorded AWS responses
 * ({@code src/test/resources/snapshot/recorded}): the shapes moto does not produce.
 */
class SdkRecordsTest {

    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:security-alerts";

    @Test
    void eventSelectors_recordedClassicSelectors_keepsReadWriteTypeAndAppliesAwsDefaults() {
        EventSelectors selectors;
        try (CloudTrailClient cloudTrail = cloudTrail("cloudtrail-get-event-selectors-classic.json")) {
            selectors = SdkRecords.eventSelectors(cloudTrail.getEventSelectors(r -> r.trailName(TRAIL)));
        }

        assertThat(selectors.advanced()).isEmpty();
        assertThat(selectors.classic()).containsExactly(
                new EventSelectors.ClassicSelector("All", true, List.of()),
                // IncludeManagementEvents left out: AWS's default, true.
                new EventSelectors.ClassicSelector("WriteOnly", true, List.of("kms.amazonaws.com")));
    }

    @Test
    void eventSelectors_recordedAdvancedSelectors_keepsOnlyTheOperatorsAwsSent() {
        EventSelectors selectors;
        try (CloudTrailClient cloudTrail = cloudTrail("cloudtrail-get-event-selectors-advanced.json")) {
            selectors = SdkRecords.eventSelectors(cloudTrail.getEventSelectors(r -> r.trailName(TRAIL)));
        }

        assertThat(selectors.classic()).isEmpty();
        assertThat(selectors.advanced()).containsExactly(
                new EventSelectors.AdvancedSelector("Management events except KMS and RDS Data API", List.of(
                        new EventSelectors.FieldSelector("eventCategory", Map.of("Equals", List.of("Management"))),
                        new EventSelectors.FieldSelector("eventSource",
                                Map.of("NotEquals", List.of("kms.amazonaws.com", "rdsdata.amazonaws.com"))))),
                new EventSelectors.AdvancedSelector("Writes to the audit bucket", List.of(
                        new EventSelectors.FieldSelector("eventCategory", Map.of("Equals", List.of("Data"))),
                        new EventSelectors.FieldSelector("resources.type",
                                Map.of("Equals", List.of("AWS::S3::Object"))),
                        new EventSelectors.FieldSelector("readOnly", Map.of("Equals", List.of("false"))),
                        new EventSelectors.FieldSelector("resources.ARN", Map.of(
                                "StartsWith", List.of("arn:aws:s3:::audit-evidence/"),
                                "NotEndsWith", List.of(".tmp"))))));
    }

    @Test
    void eventSelectors_recordedResponseWithNeitherKind_isNone() {
        EventSelectors selectors;
        try (CloudTrailClient cloudTrail = cloudTrail("cloudtrail-get-event-selectors-none.json")) {
            selectors = SdkRecords.eventSelectors(cloudTrail.getEventSelectors(r -> r.trailName(TRAIL)));
        }

        assertThat(selectors).isEqualTo(EventSelectors.none());
    }

    @Test
    void subscription_recordedPendingConfirmation_isNotConfirmed() {
        List<SubscriptionRecord> subscriptions;
        try (SnsClient sns = SnsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(RecordedHttpClient.of("snapshot/recorded/sns-list-subscriptions-by-topic.xml")).build()) {
            subscriptions = sns.listSubscriptionsByTopic(r -> r.topicArn(TOPIC)).subscriptions().stream()
                    .map(SdkRecords::subscription).toList();
        }

        assertThat(subscriptions).containsExactly(
                new SubscriptionRecord("PendingConfirmation", "email", "secops@example.com"),
                new SubscriptionRecord(TOPIC + ":7f2c6a1e-4b9d-4c3f-a6e2-1d5b8e0f9a34", "sqs",
                        "arn:aws:sqs:us-east-1:123456789012:security-alerts-queue"));
        assertThat(subscriptions.get(0).confirmed()).isFalse();
        assertThat(subscriptions.get(1).confirmed()).isTrue();
        assertThat(new TopicRecord(TOPIC, true, subscriptions).confirmedSubscriptions()).isEqualTo(1);
    }

    @Test
    void alarm_recordedMetricMathAlarm_keepsEveryQueryAndLeavesTheMetricFieldsEmpty() {
        AlarmRecord alarm = recordedAlarms().get(0);

        assertThat(alarm.alarmName()).isEqualTo("root-usage-math");
        assertThat(alarm.isMetricMath()).isTrue();
        assertThat(alarm.namespace()).isEmpty();
        assertThat(alarm.metricName()).isEmpty();
        assertThat(alarm.statistic()).isEmpty();
        assertThat(alarm.dimensions()).isEmpty();
        assertThat(alarm.metrics()).containsExactly(
                new AlarmRecord.MathMetric("m1", "CISBenchmark", "RootAccountUsage", Map.of(), "Sum", false, "",
                        "Count", 300, ""),
                new AlarmRecord.MathMetric("e1", "", "", Map.of(), "", true, "FILL(m1, 0)", "", 0, ""));
        assertThat(alarm.treatMissingData()).isEqualTo("notBreaching");
        assertThat(alarm.unit()).isEmpty();
        assertThat(alarm.threshold()).isEqualTo(1.0);
        assertThat(alarm.comparisonOperator()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(alarm.evaluationPeriods()).isEqualTo(1);
        assertThat(alarm.datapointsToAlarm()).isZero();
        assertThat(alarm.datapointsNeeded()).isEqualTo(1);
        assertThat(alarm.actionsEnabled()).isTrue();
        assertThat(alarm.alarmActions()).containsExactly(TOPIC);
        assertThat(alarm.okActions()).isEmpty();
    }

    @Test
    void alarm_recordedExtendedStatisticAlarm_keepsStatisticDimensionsAndActions() {
        AlarmRecord alarm = recordedAlarms().get(1);

        assertThat(alarm).isEqualTo(new AlarmRecord("sign-in-failures-p90",
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:sign-in-failures-p90", "Security",
                "ConsoleSignInFailures", Map.of("User", "arn:aws:iam::123456789012:user/alice"), "p90", 60, 3, 2, 5.0,
                "GreaterThanThreshold", false, List.of(), List.of("arn:aws:sns:us-east-1:123456789012:ok-only"),
                List.of(), List.of(), "Count", "breaching", "ignore", ""));
    }

    @Test
    void alarm_recordedAnomalyDetectionAlarm_hasNoThreshold() {
        AlarmRecord alarm = recordedAlarms().get(2);

        assertThat(alarm.threshold()).isNaN();
        assertThat(alarm.comparisonOperator()).isEqualTo("GreaterThanUpperThreshold");
        assertThat(alarm.metrics()).extracting(AlarmRecord.MathMetric::id, AlarmRecord.MathMetric::metricName,
                AlarmRecord.MathMetric::accountId).containsExactly(tuple("m1", "UnauthorizedAPICalls", "444455556666"),
                        tuple("ad1", "", ""));
        assertThat(alarm.thresholdMetricId()).isEqualTo("ad1");
    }

    @Test
    void alarm_fieldsAwsLeftOut_takeTheDocumentedDefaults() {
        AlarmRecord alarm = SdkRecords.alarm(MetricAlarm.builder().alarmName("bare")
                .alarmArn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:bare").build());

        assertThat(alarm.actionsEnabled()).isTrue();
        assertThat(alarm.threshold()).isNaN();
        assertThat(alarm.statistic()).isEmpty();
        assertThat(alarm.comparisonOperator()).isEmpty();
        assertThat(alarm.alarmActions()).isEmpty();
        assertThat(alarm.metrics()).isEmpty();
        assertThat(alarm.unit()).isEmpty();
        assertThat(alarm.treatMissingData()).isEmpty();
        assertThat(alarm.evaluateLowSampleCountPercentile()).isEmpty();
        assertThat(alarm.thresholdMetricId()).isEmpty();
    }

    @Test
    void metricFilter_recordedFilters_keepTransformationsWithAndWithoutDimensions() {
        List<MetricFilterRecord> filters;
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(RecordedHttpClient.of("snapshot/recorded/logs-describe-metric-filters.json")).build()) {
            filters = logs.describeMetricFilters(r -> r.logGroupName("aws-cloudtrail-logs")).metricFilters().stream()
                    .map(SdkRecords::metricFilter).toList();
        }

        assertThat(filters.get(0).filterName()).isEqualTo("RootAccountUsage");
        assertThat(filters.get(0).logGroupName()).isEqualTo("aws-cloudtrail-logs");
        assertThat(filters.get(0).filterPattern()).startsWith("{ $.userIdentity.type = \"Root\"");
        assertThat(filters).hasSize(3);
        // No defaultValue, no unit: nothing emitted for other events, datapoints published as None.
        assertThat(filters.get(0).metricTransformations()).containsExactly(
                MetricFilterRecord.MetricTransformation.of("RootAccountUsage", "CISBenchmark", "1", Map.of()));
        assertThat(filters.get(0).metricTransformations().get(0).hasDefaultValue()).isFalse();
        assertThat(filters.get(0).metricTransformations().get(0).publishedUnit()).isEqualTo("None");
        assertThat(filters.get(1).metricTransformations()).containsExactly(
                new MetricFilterRecord.MetricTransformation("ConsoleSignInFailures", "Security", "1",
                        Map.of("User", "$.userIdentity.arn"), Double.NaN, "Count"));
        assertThat(filters.get(2).metricTransformations()).containsExactly(
                new MetricFilterRecord.MetricTransformation("CloudTrailConfigChanges", "CISBenchmark",
                        "$.requestParameters.count", Map.of(), 0.0, "Seconds"));
    }

    @Test
    void trail_recordedTrails_keepHomeRegionAndAnEmptyLogGroupWhenThereIsNone() {
        List<TrailRecord> trails;
        try (CloudTrailClient cloudTrail = cloudTrail("cloudtrail-describe-trails.json")) {
            trails = cloudTrail.describeTrails(r -> r.includeShadowTrails(true)).trailList().stream()
                    .map(trail -> SdkRecords.trail(trail, Region.US_EAST_1)).toList();
        }

        assertThat(trails).containsExactly(
                new TrailRecord("management-events", TRAIL, "us-east-1", true,
                        "arn:aws:logs:us-east-1:123456789012:log-group:aws-cloudtrail-logs:*"),
                new TrailRecord("org-trail", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail", "eu-west-1",
                        true, "arn:aws:logs:eu-west-1:111122223333:log-group:org-trail:*"),
                new TrailRecord("regional-data-events",
                        "arn:aws:cloudtrail:us-east-1:123456789012:trail/regional-data-events", "us-east-1", false,
                        ""));
    }

    @Test
    void trail_withoutHomeRegion_takesTheRegionInItsArn() {
        TrailRecord trail = SdkRecords.trail(Trail.builder().name("t")
                .trailARN("arn:aws:cloudtrail:ap-south-1:123456789012:trail/t").build(), Region.US_EAST_1);

        assertThat(trail.homeRegion()).isEqualTo("ap-south-1");
        assertThat(trail.isMultiRegionTrail()).isFalse();
    }

    @Test
    void failure_serviceError_recordsAwsErrorCodeAndMessage() {
        AwsServiceException denied = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: logs:DescribeMetricFilters").build())
                .build();

        ReadFailure failure = SdkRecords.failure("logs:DescribeMetricFilters", Region.EU_WEST_1, "group", denied);

        assertThat(failure).isEqualTo(new ReadFailure("logs:DescribeMetricFilters", "eu-west-1", "group",
                new FailureCause.AwsError("AccessDeniedException",
                        "not authorized to perform: logs:DescribeMetricFilters")));
    }

    @Test
    void failure_noAnswer_recordsTheSdkExceptionName() {
        ReadFailure failure = SdkRecords.failure("sns:ListSubscriptionsByTopic", Region.US_EAST_1, TOPIC,
                SdkClientException.create("Unable to execute HTTP request: Connection refused"));

        assertThat(failure.errorCode()).isEqualTo("SdkClientException");
        assertThat(failure.message()).isEqualTo("Unable to execute HTTP request: Connection refused");
    }

    private static List<AlarmRecord> recordedAlarms() {
        try (CloudWatchClient cloudWatch = CloudWatchClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(RecordedHttpClient.of("snapshot/recorded/cloudwatch-describe-alarms.xml")).build()) {
            return cloudWatch.describeAlarms().metricAlarms().stream().map(SdkRecords::alarm).toList();
        }
    }

    private static CloudTrailClient cloudTrail(String recorded) {
        return CloudTrailClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(RecordedHttpClient.of("snapshot/recorded/" + recorded)).build();
    }
}
