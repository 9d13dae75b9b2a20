package dev.cissentinel.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Status;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanOutcome;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.snapshot.SnapshotReader;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.time.Clock;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;

/** Remediation on moto_server: dry-run sends nothing, apply makes fixable controls pass, twice changes nothing. */
@ExtendWith(EmulatorExtension.class)
class RemediationIT {

    private static final Region REGION = Region.US_EAST_1;
    /** What remediation may write; the rest of RemediationExecutor.IAM_ACTIONS are reads (Get, Describe, List). */
    private static final List<String> WRITES = RemediationExecutor.IAM_ACTIONS.stream()
            .filter(action -> !action.matches("[a-z]+:(Get|Describe|List).*")).toList();
    private static final String OUR_TOPIC = "arn:aws:sns:us-east-1:123456789012:cis-sentinel-alerts";

    private TestAccount account;
    private Emulator emulator;

    @BeforeEach
    void emptyAccount(TestAccount testAccount, Emulator testEmulator) {
        testEmulator.reset();
        account = testAccount;
        emulator = testEmulator;
    }

    /** Every broken-but-fixable state of the scan tests, one control each; trail and group are fine. */
    private TestAccount.LogGroup brokenAccount() {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();
        String theirs = account.topic("team-alerts").emailSubscriber("team@example.com").create().arn();
        String silent = account.topic("team-silent").create().arn();
        List<Control> controls = ControlTable.defaults();
        // CloudWatch.1: no filter at all.
        // CloudWatch.2: a covering filter of theirs without an alarm.
        account.metricFilter(group, "their-unauthorized", controls.get(1).cisPattern())
                .metric("Security", "Unauthorized").create();
        // CloudWatch.4: their filter misses an event; their alarm on it is otherwise fine.
        account.metricFilter(group, "their-iam", controls.get(2).cisPattern()
                .replace("||($.eventName=DeletePolicyVersion)", "")).metric("Security", "Iam").create();
        account.alarm("their-iam-alarm").onMetric("Security", "Iam").alarmActions(theirs).create();
        // CloudWatch.5: their alarm with actions disabled.
        account.metricFilter(group, "their-trail", controls.get(3).cisPattern()).metric("Security", "Trail").create();
        account.alarm("their-trail-alarm").onMetric("Security", "Trail").alarmActions(theirs).actionsEnabled(false)
                .create();
        // CloudWatch.6: their alarm notifies a topic nobody subscribed to.
        account.metricFilter(group, "their-signin", controls.get(4).cisPattern()).metric("Security", "SignIn")
                .create();
        account.alarm("their-signin-alarm").onMetric("Security", "SignIn").alarmActions(silent).create();
        return group;
    }

