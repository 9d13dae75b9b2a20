package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.Status;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * End to end on moto_server: an account seeded through the SDK, scanned with the real reader and evaluator,
 * one test per reason code of the contract and per chain variant. Each test starts from an empty emulator.
 */
@ExtendWith(EmulatorExtension.class)
class ScanIT {

    private static final Region HOME = Region.US_EAST_1;

    private TestAccount account;
    private Emulator emulator;
    private TestAccount.LogGroup group;
    private String topic;

    @BeforeEach
    void emptyAccount(TestAccount testAccount, Emulator testEmulator) {
        testEmulator.reset();
        this.account = testAccount;
        this.emulator = testEmulator;
    }

    /** Trail → group → one filter per control → alarm → topic with a subscriber, every link as the contract wants. */
    private void compliantAccount() {
        TestAccount.Compliant compliant = account.compliantAccount();
        group = compliant.group();
        topic = compliant.topicArn();
    }

    @Test
    void scan_compliantAccount_allPassedWithEveryLinkNamedInSevenCalls() {
        compliantAccount();

        Result result = scan();

        assertThat(result.byId.values()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.PASSED);
            assertThat(r.verdict().chain().links()).extracting(Link::kind).containsExactly(Link.Kind.TRAIL,
                    Link.Kind.LOG_GROUP, Link.Kind.METRIC_FILTER, Link.Kind.ALARM, Link.Kind.TOPIC);
        });
        assertThat(result.scan.awsCalls()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sts:GetCallerIdentity", 1, "cloudtrail:DescribeTrails", 1, "cloudtrail:GetTrailStatus", 1,
                "cloudtrail:GetEventSelectors", 1, "logs:DescribeMetricFilters", 1, "cloudwatch:DescribeAlarms", 1,
                "sns:ListSubscriptionsByTopic", 1));
        assertThat(result.scan.totalAwsCalls()).isLessThanOrEqualTo(12);
    }

    @Test
    void scan_singleRegionTrailOnly_noMultiRegionTrail() {
        group = account.logGroup("g");
        account.trail("regional").multiRegion(false).logGroup(group).create();

        assertThat(scan().reason("CloudWatch.1")).isEqualTo("NO_MULTI_REGION_TRAIL");
    }

    @Test
    void scan_trailStopped_trailNotLogging() {
        group = account.logGroup("g");
        account.trail("stopped").logging(false).logGroup(group).create();

        assertThat(scan().reason("CloudWatch.2")).isEqualTo("TRAIL_NOT_LOGGING");
    }

    @Test
    void scan_classicWriteOnlySelector_managementEventsIncomplete() {
        group = account.logGroup("g");
        account.trail("writes").classicSelector(ReadWriteType.WRITE_ONLY, true).logGroup(group).create();

        ControlResult root = scan().byId.get("CloudWatch.1");
        assertThat(root.verdict().reason().name()).isEqualTo("TRAIL_MANAGEMENT_EVENTS_INCOMPLETE");
        // What the selector drops, not "events the control needs".
        assertThat(root.verdict().explanation()).contains("drops the read-only ones").doesNotContain("needs:");
    }

    @Test
    void scan_advancedSelectorExcludingKms_qualifiesForIamButNotForRoot() {
        compliantAccount();
        account.clients().cloudTrail(HOME).putEventSelectors(r -> r.trailName("management")
                .advancedEventSelectors(s -> s.name("no-kms").fieldSelectors(
                        AdvancedFieldSelector.builder().field("eventCategory").equalsValue("Management").build(),
                        AdvancedFieldSelector.builder().field("eventSource").notEquals("kms.amazonaws.com").build())));

        Result result = scan();

        assertThat(result.status("CloudWatch.4")).isEqualTo(Status.PASSED);
        assertThat(result.reason("CloudWatch.1")).isEqualTo("TRAIL_MANAGEMENT_EVENTS_INCOMPLETE");
    }

    @Test
    void scan_advancedReadOnlyCondition_managementEventsIncomplete() {
        group = account.logGroup("g");
        account.trail("writes-only").advancedManagementSelector(AdvancedFieldSelector.builder().field("readOnly")
                .equalsValue("false").build()).logGroup(group).create();

        assertThat(scan().reason("CloudWatch.6")).isEqualTo("TRAIL_MANAGEMENT_EVENTS_INCOMPLETE");
    }

    @Test
    void scan_trailToS3Only_trailWithoutLogGroup() {
        account.trail("s3-only").create();

        assertThat(scan().reason("CloudWatch.5")).isEqualTo("TRAIL_WITHOUT_LOG_GROUP");
    }

    @Test
    void scan_filterMissingOneIamEvent_noCoveringFilterWithTheMissedEvent() {
        group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        String pattern = ControlTable.byId("CloudWatch.4").orElseThrow().cisPattern()
                .replace("||($.eventName=DeletePolicyVersion)", "");
        account.metricFilter(group, "iam", pattern).create();

        ControlResult iam = scan().byId.get("CloudWatch.4");

        assertThat(iam.verdict().reason().name()).isEqualTo("NO_COVERING_METRIC_FILTER");
        // The filter that misses the event is evidence, named by its log group, account and region.
        assertThat(iam.verdict().chain().find(Link.Kind.METRIC_FILTER)).hasValueSatisfying(filter -> {
            assertThat(filter.name()).isEqualTo("iam");
            assertThat(filter.id()).isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:g:metric-filter:iam");
            assertThat(filter.attributes()).containsEntry("coversReference", "false");
        });
        assertThat(iam.verdict().counterexample()).hasValueSatisfying(event -> {
            assertThat(event.path("eventName").asText()).isEqualTo("DeletePolicyVersion");
            assertThat(event.path("eventSource").asText()).isEqualTo("iam.amazonaws.com");
        });
    }

    @Test
    void scan_filterWithoutAlarm_noAlarmOnMetric() {
        group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        account.metricFilter(group, "root", ControlTable.all().get(0).cisPattern()).create();

        assertThat(scan().reason("CloudWatch.1")).isEqualTo("NO_ALARM_ON_METRIC");
    }

    @Test
    void scan_filterWithDimensionsAlarmWithout_noAlarmOnMetric_andOneFixedValueMissesTheOtherEvents() {
        group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        topic = account.topic("alerts").emailSubscriber("a@example.com").create().arn();
        account.metricFilter(group, "root", ControlTable.all().get(0).cisPattern()).metric("CISBenchmark", "Root")
                .dimension("User", "$.userIdentity.arn").create();
        account.alarm("no-dimensions").onMetric("CISBenchmark", "Root").alarmActions(topic).create();

        assertThat(scan().reason("CloudWatch.1")).isEqualTo("NO_ALARM_ON_METRIC");

        // Same dimension names, but one fixed value: root events with any other userIdentity.arn (or none)
        // publish to metrics no alarm watches. This was a false PASSED before issue 22.
        account.alarm("by-user").onMetric("CISBenchmark", "Root").dimension("User", "arn:aws:iam::1:root")
                .alarmActions(topic).create();
        ControlResult root = scan().byId.get("CloudWatch.1");
        assertThat(root.verdict().reason().name()).isEqualTo("ALARMS_MISS_DIMENSION_VALUES");
        assertThat(root.verdict().counterexample()).hasValueSatisfying(event -> assertThat(event.path("userIdentity")
                .path("arn").asText()).isNotEqualTo("arn:aws:iam::1:root"));
    }

    @Test
    void scan_alarmActionsDisabled() {
        compliantAccount();
        account.disableAlarmActions("RootAccountUsageAlarm");

        Result result = scan();

        assertThat(result.reason("CloudWatch.1")).isEqualTo("ALARM_ACTIONS_DISABLED");
        assertThat(result.status("CloudWatch.2")).isEqualTo(Status.PASSED);
    }

    @Test
    void scan_okActionsOnly_alarmWithoutSnsAction() {
        group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        topic = account.topic("alerts").emailSubscriber("a@example.com").create().arn();
        account.metricFilter(group, "root", ControlTable.all().get(0).cisPattern()).metric("CISBenchmark", "Root")
                .create();
        account.alarm("ok-only").onMetric("CISBenchmark", "Root").okActions(topic).create();

        assertThat(scan().reason("CloudWatch.1")).isEqualTo("ALARM_WITHOUT_SNS_ACTION");
    }

    @Test
    void scan_thresholdTwoOrTwoDatapoints_alarmCannotFireOnOneEvent() {
        group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        topic = account.topic("alerts").emailSubscriber("a@example.com").create().arn();
        account.metricFilter(group, "root", ControlTable.all().get(0).cisPattern()).metric("CISBenchmark", "Root")
                .create();
        account.alarm("two").onMetric("CISBenchmark", "Root").threshold(2).alarmActions(topic).create();
        assertThat(scan().reason("CloudWatch.1")).isEqualTo("ALARM_CANNOT_FIRE_ON_ONE_EVENT");

        account.alarm("two").onMetric("CISBenchmark", "Root").evaluationPeriods(3).datapointsToAlarm(2)
                .alarmActions(topic).create();
        assertThat(scan().reason("CloudWatch.1")).isEqualTo("ALARM_CANNOT_FIRE_ON_ONE_EVENT");
    }

    @Test
    void scan_metricMathAlarmOnTheMetric_passes() {
        group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        topic = account.topic("alerts").emailSubscriber("a@example.com").create().arn();
        account.metricFilter(group, "root", ControlTable.all().get(0).cisPattern()).metric("CISBenchmark", "Root")
                .create();
        account.alarm("math").alarmActions(topic).metricMath(List.of(
                MetricDataQuery.builder().id("m1").returnData(false).metricStat(s -> s.stat("Sum").period(300)
                        .metric(m -> m.namespace("CISBenchmark").metricName("Root"))).build(),
                MetricDataQuery.builder().id("e1").expression("FILL(m1, 0)").returnData(true).build())).create();

        assertThat(scan().status("CloudWatch.1")).isEqualTo(Status.PASSED);
    }

    @Test
    void scan_topicDeleted_topicNotFound() {
        compliantAccount();
        account.clients().sns(HOME).deleteTopic(r -> r.topicArn(topic));

        assertThat(scan().reason("CloudWatch.6")).isEqualTo("TOPIC_NOT_FOUND");
    }

    @Test
    void scan_topicWithoutSubscribers_noConfirmedSubscription() {
        group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        String silent = account.topic("silent").create().arn();
        account.compliantChain(group, "Root", ControlTable.all().get(0).cisPattern(), silent);

        assertThat(scan().reason("CloudWatch.1")).isEqualTo("NO_CONFIRMED_SUBSCRIPTION");
    }

    @Test
    void scan_trailHomedInIrelandWithItsChainThere_passesFromUsEast1() {
        TestAccount west = account.in(Region.EU_WEST_1);
        group = west.logGroup("cloudtrail/management");
        west.trail("ireland").logGroup(group).create();
        // A group of the same name in the scanned region, with no filters: must not be confused with it.
        account.logGroup("cloudtrail/management");
        topic = west.topic("alerts").emailSubscriber("a@example.com").create().arn();
        west.compliantChains(group, topic);

        Result result = scan();

        assertThat(result.byId.values()).allSatisfy(r -> assertThat(r.status()).as(r.verdict().explanation())
                .isEqualTo(Status.PASSED));
        assertThat(result.byId.get("CloudWatch.1").verdict().chain().find(Link.Kind.LOG_GROUP).orElseThrow().region())
                .isEqualTo("eu-west-1");
    }

    @Test
    void scan_severalTrailsOnlyOneQualifies_passesOnThatOne() {
        compliantAccount();
        account.trail("regional").multiRegion(false).create();
        account.trail("stopped").logging(false).logGroup(group).create();

        Result result = scan();

        assertThat(result.status("CloudWatch.5")).isEqualTo(Status.PASSED);
        assertThat(result.byId.get("CloudWatch.5").verdict().chain().links().get(0).name()).isEqualTo("management");
    }

    @Test
    void scan_subscriptionsDeniedForOneTopic_onlyItsControlNotAvailable() {
        compliantAccount();
        String other = account.topic("sign-in-alerts").emailSubscriber("b@example.com").create().arn();
        account.alarm("ConsoleSignInFailuresAlarm").onMetric("CISBenchmark", "ConsoleSignInFailures")
                .alarmActions(other).create();

        Result result = scan(new DenyOn("ListSubscriptionsByTopic", "sign-in-alerts"));

        assertThat(result.status("CloudWatch.6")).isEqualTo(Status.NOT_AVAILABLE);
        assertThat(result.reason("CloudWatch.6")).isEqualTo("READ_FAILED");
        assertThat(result.byId.get("CloudWatch.6").verdict().explanation())
                .contains("sns:ListSubscriptionsByTopic").contains(other).contains("AuthorizationError");
        for (String id : List.of("CloudWatch.1", "CloudWatch.2", "CloudWatch.4", "CloudWatch.5")) {
            assertThat(result.status(id)).as(id).isEqualTo(Status.PASSED);
        }
    }

    /** Denies one SNS call for one topic, at the HTTP boundary, as IAM would. */
    private static final class DenyOn implements ExecutionInterceptor {
        private final String operation;
        private final String topicName;

        DenyOn(String operation, String topicName) {
            this.operation = operation;
            this.topicName = topicName;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && context.request().toString().contains(topicName)) {
                throw SnsException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AuthorizationError").errorMessage("not authorized to perform " + operation)
                        .build()).build();
            }
        }
    }

    private record Result(ScanResult scan, Map<String, ControlResult> byId) {
        String reason(String id) {
            return byId.get(id).verdict().reason().name();
        }

        Status status(String id) {
            return byId.get(id).status();
        }
    }

    private Result scan(ExecutionInterceptor... faults) {
        CallRecorder calls = new CallRecorder();
        AwsClients.Builder builder = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(calls);
        for (ExecutionInterceptor fault : faults) {
            builder.interceptor(fault);
        }
        try (AwsClients clients = builder.build()) {
            ScanResult result = new Scan(clients, calls, Clock.systemUTC())
                    .run(ScanRequest.parse(HOME.id(), null, null, false));
            return new Result(result, result.results().stream()
                    .collect(Collectors.toMap(r -> r.control().id(), Function.identity())));
        }
    }
}
