package dev.cissentinel.snapshot;

import static dev.cissentinel.testing.TestAccount.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.testing.AwsPagination;
import dev.cissentinel.testing.CallLog;
import dev.cissentinel.testing.DeniedCall;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;

/** The reader against a live moto_server, through the real SDK: what it reads, where it asks, how often. */
@ExtendWith(EmulatorExtension.class)
class SnapshotReaderIT {

    private static final Region EAST = Region.US_EAST_1;
    private static final Region WEST = Region.EU_WEST_1;
    private static final String OTHER_ACCOUNT = "999999999999";

    /** Metric name → filter pattern, one per control (stand-ins: the reader does not judge patterns). */
    private static final Map<String, String> CHAINS = new LinkedHashMap<>();

    static {
        CHAINS.put("RootAccountUsage", "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS "
                + "&& $.eventType != \"AwsServiceEvent\" }");
        CHAINS.put("UnauthorizedAPICalls", "{ ($.errorCode = \"*UnauthorizedOperation\") || "
                + "($.errorCode = \"AccessDenied*\") }");
        CHAINS.put("IAMPolicyChanges", "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = PutGroupPolicy) }");
        CHAINS.put("CloudTrailConfigChanges", "{ ($.eventName = CreateTrail) || ($.eventName = StopLogging) }");
        CHAINS.put("ConsoleSignInFailures", "{ ($.eventName = ConsoleLogin) && "
                + "($.errorMessage = \"Failed authentication\") }");
    }

    private final CallRecorder recorder = new CallRecorder();
    private final CallLog log = new CallLog();
    private final List<AwsClients> opened = new ArrayList<>();
    private Emulator emulator;

    /** The extension resets once per class; these tests each need an empty account. */
    @BeforeEach
    void emptyAccount(Emulator current) {
        this.emulator = current;
        current.reset();
    }

    @AfterEach
    void onlyDeclaredActions() {
        opened.forEach(AwsClients::close);
        assertThat(SnapshotReader.IAM_ACTIONS).containsAll(recorder.counts().keySet());
    }

    @Test
    void read_compliantOneRegionAccount_readsTheWholeChainInSevenCalls(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        TestAccount.Trail trail = account.trail("management").logGroup(group).create();
        TestAccount.Topic topic = account.topic("security-alerts").emailSubscriber("secops@example.com").create();
        CHAINS.forEach((metric, pattern) -> account.compliantChain(group, metric, pattern, topic.arn()));

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.accountId()).isEqualTo(Read.ok(ACCOUNT_ID));
        assertThat(snapshot.region()).isEqualTo("us-east-1");
        assertThat(snapshot.trails()).isEqualTo(Read.ok(List.of(
                new TrailRecord("management", trail.arn(), "us-east-1", true, group.arn()))));
        assertThat(snapshot.trailLogging()).containsExactly(entry(trail.arn(), Read.ok(true)));
        // moto reports no selectors for a new trail: CloudTrail's default, all management events.
        assertThat(snapshot.eventSelectors()).containsExactly(entry(trail.arn(), Read.ok(EventSelectors.none())));
        String key = AccountSnapshot.logGroupKey(group.arn());
        assertThat(snapshot.metricFilters()).containsOnlyKeys(key);
        assertThat(snapshot.metricFilters().get(key).value()).hasSize(5).allSatisfy(filter -> {
            assertThat(filter.logGroupName()).isEqualTo(group.name());
            assertThat(filter.filterPattern()).isEqualTo(CHAINS.get(filter.metricTransformations().get(0)
                    .metricName()));
        }).flatExtracting(MetricFilterRecord::metricTransformations).containsExactlyInAnyOrderElementsOf(
                CHAINS.keySet().stream().map(metric -> MetricFilterRecord.MetricTransformation.of(metric,
                        "CISBenchmark", "1", Map.of())).toList());
        assertThat(snapshot.alarms()).containsOnlyKeys("us-east-1");
        assertThat(snapshot.alarms().get("us-east-1").value()).hasSize(5).allSatisfy(alarm -> {
            assertThat(alarm.namespace()).isEqualTo("CISBenchmark");
            assertThat(alarm.alarmName()).isEqualTo(alarm.metricName() + "Alarm");
            assertThat(alarm.statistic()).isEqualTo("Sum");
            assertThat(alarm.period()).isEqualTo(300);
            assertThat(alarm.datapointsNeeded()).isEqualTo(1);
            assertThat(alarm.threshold()).isEqualTo(1.0);
            assertThat(alarm.comparisonOperator()).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(alarm.actionsEnabled()).isTrue();
            assertThat(alarm.alarmActions()).containsExactly(topic.arn());
        });
        assertThat(snapshot.topics()).containsOnlyKeys(topic.arn());
        TopicRecord read = snapshot.topics().get(topic.arn()).value();
        assertThat(read.exists()).isTrue();
        assertThat(read.subscriptions()).singleElement().satisfies(subscription -> {
            assertThat(subscription.protocol()).isEqualTo("email");
            assertThat(subscription.endpoint()).isEqualTo("secops@example.com");
            assertThat(subscription.subscriptionArn()).startsWith(topic.arn() + ":");
        });

