package dev.cissentinel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;

/** The account builder seeds what it says, read back through the SDK from a live emulator. */
@ExtendWith(EmulatorExtension.class)
class TestAccountIT {

    /** Metric name → filter pattern, one per control (CIS texts; the controls table holds the real ones). */
    private static final Map<String, String> CHAINS = Map.of(
            "RootAccountUsage", "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS "
                    + "&& $.eventType != \"AwsServiceEvent\" }",
            "UnauthorizedAPICalls", "{ ($.errorCode = \"*UnauthorizedOperation\") || "
                    + "($.errorCode = \"AccessDenied*\") }",
            "IAMPolicyChanges", "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = PutGroupPolicy) }",
            "CloudTrailConfigChanges", "{ ($.eventName = CreateTrail) || ($.eventName = StopLogging) }",
            "ConsoleSignInFailures", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }");

    @Test
    void seedsAFullCompliantChainForFiveControlsAndReadsItBack(TestAccount account, AwsClients clients) {
        Region region = account.region();
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        TestAccount.Trail trail = account.trail("management").logGroup(group)
                .classicSelector(ReadWriteType.ALL, true).create();
        TestAccount.Topic topic = account.topic("security-alerts").emailSubscriber("secops@example.com").create();
        CHAINS.forEach((metric, pattern) -> account.compliantChain(group, metric, pattern, topic.arn()));
        account.enableSecurityHub();

        // By name: the other test in this class may have run first (one reset per class), and moto lists shadow
        // trails in the order its region backends were first used in the process, not by region.
        Trail described = clients.cloudTrail(region).describeTrails(r -> r.includeShadowTrails(true)).trailList()
                .stream().filter(t -> t.name().equals("management")).findFirst().orElseThrow();
        assertThat(described.trailARN()).isEqualTo(trail.arn());
        assertThat(described.isMultiRegionTrail()).isTrue();
        assertThat(described.homeRegion()).isEqualTo(region.id());
        assertThat(described.cloudWatchLogsLogGroupArn()).isEqualTo(group.arn());
        assertThat(clients.cloudTrail(region).getTrailStatus(r -> r.name(trail.arn())).isLogging()).isTrue();
        var selectors = clients.cloudTrail(region).getEventSelectors(r -> r.trailName(trail.arn()));
        assertThat(selectors.eventSelectors()).singleElement().satisfies(s -> {
            assertThat(s.readWriteType()).isEqualTo(ReadWriteType.ALL);
            assertThat(s.includeManagementEvents()).isTrue();
        });

        List<MetricFilter> filters = clients.logs(region)
                .describeMetricFilters(r -> r.logGroupName(group.name())).metricFilters();
        assertThat(filters).hasSize(5);
        assertThat(filters).allSatisfy(f -> {
            String metric = f.metricTransformations().get(0).metricName();
            assertThat(f.filterPattern()).isEqualTo(CHAINS.get(metric));
            assertThat(f.metricTransformations().get(0).metricNamespace()).isEqualTo("CISBenchmark");
            assertThat(f.metricTransformations().get(0).metricValue()).isEqualTo("1");
        });

        List<MetricAlarm> alarms = clients.cloudWatch(region).describeAlarms(r -> r.alarmNamePrefix("")).metricAlarms()
                .stream().filter(a -> CHAINS.containsKey(a.metricName())).toList();
        assertThat(alarms).extracting(MetricAlarm::metricName).containsExactlyInAnyOrderElementsOf(CHAINS.keySet());
        assertThat(alarms).allSatisfy(a -> {
            assertThat(a.namespace()).isEqualTo("CISBenchmark");
            assertThat(a.statistic()).isEqualTo(Statistic.SUM);
            assertThat(a.period()).isEqualTo(300);
            assertThat(a.evaluationPeriods()).isEqualTo(1);
            assertThat(a.threshold()).isEqualTo(1.0);
            assertThat(a.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
            assertThat(a.actionsEnabled()).isTrue();
            assertThat(a.alarmActions()).containsExactly(topic.arn());
        });

        var subscriptions = clients.sns(region).listSubscriptionsByTopic(r -> r.topicArn(topic.arn()))
                .subscriptions();
        assertThat(subscriptions).singleElement().satisfies(s -> {
            assertThat(s.protocol()).isEqualTo("email");
            assertThat(s.endpoint()).isEqualTo("secops@example.com");
        });
        assertThat(clients.securityHub(region).describeHub(r -> { }).hubArn()).contains(region.id());
    }

    @Test
    void seedsAdvancedSelectorsAlarmVariantsAndAnotherRegion(TestAccount account, AwsClients clients) {
        TestAccount west = account.in(Region.EU_WEST_1);
        TestAccount.LogGroup group = west.logGroup("trail-logs");
        TestAccount.Trail trail = west.trail("homed-in-ireland").logGroup(group)
                .advancedManagementSelector(AdvancedFieldSelector.builder().field("readOnly").equalsValue("false")
                        .build())
                .logging(false).create();
        west.metricFilter(group, "by-user", "{ $.eventName = ConsoleLogin }").metric("Custom", "SignIns")
                .value("1").dimension("User", "$.userIdentity.arn").create();
        west.alarm("needs-three").onMetric("Custom", "SignIns").dimension("User", "alice")
                .statistic(Statistic.AVERAGE).evaluationPeriods(3).datapointsToAlarm(2).threshold(5)
                .actionsEnabled(false).okActions("arn:aws:sns:eu-west-1:123456789012:ok-only").create();

        var cloudTrail = clients.cloudTrail(Region.EU_WEST_1);
        assertThat(cloudTrail.getTrailStatus(r -> r.name(trail.arn())).isLogging()).isFalse();
        var advanced = cloudTrail.getEventSelectors(r -> r.trailName(trail.arn())).advancedEventSelectors();
        assertThat(advanced).singleElement().satisfies(s -> assertThat(s.fieldSelectors())
                .extracting(AdvancedFieldSelector::field).containsExactly("eventCategory", "readOnly"));
        assertThat(clients.logs(Region.EU_WEST_1).describeMetricFilters(r -> r.logGroupName(group.name()))
                .metricFilters()).singleElement()
                .satisfies(f -> assertThat(f.metricTransformations().get(0).dimensions())
                        .containsEntry("User", "$.userIdentity.arn"));
        MetricAlarm alarm = clients.cloudWatch(Region.EU_WEST_1).describeAlarms().metricAlarms().get(0);
        assertThat(alarm.statistic()).isEqualTo(Statistic.AVERAGE);
        assertThat(alarm.datapointsToAlarm()).isEqualTo(2);
        assertThat(alarm.actionsEnabled()).isFalse();
        assertThat(alarm.okActions()).containsExactly("arn:aws:sns:eu-west-1:123456789012:ok-only");
        assertThat(alarm.dimensions()).singleElement().satisfies(d -> assertThat(d.value()).isEqualTo("alice"));
        // The group exists in eu-west-1 only, whatever else the class seeded in us-east-1.
        assertThat(clients.logs(Region.US_EAST_1).describeLogGroups().logGroups())
                .noneMatch(g -> g.logGroupName().equals("trail-logs"));
    }
}