    @Test
    void dryRun_brokenAccount_printsThePlanAndSendsNoWrite() {
        brokenAccount();
        Run run = scan("dry-run", "secops@example.com");

        assertThat(run.outcome.plan()).hasValueSatisfying(plan -> {
            assertThat(plan.changes()).extracting(Change::action).containsExactly(
                    "sns:CreateTopic", "sns:SetTopicAttributes", "sns:Subscribe",
                    "logs:PutMetricFilter", "cloudwatch:PutMetricAlarm",
                    "cloudwatch:PutMetricAlarm",
                    "logs:PutMetricFilter", "cloudwatch:PutMetricAlarm",
                    "cloudwatch:PutMetricAlarm",
                    "cloudwatch:PutMetricAlarm");
            assertThat(plan.notes()).extracting(Plan.Note::controlId).contains("CloudWatch.4", "CloudWatch.5",
                    "CloudWatch.6");
        });
        assertThat(run.calls.counts().keySet()).doesNotContainAnyElementsOf(WRITES);
        assertThat(run.outcome.result().results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.FAILED));
    }

    @Test
    void apply_brokenAccount_everyControlPassesAndForeignResourcesAreUntouched() {
        TestAccount.LogGroup group = brokenAccount();
        var cloudWatch = account.clients().cloudWatch(REGION);
        var logs = account.clients().logs(REGION);
        List<Object> theirsBefore = foreign(cloudWatch, logs, group);
        Plan dryRun = scan("dry-run", "secops@example.com").outcome.plan().orElseThrow();

        Run run = scan("apply", "secops@example.com");

        assertThat(run.outcome.plan()).contains(dryRun);
        assertThat(run.outcome.applied()).hasValueSatisfying(applied -> assertThat(applied.complete()).isTrue());
        assertThat(byId(run.outcome.result()).values()).allSatisfy(r -> assertThat(r.status())
                .as(r.control().id() + ": " + r.verdict().explanation()).isEqualTo(Status.PASSED));
        assertThat(foreign(cloudWatch, logs, group)).isEqualTo(theirsBefore);
        // Reused their covering filter for CloudWatch.2: no second filter for it.
        assertThat(logs.describeMetricFilters(r -> r.logGroupName(group.name())).metricFilters())
                .extracting(f -> f.filterName())
                .containsExactlyInAnyOrder("their-unauthorized", "their-iam", "their-trail", "their-signin",
                        "cis-sentinel-RootAccountUsage", "cis-sentinel-IAMPolicyChanges");
        var topic = account.clients().sns(REGION).getTopicAttributes(r -> r.topicArn(
                "arn:aws:sns:us-east-1:123456789012:cis-sentinel-alerts")).attributes();
        assertThat(topic.get("Policy")).contains("cloudwatch.amazonaws.com").contains("aws:SourceAccount");
    }

    /** Every row, from nothing: one filter and one alarm each, on one topic; then all fifteen pass. */
    @Test
    void apply_allControlsOnAnEmptyGroup_everyRowPassesWithNoOtherAction() {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();

        Run run = scan(new RemediationOptions(RemediationMode.APPLY, "", "secops@example.com", "CISBenchmark"), "all");

        assertThat(byId(run.outcome.result()).keySet()).containsExactlyInAnyOrderElementsOf(
                ControlTable.all().stream().map(Control::id).toList());
        assertThat(byId(run.outcome.result()).values()).allSatisfy(r -> assertThat(r.status())
                .as(r.control().id() + ": " + r.verdict().explanation()).isEqualTo(Status.PASSED));
        assertThat(account.clients().logs(REGION).describeMetricFilters(r -> r.logGroupName(group.name()))
                .metricFilters()).extracting(f -> f.filterName()).containsExactlyInAnyOrderElementsOf(
                        ControlTable.all().stream().map(control -> Plan.PREFIX + control.metricName()).toList());
        // No new permission: the reads and remediation's actions, as for the five.
        assertThat(run.calls.counts().keySet()).allMatch(action -> RemediationExecutor.IAM_ACTIONS.contains(action)
                || SnapshotReader.IAM_ACTIONS.contains(action));
    }

    @Test
    void apply_twice_secondPlanIsEmptyAndSendsNoWrite() {
        brokenAccount();
        scan("apply", "secops@example.com");

        Run second = scan("apply", "secops@example.com");

        assertThat(second.outcome.plan()).hasValueSatisfying(plan -> assertThat(plan.changes()).isEmpty());
        assertThat(second.outcome.applied()).isEmpty();
        assertThat(second.calls.counts().keySet()).doesNotContainAnyElementsOf(WRITES);
    }

    @Test
    void apply_interruptedOnTheSecondWrite_nextApplyCompletesWithoutDuplicates() {
        brokenAccount();
        Run broken = scan("apply", "secops@example.com", new FailNth("PutMetricAlarm", 2));
        assertThat(broken.outcome.applyIncomplete()).isTrue();

        Run resumed = scan("apply", "secops@example.com");

        assertThat(byId(resumed.outcome.result()).values()).allSatisfy(r -> assertThat(r.status())
                .isEqualTo(Status.PASSED));
        assertThat(account.clients().sns(REGION).listTopics().topics())
                .filteredOn(t -> t.topicArn().endsWith(":cis-sentinel-alerts")).hasSize(1);
        assertThat(account.clients().sns(REGION).listSubscriptionsByTopic(r -> r.topicArn(
                "arn:aws:sns:us-east-1:123456789012:cis-sentinel-alerts")).subscriptions()).hasSize(1);
    }

    @Test
    void apply_existingTopicNamedByTheUser_alarmsNotifyItAndNoTopicIsCreated() {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();
        String named = account.topic("soc").emailSubscriber("soc@example.com").create().arn();

        Run run = scan(new RemediationOptions(RemediationMode.APPLY, named, "", "CISBenchmark"));

        assertThat(byId(run.outcome.result()).values()).allSatisfy(r -> assertThat(r.status())
                .isEqualTo(Status.PASSED));
        assertThat(run.outcome.plan().orElseThrow().changes()).extracting(Change::action)
                .doesNotContain("sns:CreateTopic", "sns:Subscribe");
    }

    @Test
    void apply_unfixable_trailProblemsAreNotesAndStayFailed() {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("stopped").logGroup(group).logging(false).create();

        Run run = scan("apply", "secops@example.com");

        assertThat(run.outcome.plan().orElseThrow().changes()).isEmpty();
        assertThat(run.outcome.plan().orElseThrow().notes()).hasSize(5).allSatisfy(note -> assertThat(note.message())
                .startsWith("cis-sentinel does not create or change trails").contains("not logging"));
        assertThat(byId(run.outcome.result()).values()).allSatisfy(r -> assertThat(r.verdict().reason().name())
                .isEqualTo("TRAIL_NOT_LOGGING"));
    }

    @Test
    void apply_otherBrokenAlarmsAndADeletedTopic_fixedWithSiblingsOfOurs() {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();
        TestAccount.Topic gone = account.topic("deleted-later").emailSubscriber("x@example.com").create();
        String theirs = account.topic("team").emailSubscriber("team@example.com").create().arn();
        List<Control> controls = ControlTable.defaults();
        for (Control control : controls) {
            account.metricFilter(group, "their-" + control.metricName(), control.cisPattern())
                    .metric("Security", control.metricName()).create();
        }
        account.alarm("ok-only").onMetric("Security", controls.get(0).metricName()).okActions(theirs).create();
        account.alarm("needs-two").onMetric("Security", controls.get(1).metricName()).threshold(2)
                .alarmActions(theirs).create();
        account.alarm("to-deleted").onMetric("Security", controls.get(2).metricName()).alarmActions(gone.arn())
                .create();
        account.alarm("sum-gt-1").onMetric("Security", controls.get(3).metricName())
                .comparison(software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator.GREATER_THAN_THRESHOLD)
                .alarmActions(theirs).create();
        account.deleteTopic(gone);
        Map<String, String> teamBefore = account.clients().sns(REGION).getTopicAttributes(r -> r.topicArn(theirs))
                .attributes();

        Run run = scan("apply", "secops@example.com");

        assertThat(byId(run.outcome.result()).values()).allSatisfy(r -> assertThat(r.status())
                .as(r.control().id() + ": " + r.verdict().explanation()).isEqualTo(Status.PASSED));
        assertThat(run.outcome.plan().orElseThrow().changes()).extracting(Change::action)
                .doesNotContain("logs:PutMetricFilter");
        assertThat(account.clients().sns(REGION).getTopicAttributes(r -> r.topicArn(theirs)).attributes())
                .isEqualTo(teamBefore);
    }

    @Test
    void apply_unfixableControl_theFindingSaysWhatAPersonMustDo() {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("stopped").logGroup(group).logging(false).create();
        account.enableSecurityHub();

        CallRecorder calls = new CallRecorder();
        try (AwsClients clients = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(calls).build()) {
            new Scan(clients, calls, Clock.systemUTC()).execute(ScanRequest.parse(REGION.id(), "CloudWatch.1", null,
                    true).withRemediation(new RemediationOptions(RemediationMode.APPLY, "", "a@example.com",
                    "CISBenchmark")), result -> { });
            var finding = clients.securityHub(REGION).getFindings(r -> r.maxResults(100)).findings().get(0);
            assertThat(finding.productFields().get("cis-sentinel/RemediationNote"))
                    .startsWith("cis-sentinel does not create or change trails");
            assertThat(finding.compliance().statusAsString()).isEqualTo("FAILED");
        }
    }

    @Test
    void writes_areTheCreatesAndPutsOnly() {
        assertThat(WRITES).containsExactlyInAnyOrder("logs:PutMetricFilter", "cloudwatch:PutMetricAlarm",
                "cloudwatch:TagResource", "sns:CreateTopic", "sns:TagResource", "sns:SetTopicAttributes",
                "sns:Subscribe");
    }

    @Test
    void apply_alarmWithOurNameButWithoutOurTag_isLeftAloneAndSaidSo() {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();
        String theirs = account.topic("team").emailSubscriber("team@example.com").create().arn();
        account.alarm("cis-sentinel-RootAccountUsage").onMetric("Theirs", "SomethingElse").alarmActions(theirs)
                .create();
        var cloudWatch = account.clients().cloudWatch(REGION);
        var before = cloudWatch.describeAlarms(r -> r.alarmNames("cis-sentinel-RootAccountUsage")).metricAlarms();
        Plan dryRun = scan("dry-run", "secops@example.com").outcome.plan().orElseThrow();

        Run run = scan("apply", "secops@example.com");

        Plan plan = run.outcome.plan().orElseThrow();
        assertThat(plan).isEqualTo(dryRun);
        assertThat(plan.changes()).filteredOn(change -> change instanceof Change.PutMetricAlarm)
                .extracting(Change::target).hasSize(4).doesNotContain("alarm cis-sentinel-RootAccountUsage");
        assertThat(plan.notes()).filteredOn(note -> note.controlId().equals("CloudWatch.1")).singleElement()
                .satisfies(note -> assertThat(note.message()).startsWith("alarm cis-sentinel-RootAccountUsage in "
                        + "us-east-1 exists without the tag cis-sentinel:managed=true"));
        assertThat(run.calls.counts()).containsKeys("cloudwatch:ListTagsForResource")
                .doesNotContainKey("cloudwatch:TagResource");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("cis-sentinel-RootAccountUsage")).metricAlarms())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("stateValue", "stateReason",
                        "stateReasonData", "stateUpdatedTimestamp", "stateTransitionedTimestamp")
                .isEqualTo(before);
        Map<String, ControlResult> results = byId(run.outcome.result());
        assertThat(results.get("CloudWatch.1").status()).isEqualTo(Status.FAILED);
        assertThat(results.values()).filteredOn(r -> !r.control().id().equals("CloudWatch.1"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PASSED));
    }

    @Test
    void apply_ourTaggedAlarmBroken_isRepairedInPlace() {
        brokenAccount();
        scan("apply", "secops@example.com");
        account.disableAlarmActions("cis-sentinel-RootAccountUsage");

        Run run = scan("apply", "secops@example.com");

        assertThat(run.outcome.plan().orElseThrow().changes()).extracting(Change::target)
                .containsExactly("alarm cis-sentinel-RootAccountUsage");
        assertThat(run.calls.counts()).containsKeys("cloudwatch:ListTagsForResource");
        assertThat(byId(run.outcome.result()).values()).allSatisfy(r -> assertThat(r.status())
                .as(r.control().id() + ": " + r.verdict().explanation()).isEqualTo(Status.PASSED));
    }

    @Test
    void apply_topicWithOurNameButWithoutOurTag_getsNoPolicyNoSubscriberAndNoAlarm() {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();
        account.topic("cis-sentinel-alerts").emailSubscriber("team@example.com").create();
        var sns = account.clients().sns(REGION);
        Map<String, String> attributesBefore = sns.getTopicAttributes(r -> r.topicArn(OUR_TOPIC)).attributes();

        Run run = scan("apply", "secops@example.com");

        Plan plan = run.outcome.plan().orElseThrow();
        assertThat(plan.changes()).extracting(Change::action).containsOnly("logs:PutMetricFilter").hasSize(5);
        assertThat(plan.notes()).hasSize(5).allSatisfy(note -> assertThat(note.message())
                .startsWith("topic " + OUR_TOPIC + " in us-east-1 exists without the tag"));
        assertThat(run.calls.counts()).containsKey("sns:ListTagsForResource")
                .doesNotContainKeys("sns:CreateTopic", "sns:SetTopicAttributes", "sns:Subscribe");
        assertThat(sns.getTopicAttributes(r -> r.topicArn(OUR_TOPIC)).attributes()).isEqualTo(attributesBefore);
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(OUR_TOPIC)).subscriptions())
                .extracting(s -> s.endpoint()).containsExactly("team@example.com");
        assertThat(account.clients().cloudWatch(REGION).describeAlarms(r -> r.alarmNamePrefix("cis-sentinel-"))
                .metricAlarms()).isEmpty();
    }

    /** Their alarms and filters as AWS describes them, to compare before and after. */
    private static List<Object> foreign(software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch,
            software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient logs, TestAccount.LogGroup group) {
        List<Object> theirs = new ArrayList<>();
        cloudWatch.describeAlarms().metricAlarms().stream().filter(a -> a.alarmName().startsWith("their-"))
                .map(a -> a.toBuilder().stateUpdatedTimestamp(null).stateReason(null).stateReasonData(null)
                        .stateValue((String) null).build())
                .forEach(theirs::add);
        logs.describeMetricFilters(r -> r.logGroupName(group.name())).metricFilters().stream()
                .filter(f -> f.filterName().startsWith("their-")).forEach(theirs::add);
        return theirs;
    }

    /** Fails the n-th call of one operation, as a throttled or denied write would. */
    private static final class FailNth implements ExecutionInterceptor {
        private final String operation;
        private final int n;
        private int seen;

        FailNth(String operation, int n) {
            this.operation = operation;
            this.n = n;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) && ++seen == n) {
                throw CloudWatchException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ValidationError").errorMessage("injected by the test").build()).build();
            }
        }
    }

    private record Run(ScanOutcome outcome, CallRecorder calls) {
    }

    private Run scan(String mode, String email, ExecutionInterceptor... faults) {
        return scan(new RemediationOptions(RemediationMode.parse(mode), "", email, "CISBenchmark"), faults);
    }

    private Run scan(RemediationOptions options, ExecutionInterceptor... faults) {
        return scan(options, null, faults);
    }

    private Run scan(RemediationOptions options, String controls, ExecutionInterceptor... faults) {
        CallRecorder total = new CallRecorder();
        CallRecorder calls = new CallRecorder();
        AwsClients.Builder builder = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(calls).interceptor(total);
        for (ExecutionInterceptor fault : faults) {
            builder.interceptor(fault);
        }
        try (AwsClients clients = builder.build()) {
            ScanOutcome outcome = new Scan(clients, calls, Clock.systemUTC()).execute(
                    ScanRequest.parse(REGION.id(), controls, null, false).withRemediation(options), result -> { });
            return new Run(outcome, total);
        }
    }

    private static Map<String, ControlResult> byId(ScanResult result) {
        return result.results().stream().collect(Collectors.toMap(r -> r.control().id(), Function.identity()));
    }
}