        System.out.println("AWS calls per scan, compliant one-region account (5 controls): " + recorder.counts()
                + ", total " + recorder.total());
        assertThat(recorder.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sts:GetCallerIdentity", 1,
                "cloudtrail:DescribeTrails", 1,
                "cloudtrail:GetTrailStatus", 1,
                "cloudtrail:GetEventSelectors", 1,
                "logs:DescribeMetricFilters", 1,
                "cloudwatch:DescribeAlarms", 1,
                "sns:ListSubscriptionsByTopic", 1));
        assertThat(recorder.total()).isEqualTo(7).isLessThanOrEqualTo(12);
    }

    @Test
    void read_trailHomedInAnotherRegion_asksItsHomeRegionAndFollowsTheLogGroupThere(TestAccount account) {
        TestAccount west = account.in(WEST);
        TestAccount.LogGroup westGroup = west.logGroup("trail-logs");
        TestAccount.LogGroup eastGroup = account.logGroup("trail-logs");
        account.metricFilter(eastGroup, "same-name-other-region", "{ $.eventName = Decoy }")
                .metric("CISBenchmark", "RootAccountUsage").create();
        account.alarm("alarm-in-the-scanned-region").onMetric("CISBenchmark", "RootAccountUsage").create();
        TestAccount.Trail trail = west.trail("homed-in-ireland").logGroup(westGroup).create();
        TestAccount.Topic topic = west.topic("alerts-ireland").emailSubscriber("secops@example.com").create();
        west.compliantChain(westGroup, "RootAccountUsage", CHAINS.get("RootAccountUsage"), topic.arn());

        AccountSnapshot snapshot = reader().read(EAST);

        // DescribeTrails in us-east-1 shows the Irish trail as a shadow trail; everything else is asked there.
        assertThat(snapshot.trails().value()).containsExactly(
                new TrailRecord("homed-in-ireland", trail.arn(), "eu-west-1", true, westGroup.arn()));
        assertThat(log.calls()).containsExactly(
                "sts:GetCallerIdentity us-east-1",
                "cloudtrail:DescribeTrails us-east-1",
                "cloudtrail:GetTrailStatus eu-west-1",
                "cloudtrail:GetEventSelectors eu-west-1",
                "logs:DescribeMetricFilters eu-west-1",
                "cloudwatch:DescribeAlarms eu-west-1",
                "sns:ListSubscriptionsByTopic eu-west-1");
        assertThat(snapshot.trailLogging()).containsExactly(entry(trail.arn(), Read.ok(true)));
        assertThat(snapshot.eventSelectors()).containsExactly(entry(trail.arn(), Read.ok(EventSelectors.none())));
        String westKey = AccountSnapshot.logGroupKey(westGroup.arn());
        assertThat(westKey).startsWith("arn:aws:logs:eu-west-1:");
        assertThat(snapshot.metricFilters()).containsOnlyKeys(westKey);
        assertThat(snapshot.metricFilters().get(westKey).value()).extracting(MetricFilterRecord::filterName)
                .containsExactly("RootAccountUsageFilter");
        assertThat(snapshot.alarms()).containsOnlyKeys("eu-west-1");
        assertThat(snapshot.alarms().get("eu-west-1").value()).extracting(AlarmRecord::alarmName)
                .containsExactly("RootAccountUsageAlarm");
        assertThat(snapshot.topics()).containsOnlyKeys(topic.arn());
        assertThat(snapshot.topics().get(topic.arn()).value().confirmedSubscriptions()).isEqualTo(1);
    }

    @Test
    void read_severalTrailsOneMultiRegion_followsOnlyTheMultiRegionTrail(TestAccount account) {
        TestAccount.LogGroup regionalGroup = account.logGroup("regional-logs");
        TestAccount.LogGroup allRegionsGroup = account.logGroup("all-regions-logs");
        TestAccount.Trail regional = account.trail("regional").multiRegion(false).logGroup(regionalGroup).create();
        TestAccount.Trail allRegions = account.trail("all-regions").logGroup(allRegionsGroup).create();
        account.trail("regional-without-logs").multiRegion(false).create();

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.trails().value()).extracting(TrailRecord::trailArn, TrailRecord::isMultiRegionTrail)
                .containsExactlyInAnyOrder(
                        tuple(regional.arn(), false),
                        tuple(allRegions.arn(), true),
                        tuple(
                                "arn:aws:cloudtrail:us-east-1:" + ACCOUNT_ID + ":trail/regional-without-logs", false));
        assertThat(snapshot.trailLogging()).containsOnlyKeys(allRegions.arn());
        assertThat(snapshot.eventSelectors()).containsOnlyKeys(allRegions.arn());
        assertThat(snapshot.metricFilters()).containsOnlyKeys(AccountSnapshot.logGroupKey(allRegionsGroup.arn()));
        // The group has no filters, so there is no metric to look for alarms on.
        assertThat(snapshot.metricFilters().values()).containsExactly(Read.ok(List.of()));
        assertThat(snapshot.alarms()).isEmpty();
        assertThat(recorder.counts()).containsEntry("cloudtrail:GetTrailStatus", 1)
                .containsEntry("cloudtrail:GetEventSelectors", 1).containsEntry("logs:DescribeMetricFilters", 1)
                .doesNotContainKeys("cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmsForMetric");
    }

    @Test
    void read_trailNotLogging_recordsItsStatusButDoesNotFollowItsLogGroup(TestAccount account) {
        TestAccount.LogGroup stoppedGroup = account.logGroup("stopped-logs");
        TestAccount.LogGroup liveGroup = account.logGroup("live-logs");
        TestAccount.Trail stopped = account.trail("stopped").logGroup(stoppedGroup).logging(false).create();
        TestAccount.Trail live = account.trail("live").logGroup(liveGroup).create();

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.trailLogging()).containsOnly(entry(stopped.arn(), Read.ok(false)),
                entry(live.arn(), Read.ok(true)));
        assertThat(snapshot.eventSelectors()).containsOnlyKeys(stopped.arn(), live.arn());
        assertThat(snapshot.metricFilters()).containsOnlyKeys(AccountSnapshot.logGroupKey(liveGroup.arn()));
    }

    @Test
    void read_twoTrailsNamingOneLogGroup_asksForItsFiltersOnce(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("shared-logs");
        account.trail("first").logGroup(group).create();
        account.trail("second").logGroup(group).create();

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.trailLogging()).hasSize(2);
        assertThat(snapshot.metricFilters()).containsOnlyKeys(AccountSnapshot.logGroupKey(group.arn()));
        assertThat(recorder.counts()).containsEntry("logs:DescribeMetricFilters", 1);
    }

    @Test
    void read_classicAdvancedAndDefaultSelectors_mapsEachAsTheTrailHasThem(TestAccount account) {
        TestAccount.Trail classic = account.trail("classic").classicSelector(ReadWriteType.WRITE_ONLY, true).create();
        TestAccount.Trail advanced = account.trail("advanced").advancedManagementSelector(
                AdvancedFieldSelector.builder().field("eventSource").notEquals("kms.amazonaws.com").build(),
                AdvancedFieldSelector.builder().field("readOnly").equalsValue("false").build()).create();
        TestAccount.Trail plain = account.trail("plain").create();

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.eventSelectors()).containsOnly(
                entry(classic.arn(), Read.ok(new EventSelectors(
                        List.of(new EventSelectors.ClassicSelector("WriteOnly", true)), List.of()))),
                entry(advanced.arn(), Read.ok(new EventSelectors(List.of(), List.of(
                        new EventSelectors.AdvancedSelector("Management events", List.of(
                                new EventSelectors.FieldSelector("eventCategory",
                                        Map.of("Equals", List.of("Management"))),
                                new EventSelectors.FieldSelector("eventSource",
                                        Map.of("NotEquals", List.of("kms.amazonaws.com"))),
                                new EventSelectors.FieldSelector("readOnly", Map.of("Equals", List.of("false"))))))))),
                entry(plain.arn(), Read.ok(EventSelectors.none())));
    }

    @Test
    void read_metricMathAlarmOnACandidateMetric_followsItsTopicAndNotTopicsOfOtherAlarms(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        account.metricFilter(group, "root", CHAINS.get("RootAccountUsage")).metric("CISBenchmark", "RootAccountUsage")
                .create();
        TestAccount.Topic mathTopic = account.topic("math-alerts").emailSubscriber("math@example.com").create();
        TestAccount.Topic unrelated = account.topic("billing").emailSubscriber("billing@example.com").create();
        account.alarm("root-usage-math").alarmActions(mathTopic.arn()).metricMath(List.of(
                MetricDataQuery.builder().id("m1").returnData(false).metricStat(stat -> stat.period(300).stat("Sum")
                        .metric(metric -> metric.namespace("CISBenchmark").metricName("RootAccountUsage"))).build(),
                MetricDataQuery.builder().id("e1").expression("FILL(m1, 0)").returnData(true).build())).create();
        account.alarm("billing").onMetric("AWS/Billing", "EstimatedCharges").threshold(100)
                .comparison(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(unrelated.arn()).create();

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.alarms().get("us-east-1").value()).extracting(AlarmRecord::alarmName)
                .containsExactlyInAnyOrder("root-usage-math", "billing");
        AlarmRecord math = snapshot.alarms().get("us-east-1").value().stream()
                .filter(alarm -> alarm.alarmName().equals("root-usage-math")).findFirst().orElseThrow();
        assertThat(math.metrics()).containsExactly(
                new AlarmRecord.MathMetric("m1", "CISBenchmark", "RootAccountUsage", Map.of(), "Sum", false, "", "",
                        300, ""),
                new AlarmRecord.MathMetric("e1", "", "", Map.of(), "", true, "FILL(m1, 0)", "", 0, ""));
        assertThat(snapshot.topics()).containsOnlyKeys(mathTopic.arn());
    }

    @Test
    void read_topicDeleted_recordsATopicThatDoesNotExist(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        TestAccount.Topic topic = account.topic("gone").emailSubscriber("secops@example.com").create();
        account.compliantChain(group, "RootAccountUsage", CHAINS.get("RootAccountUsage"), topic.arn());
        account.deleteTopic(topic);

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.topics()).containsExactly(
                entry(topic.arn(), Read.ok(new TopicRecord(topic.arn(), false, List.of()))));
    }

    @Test
    void read_crossAccountLogGroup_recordsItUnreadableWithoutCallingAws(TestAccount account) {
        String foreignArn = "arn:aws:logs:us-east-1:" + OTHER_ACCOUNT + ":log-group:org-trail-logs:*";
        account.trail("org-trail").logGroup(new TestAccount.LogGroup("org-trail-logs", EAST, foreignArn)).create();

        AccountSnapshot snapshot = reader().read(EAST);

        String key = AccountSnapshot.logGroupKey(foreignArn);
        assertThat(snapshot.metricFilters()).containsOnlyKeys(key);
        ReadFailure failure = snapshot.metricFilters().get(key).failure();
        assertThat(failure.api()).isEqualTo("logs:DescribeMetricFilters");
        assertThat(failure.region()).isEqualTo("us-east-1");
        assertThat(failure.resource()).isEqualTo(key);
        assertThat(failure.cause()).isEqualTo(FailureCause.CrossAccountResource.of(OTHER_ACCOUNT, ACCOUNT_ID));
        assertThat(failure.message()).contains(OTHER_ACCOUNT, ACCOUNT_ID, "scan from that account");
        assertThat(recorder.counts()).doesNotContainKey("logs:DescribeMetricFilters");
        assertThat(snapshot.alarms()).isEmpty();
    }

    @Test
    void read_callerAccountUnknown_treatsAnotherAccountsLogGroupAsTheCallers(TestAccount account) {
        String foreignArn = "arn:aws:logs:us-east-1:" + OTHER_ACCOUNT + ":log-group:org-trail-logs:*";
        account.trail("org-trail").logGroup(new TestAccount.LogGroup("org-trail-logs", EAST, foreignArn)).create();

        AccountSnapshot snapshot = reader(DeniedCall.of("sts:GetCallerIdentity")).read(EAST);

        assertThat(snapshot.accountId().failure().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(snapshot.metricFilters().get(AccountSnapshot.logGroupKey(foreignArn)).isOk()).isTrue();
        assertThat(recorder.counts()).containsEntry("logs:DescribeMetricFilters", 1);
        assertThat(failures(snapshot)).hasSize(1);
    }

    @Test
    void read_trailLogGroupIsNotALogGroupArn_recordsItUnreadableWithoutCallingAws(TestAccount account) {
        String notAnArn = "cloudtrail-logs";
        account.trail("odd").logGroup(new TestAccount.LogGroup("cloudtrail-logs", EAST, notAnArn)).create();

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.metricFilters().get(notAnArn).failure()).satisfies(failure -> {
            assertThat(failure.api()).isEqualTo("logs:DescribeMetricFilters");
            assertThat(failure.region()).isEqualTo("us-east-1");
            assertThat(failure.cause()).isEqualTo(new FailureCause.InvalidArn(notAnArn, "the trail's "
                    + "CloudWatchLogsLogGroupArn is not a log group ARN with a region"));
        });
        assertThat(recorder.counts()).doesNotContainKey("logs:DescribeMetricFilters");
    }

    @Test
    void read_crossAccountTopic_recordsItUnreadableWithoutCallingAws(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        String central = "arn:aws:sns:us-east-1:" + OTHER_ACCOUNT + ":central-security";
        account.compliantChain(group, "RootAccountUsage", CHAINS.get("RootAccountUsage"), central);

        AccountSnapshot snapshot = reader().read(EAST);

        assertThat(snapshot.topics()).containsOnlyKeys(central);
        ReadFailure failure = snapshot.topics().get(central).failure();
        assertThat(failure.api()).isEqualTo("sns:ListSubscriptionsByTopic");
        assertThat(failure.cause()).isEqualTo(FailureCause.CrossAccountResource.of(OTHER_ACCOUNT, ACCOUNT_ID));
        assertThat(recorder.counts()).doesNotContainKey("sns:ListSubscriptionsByTopic");
    }

    /** Slots filled in the compliant account: trail status, selectors, filters, alarms, topics. */
    @ParameterizedTest(name = "{0} denied")
    @CsvSource({
            "sts:GetCallerIdentity,        1, 1, 1, 1, 1",
            "cloudtrail:DescribeTrails,    0, 0, 0, 0, 0",
            "cloudtrail:GetTrailStatus,    1, 1, 1, 1, 1",
            "cloudtrail:GetEventSelectors, 1, 1, 1, 1, 1",
            "logs:DescribeMetricFilters,   1, 1, 1, 0, 0",
            "cloudwatch:DescribeAlarms,    1, 1, 1, 1, 0",
            "sns:ListSubscriptionsByTopic, 1, 1, 1, 1, 1"})
    void read_accessDeniedOnOneCall_onlyThatSlotIsUnreadable(String denied, int statuses, int selectors,
            int filters, int alarms, int topics, TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();
        TestAccount.Topic topic = account.topic("security-alerts").emailSubscriber("secops@example.com").create();
        CHAINS.forEach((metric, pattern) -> account.compliantChain(group, metric, pattern, topic.arn()));

        AccountSnapshot snapshot = reader(DeniedCall.of(denied)).read(EAST);

        assertThat(failures(snapshot)).singleElement().satisfies(failure -> {
            assertThat(failure.api()).isEqualTo(denied);
            assertThat(failure.region()).isEqualTo("us-east-1");
            assertThat(failure.errorCode()).isEqualTo("AccessDeniedException");
            assertThat(failure.message()).contains("is not authorized to perform: " + denied);
        });
        assertThat(List.of(snapshot.trailLogging().size(), snapshot.eventSelectors().size(),
                snapshot.metricFilters().size(), snapshot.alarms().size(), snapshot.topics().size()))
                .containsExactly(statuses, selectors, filters, alarms, topics);
    }

    @Test
    void read_moreThan100Alarms_pagesDescribeAlarmsToTheEnd(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        seedUnrelatedAlarms(account, 245);
        TestAccount.Topic topic = account.topic("security-alerts").emailSubscriber("secops@example.com").create();
        CHAINS.forEach((metric, pattern) -> account.compliantChain(group, metric, pattern, topic.arn()));

        AccountSnapshot snapshot = reader(new AwsPagination()).read(EAST);

        // 250 alarms at 100 a page: 3 pages, fewer than the 5 calls asking per metric would take.
        assertThat(recorder.counts()).containsEntry("cloudwatch:DescribeAlarms", 3)
                .doesNotContainKey("cloudwatch:DescribeAlarmsForMetric");
        assertThat(snapshot.alarms().get("us-east-1").value()).hasSize(250)
                .filteredOn(alarm -> alarm.namespace().equals("CISBenchmark")).hasSize(5);
        assertThat(snapshot.topics()).containsOnlyKeys(topic.arn());
    }

    @Test
    void read_manyAlarmsFewCandidateMetrics_switchesToAskingPerMetric(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        account.metricFilter(group, "root", CHAINS.get("RootAccountUsage")).metric("CISBenchmark", "RootAccountUsage")
                .create();
        TestAccount.Topic mathTopic = account.topic("math-alerts").emailSubscriber("math@example.com").create();
        TestAccount.Topic topic = account.topic("security-alerts").emailSubscriber("secops@example.com").create();
        // On the first page: a metric-math alarm, which DescribeAlarmsForMetric would not return.
        account.alarm("aa-root-usage-math").alarmActions(mathTopic.arn()).metricMath(List.of(
                MetricDataQuery.builder().id("m1").returnData(true).metricStat(stat -> stat.period(300).stat("Sum")
                        .metric(metric -> metric.namespace("CISBenchmark").metricName("RootAccountUsage"))).build()))
                .create();
        seedUnrelatedAlarms(account, 150);
        // Past the first page.
        account.alarm("zz-root-usage").onMetric("CISBenchmark", "RootAccountUsage").alarmActions(topic.arn()).create();

        AccountSnapshot snapshot = reader(new AwsPagination()).read(EAST);

        // One candidate metric: after one page with more to come, one DescribeAlarmsForMetric is cheaper.
        assertThat(recorder.counts()).containsEntry("cloudwatch:DescribeAlarms", 1)
                .containsEntry("cloudwatch:DescribeAlarmsForMetric", 1);
        assertThat(snapshot.alarms().get("us-east-1").value()).extracting(AlarmRecord::alarmName)
                .containsExactlyInAnyOrder("aa-root-usage-math", "zz-root-usage");
        assertThat(snapshot.topics()).containsOnlyKeys(mathTopic.arn(), topic.arn());
    }

    @Test
    void read_candidateMetricWithDimensions_listsAllAlarmsInsteadOfAskingPerMetric(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        account.metricFilter(group, "sign-in-failures", CHAINS.get("ConsoleSignInFailures"))
                .metric("CISBenchmark", "ConsoleSignInFailures").dimension("User", "$.userIdentity.arn").create();
        seedUnrelatedAlarms(account, 150);
        account.alarm("alice-sign-in-failures").onMetric("CISBenchmark", "ConsoleSignInFailures")
                .dimension("User", "arn:aws:iam::" + ACCOUNT_ID + ":user/alice").create();

        AccountSnapshot snapshot = reader(new AwsPagination()).read(EAST);

        assertThat(recorder.counts()).containsEntry("cloudwatch:DescribeAlarms", 2)
                .doesNotContainKey("cloudwatch:DescribeAlarmsForMetric");
        assertThat(snapshot.alarms().get("us-east-1").value()).hasSize(151)
                .filteredOn(alarm -> alarm.alarmName().equals("alice-sign-in-failures")).singleElement()
                .satisfies(alarm -> assertThat(alarm.dimensions())
                        .containsExactly(entry("User", "arn:aws:iam::" + ACCOUNT_ID + ":user/alice")));
    }

    @Test
    void read_describeAlarmsForMetricDenied_recordsTheRegionsAlarmsUnreadable(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        account.metricFilter(group, "root", CHAINS.get("RootAccountUsage")).metric("CISBenchmark", "RootAccountUsage")
                .create();
        seedUnrelatedAlarms(account, 150);

        AccountSnapshot snapshot = reader(new AwsPagination(), DeniedCall.of("cloudwatch:DescribeAlarmsForMetric"))
                .read(EAST);

        assertThat(snapshot.alarms().get("us-east-1").failure()).satisfies(failure -> {
            assertThat(failure.api()).isEqualTo("cloudwatch:DescribeAlarmsForMetric");
            assertThat(failure.resource()).isEqualTo("CISBenchmark/RootAccountUsage");
            assertThat(failure.errorCode()).isEqualTo("AccessDeniedException");
        });
        assertThat(failures(snapshot)).hasSize(1);
    }

    @Test
    void read_moreThan50MetricFilters_pagesDescribeMetricFilters(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        for (int i = 0; i < 60; i++) {
            account.metricFilter(group, String.format("filter-%02d", i), "{ $.eventName = Event" + i + " }")
                    .metric("Custom", "Metric" + i).create();
        }

        AccountSnapshot snapshot = reader(new AwsPagination()).read(EAST);

        assertThat(recorder.counts()).containsEntry("logs:DescribeMetricFilters", 2);
        assertThat(snapshot.metricFilters().get(AccountSnapshot.logGroupKey(group.arn())).value())
                .extracting(MetricFilterRecord::filterName).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void read_moreThan100Subscriptions_pagesListSubscriptionsByTopic(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        TestAccount.TopicBuilder builder = account.topic("crowded");
        for (int i = 0; i < 120; i++) {
            builder.emailSubscriber("person" + i + "@example.com");
        }
        TestAccount.Topic topic = builder.create();
        account.compliantChain(group, "RootAccountUsage", CHAINS.get("RootAccountUsage"), topic.arn());

        AccountSnapshot snapshot = reader().read(EAST);

        // moto pages subscriptions at 100, as AWS does.
        assertThat(recorder.counts()).containsEntry("sns:ListSubscriptionsByTopic", 2);
        assertThat(snapshot.topics().get(topic.arn()).value().subscriptions()).hasSize(120);
    }

    @Test
    void read_serviceRepeatsItsNextToken_stopsAndRecordsAPaginationLoop(TestAccount account) {
        TestAccount.LogGroup group = account.logGroup("trail-logs");
        account.trail("management").logGroup(group).create();
        account.metricFilter(group, "root", CHAINS.get("RootAccountUsage")).create();

        AccountSnapshot snapshot = reader(new RepeatedFilterToken()).read(EAST);

        ReadFailure failure = snapshot.metricFilters().get(AccountSnapshot.logGroupKey(group.arn())).failure();
        assertThat(failure.api()).isEqualTo("logs:DescribeMetricFilters");
        assertThat(failure.cause()).isEqualTo(new FailureCause.PaginationLoop(2, true));
        assertThat(recorder.counts()).containsEntry("logs:DescribeMetricFilters", 2);
    }

    /** The reader on its own clients: the call recorder and log, plus whatever a test injects. */
    private SnapshotReader reader(ExecutionInterceptor... extra) {
        AwsClients.Builder builder = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(recorder).interceptor(log);
        for (ExecutionInterceptor interceptor : extra) {
            builder.interceptor(interceptor);
        }
        AwsClients clients = builder.build();
        opened.add(clients);
        return SnapshotReader.create(clients);
    }

    /** Alarms on metrics no filter emits, named to sort before and after the tests' own. */
    private static void seedUnrelatedAlarms(TestAccount account, int count) {
        var cloudWatch = account.clients().cloudWatch(account.region());
        for (int i = 0; i < count; i++) {
            int n = i;
            cloudWatch.putMetricAlarm(r -> r.alarmName(String.format("noise-%03d", n)).namespace("Noise")
                    .metricName("Metric" + (n % 7)).statistic("Sum").period(300).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
        }
    }

    private static List<ReadFailure> failures(AccountSnapshot snapshot) {
        List<Read<?>> reads = new ArrayList<>();
        reads.add(snapshot.accountId());
        reads.add(snapshot.trails());
        reads.addAll(snapshot.trailLogging().values());
        reads.addAll(snapshot.eventSelectors().values());
        reads.addAll(snapshot.metricFilters().values());
        reads.addAll(snapshot.alarms().values());
        reads.addAll(snapshot.topics().values());
        return reads.stream().filter(read -> !read.isOk()).map(Read::failure).toList();
    }

    /** A service that hands back the same next token on every page of metric filters. */
    private static final class RepeatedFilterToken implements ExecutionInterceptor {
        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof DescribeMetricFiltersResponse) {
                return ((DescribeMetricFiltersResponse) context.response()).toBuilder().nextToken("again").build();
            }
            return context.response();
        }
    }
}
