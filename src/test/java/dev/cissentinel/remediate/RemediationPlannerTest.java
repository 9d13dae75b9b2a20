package dev.cissentinel.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.ReadFailure;
import dev.cissentinel.testing.ChainLinks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** The planner on hand-built verdicts: what it creates, and what it leaves to a person. */
class RemediationPlannerTest {

    private static final Control ROOT = ControlTable.byId("CloudWatch.1").orElseThrow();
    private static final Chain TO_GROUP = Chain.empty()
            .with(ChainLinks.trail("arn:aws:cloudtrail:eu-west-1:123456789012:trail/main"))
            .with(ChainLinks.logGroup("arn:aws:logs:eu-west-1:123456789012:log-group:trail-logs"));
    private static final Read<String> ACCOUNT = Read.ok("123456789012");
    private static final RemediationOptions EMAIL = new RemediationOptions(RemediationMode.APPLY, "",
            "secops@example.com", "CISBenchmark");

    private static List<ControlResult> failed(ReasonCode reason, Chain chain) {
        return List.of(new ControlResult(ROOT, new Verdict.Failed(reason, chain, "broken", null)));
    }

    @Test
    void plan_noFilter_topicFilterAndAlarmInTheGroupsRegion() {
        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), EMAIL,
                ACCOUNT, Optional.empty());

        assertThat(plan.changes()).extracting(Change::action).containsExactly("sns:CreateTopic",
                "sns:SetTopicAttributes", "sns:Subscribe", "logs:PutMetricFilter", "cloudwatch:PutMetricAlarm");
        assertThat(plan.changes()).allSatisfy(change -> assertThat(change.region()).isEqualTo("eu-west-1"));
        Change.PutMetricAlarm alarm = (Change.PutMetricAlarm) plan.changes().get(4);
        assertThat(alarm.topicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:cis-sentinel-alerts");
        assertThat(alarm.request()).containsEntry("threshold", 1.0).containsEntry("evaluationPeriods", 1)
                .containsEntry("treatMissingData", "notBreaching").containsEntry("actionsEnabled", true);
        assertThat(((Change.SubscribeEmail) plan.changes().get(2)).request()).containsEntry("endpoint",
                "s***@example.com");
    }

    @Test
    void plan_coveringFilterWithoutAlarm_reusesItsMetric() {
        Chain chain = TO_GROUP.with(ChainLinks.filter("theirs", "eu-west-1", "Security", "Root"));

        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_ALARM_ON_METRIC, chain), EMAIL, ACCOUNT,
                Optional.empty());

        assertThat(plan.changes()).extracting(Change::action).doesNotContain("logs:PutMetricFilter");
        assertThat(plan.changes().get(plan.changes().size() - 1).request()).containsEntry("namespace", "Security")
                .containsEntry("metricName", "Root");
    }

    @Test
    void plan_trailProblem_noteAndNoChange() {
        Plan plan = RemediationPlanner.plan(failed(ReasonCode.TRAIL_NOT_LOGGING, Chain.empty()), EMAIL,
                ACCOUNT, Optional.empty());

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.notes()).singleElement().satisfies(note -> assertThat(note.message())
                .startsWith("cis-sentinel does not create or change trails"));
    }

    @Test
    void plan_pendingSubscriptionOnOurTopic_waitsForAPerson() {
        Chain chain = TO_GROUP.with(ChainLinks.topic("arn:aws:sns:eu-west-1:123456789012:cis-sentinel-alerts", 0,
                1));

        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_CONFIRMED_SUBSCRIPTION, chain), EMAIL,
                ACCOUNT, Optional.empty());

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.notes()).singleElement().satisfies(note -> assertThat(note.message())
                .contains("confirm the subscription"));
    }

    @Test
    void plan_namedTopicWithAwsManagedKey_cannotBeUsed() {
        String topic = "arn:aws:sns:eu-west-1:123456789012:soc";
        RemediationOptions named = new RemediationOptions(RemediationMode.APPLY, topic, "", "CISBenchmark");

        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), named,
                ACCOUNT, Optional.of(new TopicCheck(topic, "alias/aws/sns", "")));

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.notes()).singleElement().satisfies(note -> assertThat(note.message())
                .contains("alias/aws/sns").contains("customer managed KMS key"));
    }

    @Test
    void plan_namedTopicInAnotherRegion_saysAlarmsNeedOneInTheirRegion() {
        String topic = "arn:aws:sns:us-east-1:123456789012:soc";
        RemediationOptions named = new RemediationOptions(RemediationMode.APPLY, topic, "", "CISBenchmark");

        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), named,
                ACCOUNT, Optional.of(new TopicCheck(topic, "", "")));

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.notes()).singleElement().satisfies(note -> assertThat(note.message())
                .contains("notifies SNS topics in eu-west-1 only"));
        // The same rule the evaluator applies to an alarm's topic.
        assertThat(dev.cissentinel.controls.TopicRegion.notifiable("eu-west-1", topic)).isFalse();
    }

    @Test
    void plan_filterThatMissesEventsInTheChain_isNotReusedButJoinedByOurs() {
        Chain chain = TO_GROUP.with(ChainLinks.missedFilter("narrow",
                "arn:aws:logs:eu-west-1:123456789012:log-group:trail-logs:metric-filter:narrow", "eu-west-1",
                "{ $.userIdentity.type = Root && $.eventName = CreateUser }"));

        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, chain), EMAIL,
                ACCOUNT, Optional.empty());

        assertThat(plan.changes()).filteredOn(change -> change instanceof Change.PutMetricFilter).singleElement()
                .satisfies(change -> assertThat(change.target()).contains("cis-sentinel-RootAccountUsage"));
        assertThat(plan.changes().get(plan.changes().size() - 1).request()).containsEntry("namespace", "CISBenchmark")
                .containsEntry("metricName", "RootAccountUsage");
    }

    @Test
    void plan_brokenForeignAlarm_addsOursAndSaysSo() {
        Chain chain = TO_GROUP
                .with(ChainLinks.filter("theirs", "eu-west-1", "Security", "Root"))
                .with(ChainLinks.alarm("arn:aws:cloudwatch:eu-west-1:1:alarm:their-alarm", Map.of(), false));

        Plan plan = RemediationPlanner.plan(failed(ReasonCode.ALARM_ACTIONS_DISABLED, chain), EMAIL, ACCOUNT,
                Optional.empty());

        assertThat(plan.changes()).extracting(Change::target).contains("alarm cis-sentinel-Root")
                .noneMatch(target -> target.contains("their-alarm"));
        assertThat(plan.notes()).singleElement().satisfies(note -> assertThat(note.message())
                .contains("their-alarm is not ours"));
    }

    @Test
    void ownershipToCheck_everyAlarmAndOurTopic_notTheTopicTheUserNamed() {
        Plan own = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), EMAIL,
                ACCOUNT, Optional.empty());
        String named = "arn:aws:sns:eu-west-1:123456789012:cis-sentinel-soc";
        RemediationOptions namedTopic = new RemediationOptions(RemediationMode.APPLY, named, "", "CISBenchmark");
        Plan theirs = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), namedTopic,
                ACCOUNT, Optional.empty());

        assertThat(RemediationPlanner.ownershipToCheck(own, EMAIL)).containsExactlyInAnyOrder(
                Ownership.Resource.topic("eu-west-1", "arn:aws:sns:eu-west-1:123456789012:cis-sentinel-alerts"),
                Ownership.Resource.alarm("eu-west-1", "cis-sentinel-RootAccountUsage"));
        assertThat(RemediationPlanner.ownershipToCheck(theirs, namedTopic)).containsExactly(
                Ownership.Resource.alarm("eu-west-1", "cis-sentinel-RootAccountUsage"));
    }

    @Test
    void respectOwnership_untaggedAlarmWithOurName_dropsItsPutAndSaysWhy() {
        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), EMAIL,
                ACCOUNT, Optional.empty());
        Ownership ownership = new Ownership(Map.of(Ownership.Resource.alarm("eu-west-1",
                "cis-sentinel-RootAccountUsage"), "exists without the tag cis-sentinel:managed=true"));

        Plan respected = RemediationPlanner.respectOwnership(plan, ownership, EMAIL);

        assertThat(respected.changes()).extracting(Change::action).containsExactly("sns:CreateTopic",
                "sns:SetTopicAttributes", "sns:Subscribe", "logs:PutMetricFilter");
        assertThat(respected.notes()).singleElement().satisfies(note -> {
            assertThat(note.controlId()).isEqualTo("CloudWatch.1");
            assertThat(note.message()).startsWith("alarm cis-sentinel-RootAccountUsage in eu-west-1 exists without "
                    + "the tag cis-sentinel:managed=true, so cis-sentinel leaves it alone");
        });
    }

    @Test
    void respectOwnership_untaggedTopicWithOurName_noWriteToItAndNoAlarmNotifiesIt() {
        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), EMAIL,
                ACCOUNT, Optional.empty());
        Ownership ownership = new Ownership(Map.of(Ownership.Resource.topic("eu-west-1",
                "arn:aws:sns:eu-west-1:123456789012:cis-sentinel-alerts"), "exists without the tag "
                + "cis-sentinel:managed=true"));

        Plan respected = RemediationPlanner.respectOwnership(plan, ownership, EMAIL);

        assertThat(respected.changes()).extracting(Change::action).containsExactly("logs:PutMetricFilter");
        assertThat(respected.notes()).singleElement().satisfies(note -> assertThat(note.message())
                .startsWith("topic arn:aws:sns:eu-west-1:123456789012:cis-sentinel-alerts in eu-west-1 exists")
                .contains("adds no alarm cis-sentinel-RootAccountUsage").endsWith("(AlarmTopicArn)"));
    }

    @Test
    void respectOwnership_nothingRefused_returnsThePlanAsItIs() {
        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), EMAIL,
                ACCOUNT, Optional.empty());

        assertThat(RemediationPlanner.respectOwnership(plan, Ownership.none(), EMAIL)).isSameAs(plan);
    }

    /**
     * Our alarm is Sum >= 1 over one period: it can rely on an existing filter only if one match publishes at least
     * 1 and the other events publish nothing (default value absent or 0). Otherwise cis-sentinel adds its own filter.
     */
    @ParameterizedTest
    @CsvSource({"1, NaN, true", "1, 0, true", "2.5, NaN, true", "1, 1, false", "1, 0.5, false", "1, -1, false",
        "0.5, NaN, false", "$.count, NaN, false"})
    void plan_coveringFilterWithoutAlarm_reusedOnlyIfOneEventSumsToAtLeastOne(String value, double defaultValue,
            boolean reused) {
        Chain chain = TO_GROUP.with(ChainLinks.filter("theirs", "eu-west-1", "{ $.userIdentity.type = \"Root\" }",
                new MetricTransformation("Root", "Security", value, Map.of(), defaultValue, "")));

        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_ALARM_ON_METRIC, chain), EMAIL, ACCOUNT,
                Optional.empty());

        Change alarm = plan.changes().get(plan.changes().size() - 1);
        if (reused) {
            assertThat(plan.changes()).extracting(Change::action).doesNotContain("logs:PutMetricFilter");
            assertThat(alarm.request()).containsEntry("namespace", "Security").containsEntry("metricName", "Root");
        } else {
            assertThat(plan.changes()).filteredOn(change -> change instanceof Change.PutMetricFilter)
                    .singleElement().satisfies(filter -> assertThat(filter.why())
                            .contains("with a metric an alarm can watch (its "));
            assertThat(alarm.request()).containsEntry("namespace", "CISBenchmark")
                    .containsEntry("metricName", "RootAccountUsage");
        }
    }

    @Test
    void plan_coveringFilterWithDimensions_notReused() {
        Chain chain = TO_GROUP.with(ChainLinks.filter("theirs", "eu-west-1", "{ $.userIdentity.type = \"Root\" }",
                MetricTransformation.of("Root", "Security", "1", Map.of("EventName", "$.eventName"))));

        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_ALARM_ON_METRIC, chain), EMAIL, ACCOUNT,
                Optional.empty());

        assertThat(plan.changes()).filteredOn(change -> change instanceof Change.PutMetricFilter).singleElement()
                .satisfies(filter -> assertThat(filter.why()).endsWith("(it has dimensions)"));
    }

    @Test
    void plan_accountUnknown_noTopicOfOursButANamedTopicStillWorks() {
        Read<String> unknown = Read.unreadable(new ReadFailure("sts:GetCallerIdentity", "eu-west-1", "*",
                new FailureCause.AwsError("ExpiredToken", "")));
        String topic = "arn:aws:sns:eu-west-1:123456789012:soc";
        RemediationOptions named = new RemediationOptions(RemediationMode.APPLY, topic, "", "CISBenchmark");

        Plan own = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), EMAIL, unknown,
                Optional.empty());
        Plan theirs = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), named,
                unknown, Optional.of(new TopicCheck(topic, "", "")));

        assertThat(own.changes()).isEmpty();
        assertThat(own.notes()).singleElement().satisfies(note -> assertThat(note.message())
                .contains("account id is unknown").contains("ExpiredToken"));
        assertThat(theirs.changes()).extracting(Change::action).containsExactly("logs:PutMetricFilter",
                "cloudwatch:PutMetricAlarm");
    }

    @Test
    void awsRequest_isWhatThePlanPrints_exceptTheMaskedAddress() {
        Plan plan = RemediationPlanner.plan(failed(ReasonCode.NO_COVERING_METRIC_FILTER, TO_GROUP), EMAIL, ACCOUNT,
                Optional.empty());

        Change.SubscribeEmail subscribe = (Change.SubscribeEmail) plan.changes().get(2);
        assertThat(subscribe.awsRequest().endpoint()).isEqualTo("secops@example.com");
        assertThat(subscribe.request()).containsEntry("endpoint", "s***@example.com");
        Change.PutMetricAlarm alarm = (Change.PutMetricAlarm) plan.changes().get(4);
        assertThat(alarm.awsRequest().statistic()).isEqualTo(Statistic.SUM);
        assertThat(alarm.awsRequest().alarmActions()).containsExactly(alarm.topicArn());
        assertThat(alarm.awsRequest().tags()).extracting(tag -> tag.key() + "=" + tag.value())
                .containsExactly("cis-sentinel:managed=true", "cis-sentinel:control=CloudWatch.1");
        assertThat(alarm.request()).containsEntry("statistic", "Sum").containsEntry("period", 300)
                .containsEntry("comparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("tags", Map.of("cis-sentinel:managed", "true", "cis-sentinel:control", "CloudWatch.1"));
        Change.PutMetricFilter filter = (Change.PutMetricFilter) plan.changes().get(3);
        assertThat(filter.awsRequest().metricTransformations()).singleElement().satisfies(t -> {
            assertThat(t.metricValue()).isEqualTo("1");
            assertThat(t.defaultValue()).isNull();
        });
        assertThat(plan.changes()).extracting(Change::kind).containsExactly(Change.Kind.CREATE_TOPIC,
                Change.Kind.SET_TOPIC_POLICY, Change.Kind.SUBSCRIBE_EMAIL, Change.Kind.PUT_METRIC_FILTER,
                Change.Kind.PUT_METRIC_ALARM);
        // One kind per permitted type, so the executor's switch over kind() covers every change.
        assertThat(Change.class.getPermittedSubclasses()).hasSize(Change.Kind.values().length);
    }
}
