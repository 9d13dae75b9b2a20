package dev.cissentinel.reliability;

import static dev.cissentinel.reliability.HostileCase.account;

import dev.cissentinel.cli.Main;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.testing.TestAccount;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Every hostile case {@link HostileAccountIT} tries, in the order of the generated table. To add one, append a
 * {@link HostileCase} to {@link #ALL}: {@link HostileCase#account} for an account seeded in moto and scanned, or a
 * {@link HostileCase} with its own {@link HostileCase.Trial} for anything else (a pattern, a CLI argument).
 */
final class HostileCases {

    private static final Control ROOT = ControlTable.byId("CloudWatch.1").orElseThrow();
    private static final Control TRAILS = ControlTable.byId("CloudWatch.5").orElseThrow();
    private static final List<String> TRAIL_EVENTS = List.of("CreateTrail", "UpdateTrail", "DeleteTrail",
            "StartLogging", "StopLogging");

    static final List<HostileCase> ALL = List.of(
            root("units", "alarm Unit Count, filter without a unit (publishes None)", "FAILED ALARM_UNIT_MISMATCH",
                    seed -> filter(seed).create(), alarm -> alarm.unit("Count")),
            root("units", "alarm Unit Count, filter unit Count (honest)", "PASSED CHAIN_COMPLETE",
                    seed -> filter(seed).unit("Count").create(), alarm -> alarm.unit("Count")),
            root("statistics over defaultValue", "Sum >= 1, defaultValue 0 (honest)", "PASSED CHAIN_COMPLETE",
                    seed -> filter(seed).defaultValue(0).create(), alarm -> { }),
            root("statistics over defaultValue", "Maximum >= 1, defaultValue 0 (honest)", "PASSED CHAIN_COMPLETE",
                    seed -> filter(seed).defaultValue(0).create(), alarm -> alarm.statistic(Statistic.MAXIMUM)),
            root("statistics over defaultValue", "Minimum >= 1, defaultValue 0",
                    "FAILED ALARM_CANNOT_FIRE_ON_ONE_EVENT", seed -> filter(seed).defaultValue(0).create(),
                    alarm -> alarm.statistic(Statistic.MINIMUM)),
            root("statistics over defaultValue", "Average >= 1, defaultValue 0",
                    "FAILED ALARM_CANNOT_FIRE_ON_ONE_EVENT", seed -> filter(seed).defaultValue(0).create(),
                    alarm -> alarm.statistic(Statistic.AVERAGE)),
            root("statistics over defaultValue", "p99 >= 1, defaultValue 0", "FAILED ALARM_DEPENDS_ON_OTHER_EVENTS",
                    seed -> filter(seed).defaultValue(0).create(), alarm -> alarm.extendedStatistic("p99")),
            root("statistics over defaultValue", "SampleCount >= 1, defaultValue 0 (every event is a sample)",
                    "FAILED ALARM_STUCK_IN_ALARM", seed -> filter(seed).defaultValue(0).create(),
                    alarm -> alarm.statistic(Statistic.SAMPLE_COUNT)),
            root("statistics over defaultValue", "Sum >= 1, defaultValue 1 (breaches without a match)",
                    "FAILED ALARM_STUCK_IN_ALARM", seed -> filter(seed).defaultValue(1).create(), alarm -> { }),
            root("statistics", "p90 >= 1, no defaultValue (one datapoint)", "PASSED CHAIN_COMPLETE",
                    seed -> filter(seed).create(), alarm -> alarm.extendedStatistic("p90")),
            root("statistics", "p99 with EvaluateLowSampleCountPercentile ignore",
                    "FAILED ALARM_CANNOT_FIRE_ON_ONE_EVENT", seed -> filter(seed).create(),
                    alarm -> alarm.extendedStatistic("p99").evaluateLowSampleCountPercentile("ignore")),
            root("statistics", "Sum > 1 (one event makes 1)", "FAILED ALARM_CANNOT_FIRE_ON_ONE_EVENT",
                    seed -> filter(seed).create(), alarm -> alarm.comparison(ComparisonOperator.GREATER_THAN_THRESHOLD)),
            root("statistics", "Sum < 1 (an event raises the metric)", "FAILED ALARM_CANNOT_FIRE_ON_ONE_EVENT",
                    seed -> filter(seed).create(), alarm -> alarm.comparison(ComparisonOperator.LESS_THAN_THRESHOLD)),
            root("datapoints to alarm", "2 of 2 datapoints", "FAILED ALARM_CANNOT_FIRE_ON_ONE_EVENT",
                    seed -> filter(seed).create(), alarm -> alarm.evaluationPeriods(2).datapointsToAlarm(2)),
            root("datapoints to alarm", "1 of 3 datapoints (honest)", "PASSED CHAIN_COMPLETE",
                    seed -> filter(seed).create(), alarm -> alarm.evaluationPeriods(3).datapointsToAlarm(1)),
            root("missing data", "TreatMissingData breaching, no defaultValue", "FAILED ALARM_STUCK_IN_ALARM",
                    seed -> filter(seed).create(), alarm -> alarm.treatMissingData("breaching")),
            root("missing data", "TreatMissingData ignore, no defaultValue (stays in ALARM)",
                    "FAILED ALARM_STUCK_IN_ALARM", seed -> filter(seed).create(),
                    alarm -> alarm.treatMissingData("ignore")),
            root("missing data", "TreatMissingData unset (missing) (honest)", "PASSED CHAIN_COMPLETE",
                    seed -> filter(seed).create(), alarm -> alarm.treatMissingData(null)),
            math("FILL(m1, 0) (honest)", "FILL(m1, 0)", "PASSED CHAIN_COMPLETE"),
            math("IF(m1 >= 1, 1, 0) (honest)", "IF(m1 >= 1, 1, 0)", "PASSED CHAIN_COMPLETE"),
            math("m1 * 0", "m1 * 0", "FAILED ALARM_CANNOT_FIRE_ON_ONE_EVENT"),
            math("FILL(m1, 5) (breaches without a match)", "FILL(m1, 5)", "FAILED ALARM_STUCK_IN_ALARM"),
            math("an expression over another metric only", "FILL(m2, 0)", "FAILED ALARM_CANNOT_FIRE_ON_ONE_EVENT"),
            math("RATE(m1)", "RATE(m1)", "NOT_AVAILABLE ALARM_NOT_DECIDABLE"),
            math("SEARCH(...)", "MAX(SEARCH('{CISBenchmark} MetricName=\"RootAccountUsage\"', 'Sum', 300))",
                    "NOT_AVAILABLE ALARM_NOT_DECIDABLE"),
            root("metric math", "query with Unit Count on a filter without a unit", "FAILED ALARM_UNIT_MISMATCH",
                    seed -> filter(seed).create(), alarm -> alarm.metricMath(List.of(
                            MetricDataQuery.builder().id("m1").returnData(false).metricStat(stat -> stat.period(300)
                                    .stat("Sum").unit("Count").metric(metric -> metric.namespace("CISBenchmark")
                                            .metricName(ROOT.metricName()))).build(),
                            MetricDataQuery.builder().id("e1").expression("FILL(m1, 0)").returnData(true).build()))),
            trails("all five CIS event names, one alarm each (honest)", TRAIL_EVENTS, "PASSED CHAIN_COMPLETE"),
            trails("four of the five event names", TRAIL_EVENTS.subList(0, 4),
                    "FAILED ALARMS_MISS_DIMENSION_VALUES"),
            trails("one alarm on the value *Trail (a wildcard in a pattern)", List.of("*Trail"),
                    "NOT_AVAILABLE ALARM_NOT_DECIDABLE"),
            root("dimension values", "filter dimension User=$.userIdentity.arn, alarm on the root ARN only",
                    "FAILED ALARMS_MISS_DIMENSION_VALUES",
                    seed -> filter(seed).dimension("User", "$.userIdentity.arn").create(),
                    alarm -> alarm.dimension("User", "arn:aws:iam::" + TestAccount.ACCOUNT_ID + ":root")),
            account("topic region", "alarm in us-east-1 notifies a subscribed topic in eu-west-1", ROOT.id(),
                    "FAILED ALARM_TOPIC_IN_OTHER_REGION", seed -> {
                        String ireland = seed.account().in(Region.EU_WEST_1).topic("alerts")
                                .emailSubscriber("secops@example.com").create().arn();
                        filter(seed).create();
                        seed.account().alarm("hostile").onMetric("CISBenchmark", ROOT.metricName())
                                .alarmActions(ireland).create();
                    }),
            root("actions", "OK actions only", "FAILED ALARM_WITHOUT_SNS_ACTION", seed -> filter(seed).create(),
                    alarm -> alarm.alarmActions().okActions("arn:aws:sns:us-east-1:" + TestAccount.ACCOUNT_ID
                            + ":alerts")),
            root("metric value", "metricValue $.count (absent from most events)", "FAILED NO_COVERING_METRIC_FILTER",
                    seed -> filter(seed).value("$.count").create(), alarm -> { }),
            root("metric value", "metricValue 0", "FAILED NO_COVERING_METRIC_FILTER",
                    seed -> filter(seed).value("0").create(), alarm -> { }),
            pattern("huge array index", "filter { $.a[999999999] = 1 } (a counterexample would be a 10^9 array)",
                    "{ $.a[999999999] = 1 }", "FAILED NO_COVERING_METRIC_FILTER"),
            pattern("huge array index", "the CIS pattern || $.a[999999999] = 1 (honest)",
                    "{ (" + ROOT.cisPattern().substring(1, ROOT.cisPattern().length() - 1)
                            + ") || $.a[999999999] = 1 }", "PASSED CHAIN_COMPLETE"),
            pattern("huge numbers", "filter { $.userIdentity.type = \"Root\" && $.x > 1e-10000 }",
                    "{ $.userIdentity.type = \"Root\" && $.x > 1e-10000 }", "FAILED NO_COVERING_METRIC_FILTER"),
            pattern("raw-text terms", "term filter \"\\\"type\\\":\\\"Root\\\"\" (depends on how the JSON is written)",
                    "\"\\\"type\\\":\\\"Root\\\"\"", "FAILED NO_COVERING_METRIC_FILTER"),
            cli("bad CLI input", "--region 'us-east-1; rm -rf /'", "exit 2", "scan", "--no-publish", "--region",
                    "us-east-1; rm -rf /"),
            cli("bad CLI input", "--notification-email of 130,000 characters (linear-time check)", "exit 2", "scan",
                    "--no-publish", "--region", "us-east-1", "--remediate", "dry-run", "--notification-email",
                    "a@" + ".".repeat(130_000) + "@"),
            cli("bad CLI input", "--alarm-topic-arn of a FIFO topic (an alarm cannot notify one)", "exit 2", "scan",
                    "--no-publish", "--region", "us-east-1", "--remediate", "dry-run", "--alarm-topic-arn",
                    "arn:aws:sns:us-east-1:" + TestAccount.ACCOUNT_ID + ":alerts.fifo"),
            cli("bad CLI input", "pattern covers with a 132,000-character pattern", "exit 2", "pattern", "covers",
                    "{ $.a = " + "x".repeat(132_000) + " }", "--control", "CloudWatch.1"));

    private HostileCases() {
    }

    /** A CloudWatch.1 case: the CIS filter as {@code filter} makes it, and an alarm {@code alarm} adjusts. */
    private static HostileCase root(String hostileClass, String input, String expected, Consumer<HostileCase.Seed> filter,
            Consumer<TestAccount.AlarmBuilder> alarm) {
        return account(hostileClass, input, ROOT.id(), expected, seed -> {
            filter.accept(seed);
            TestAccount.AlarmBuilder builder = seed.account().alarm("hostile").onMetric("CISBenchmark",
                    ROOT.metricName()).alarmActions(seed.topic());
            alarm.accept(builder);
            builder.create();
        });
    }

    private static TestAccount.MetricFilterBuilder filter(HostileCase.Seed seed) {
        return seed.account().metricFilter(seed.group(), "hostile", ROOT.cisPattern())
                .metric("CISBenchmark", ROOT.metricName());
    }

    /** A CloudWatch.1 case whose filter has the pattern {@code text} and an honest Sum >= 1 alarm on its metric. */
    private static HostileCase pattern(String hostileClass, String input, String text, String expected) {
        return root(hostileClass, input, expected, seed -> seed.account().metricFilter(seed.group(), "hostile", text)
                .metric("CISBenchmark", ROOT.metricName()).create(), alarm -> { });
    }

    /**
     * A command line run in this JVM ({@link Main#execute}): it must exit with {@code expected} before any AWS
     * call (ScanCommandIT shows that no request leaves for each such rule); exit 1 or an exception is a crash.
     */
    private static HostileCase cli(String hostileClass, String input, String expected, String... args) {
        return new HostileCase(hostileClass, input, expected, (emulator, account) -> {
            int exit = Main.execute(args);
            return new HostileCase.Observation("exit " + exit, false, exit == 1);
        });
    }

    /** A metric-math alarm: m1 the filter's metric (Sum), m2 another metric, e1 = {@code expression} returned. */
    private static HostileCase math(String input, String expression, String expected) {
        return root("metric math", input, expected, seed -> filter(seed).create(), alarm -> alarm.metricMath(List.of(
                MetricDataQuery.builder().id("m1").returnData(false).metricStat(stat -> stat.period(300).stat("Sum")
                        .metric(metric -> metric.namespace("CISBenchmark").metricName(ROOT.metricName()))).build(),
                MetricDataQuery.builder().id("m2").returnData(false).metricStat(stat -> stat.period(300)
                        .stat("Maximum").metric(metric -> metric.namespace("AWS/Billing")
                                .metricName("EstimatedCharges"))).build(),
                MetricDataQuery.builder().id("e1").expression(expression).returnData(true).build())));
    }

    /** CloudWatch.5 with a filter whose dimension EventName is $.eventName and one alarm per value. */
    private static HostileCase trails(String input, List<String> values, String expected) {
        return account("dimension values", input, TRAILS.id(), expected, seed -> {
            seed.account().metricFilter(seed.group(), "trail-changes", TRAILS.cisPattern())
                    .metric("CISBenchmark", "TrailChanges").dimension("EventName", "$.eventName").create();
            for (String value : values) {
                String name = "trail-" + value.replace("*", "any");
                seed.account().alarm(name).onMetric("CISBenchmark", "TrailChanges").dimension("EventName", value)
                        .alarmActions(seed.topic()).create();
            }
        });
    }
}
