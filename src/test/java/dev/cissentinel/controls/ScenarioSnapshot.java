package dev.cissentinel.controls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.aws.Arn;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.AlarmRecord;
import dev.cissentinel.snapshot.EventSelectors;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.MetricFilterRecord;
import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.ReadFailure;
import dev.cissentinel.snapshot.SubscriptionRecord;
import dev.cissentinel.snapshot.TopicRecord;
import dev.cissentinel.snapshot.TrailRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds an {@link AccountSnapshot} from a scenario's {@code given} block, filling AWS's usual values for what
 * a scenario leaves out, so each file shows only what matters to it. Any slot may be
 * {@code {"unreadable": "<errorCode>"}} (AWS's code, or one of ours: {@code CrossAccountResource},
 * {@code Deadline}). A filter pattern {@code "@reference"} stands for the control's CIS text.
 */
public final class ScenarioSnapshot {

    public static final String ACCOUNT = "123456789012";

    private ScenarioSnapshot() {
    }

    public static AccountSnapshot from(JsonNode given, Control control) {
        String region = given.path("region").asText("us-east-1");
        Map<String, Read<Boolean>> logging = new HashMap<>();
        Map<String, Read<EventSelectors>> selectors = new HashMap<>();
        Read<List<TrailRecord>> trails = read(given.path("trails"), "cloudtrail:DescribeTrails", region, "trails",
                node -> {
                    List<TrailRecord> list = new ArrayList<>();
                    for (JsonNode trail : node) {
                        String home = trail.path("homeRegion").asText(region);
                        String name = trail.path("name").asText();
                        String arn = "arn:aws:cloudtrail:" + home + ":" + ACCOUNT + ":trail/" + name;
                        list.add(new TrailRecord(name, arn, home, trail.path("multiRegion").asBoolean(true),
                                trail.path("logGroup").asText("")));
                        logging.put(arn, read(trail.path("logging"), "cloudtrail:GetTrailStatus", home, arn,
                                JsonNode::asBoolean, true));
                        selectors.put(arn, read(trail.path("selectors"), "cloudtrail:GetEventSelectors", home, arn,
                                ScenarioSnapshot::selectors, EventSelectors.none()));
                    }
                    return list;
                }, List.of());
        Map<String, Read<List<MetricFilterRecord>>> filters = new HashMap<>();
        given.path("metricFilters").fields().forEachRemaining(entry -> filters.put(entry.getKey(),
                read(entry.getValue(), "logs:DescribeMetricFilters", region, entry.getKey(),
                        node -> filters(node, control, entry.getKey()), List.of())));
        Map<String, Read<List<AlarmRecord>>> alarms = new HashMap<>();
        given.path("alarms").fields().forEachRemaining(entry -> alarms.put(entry.getKey(),
                read(entry.getValue(), "cloudwatch:DescribeAlarms", entry.getKey(), entry.getKey(),
                        node -> alarms(node, entry.getKey()), List.of())));
        Map<String, Read<TopicRecord>> topics = new HashMap<>();
        given.path("topics").fields().forEachRemaining(entry -> topics.put(entry.getKey(),
                read(entry.getValue(), "sns:ListSubscriptionsByTopic", region, entry.getKey(),
                        node -> topic(entry.getKey(), node), null)));
        return new AccountSnapshot(Read.ok(ACCOUNT), region, trails, logging, selectors, filters, alarms, topics);
    }

    private static <T> Read<T> read(JsonNode node, String api, String region, String resource,
            Function<JsonNode, T> value, T absent) {
        if (node.has("unreadable")) {
            return Read.unreadable(new ReadFailure(api, region, resource, cause(node.get("unreadable").asText(),
                    resource)));
        }
        return Read.ok(node.isMissingNode() ? absent : value.apply(node));
    }

    /**
     * The cause a scenario's error code stands for: one of our own kinds by its name (what the JSON output prints),
     * else an AWS error with that code.
     */
    private static FailureCause cause(String code, String resource) {
        if (code.equals(FailureCause.CrossAccountResource.class.getSimpleName())) {
            return FailureCause.CrossAccountResource.of(Arn.parse(resource).map(Arn::accountId).orElse(""), ACCOUNT);
        }
        if (code.equals(FailureCause.Deadline.class.getSimpleName())) {
            return new FailureCause.Deadline();
        }
        return new FailureCause.AwsError(code, "injected by the scenario");
    }

    private static EventSelectors selectors(JsonNode node) {
        List<EventSelectors.ClassicSelector> classic = new ArrayList<>();
        for (JsonNode selector : node.path("classic")) {
            classic.add(new EventSelectors.ClassicSelector(selector.path("readWriteType").asText("All"),
                    selector.path("includeManagementEvents").asBoolean(true),
                    texts(selector.path("excludeManagementEventSources"))));
        }
        List<EventSelectors.AdvancedSelector> advanced = new ArrayList<>();
        for (JsonNode selector : node.path("advanced")) {
            List<EventSelectors.FieldSelector> fields = new ArrayList<>();
            selector.path("fields").fields().forEachRemaining(field -> {
                Map<String, List<String>> operators = new LinkedHashMap<>();
                field.getValue().fields().forEachRemaining(op -> {
                    List<String> values = new ArrayList<>();
                    op.getValue().forEach(v -> values.add(v.asText()));
                    operators.put(op.getKey(), values);
                });
                fields.add(new EventSelectors.FieldSelector(field.getKey(), operators));
            });
            advanced.add(new EventSelectors.AdvancedSelector(selector.path("name").asText("selector"), fields));
        }
        return new EventSelectors(classic, advanced);
    }

    private static List<MetricFilterRecord> filters(JsonNode node, Control control, String groupArn) {
        String group = groupArn.substring(groupArn.indexOf("log-group:") + "log-group:".length());
        List<MetricFilterRecord> list = new ArrayList<>();
        for (JsonNode filter : node) {
            String pattern = filter.path("pattern").asText("@reference");
            list.add(new MetricFilterRecord(filter.path("name").asText(), group,
                    pattern.equals("@reference") ? control.cisPattern() : pattern,
                    List.of(new MetricFilterRecord.MetricTransformation(filter.path("metricName").asText(),
                            filter.path("namespace").asText("CISBenchmark"), filter.path("value").asText("1"),
                            strings(filter.path("dimensions")), filter.path("defaultValue").asDouble(Double.NaN),
                            filter.path("unit").asText("")))));
        }
        return list;
    }

    private static List<AlarmRecord> alarms(JsonNode node, String region) {
        List<AlarmRecord> list = new ArrayList<>();
        for (JsonNode alarm : node) {
            String name = alarm.path("name").asText();
            List<AlarmRecord.MathMetric> metrics = new ArrayList<>();
            for (JsonNode metric : alarm.path("metrics")) {
                boolean expression = metric.has("expression");
                metrics.add(new AlarmRecord.MathMetric(metric.path("id").asText("m1"),
                        metric.path("namespace").asText(expression ? "" : "CISBenchmark"),
                        metric.path("metricName").asText(), strings(metric.path("dimensions")),
                        metric.path("stat").asText(expression ? "" : "Sum"),
                        metric.path("returnData").asBoolean(expression), metric.path("expression").asText(""),
                        metric.path("unit").asText(""), metric.path("period").asInt(expression ? 0 : 300),
                        metric.path("accountId").asText("")));
            }
            list.add(new AlarmRecord(name, "arn:aws:cloudwatch:" + region + ":" + ACCOUNT + ":alarm:" + name,
                    metrics.isEmpty() ? alarm.path("namespace").asText("CISBenchmark") : "",
                    metrics.isEmpty() ? alarm.path("metricName").asText() : "", strings(alarm.path("dimensions")),
                    metrics.isEmpty() ? alarm.path("statistic").asText("Sum") : "", alarm.path("period").asInt(300),
                    alarm.path("evaluationPeriods").asInt(1), alarm.path("datapointsToAlarm").asInt(0),
                    alarm.path("threshold").asDouble(1),
                    alarm.path("comparison").asText("GreaterThanOrEqualToThreshold"),
                    alarm.path("actionsEnabled").asBoolean(true), texts(alarm.path("alarmActions")),
                    texts(alarm.path("okActions")), List.of(), metrics, alarm.path("unit").asText(""),
                    alarm.path("treatMissingData").asText("notBreaching"),
                    alarm.path("evaluateLowSampleCountPercentile").asText(""),
                    alarm.path("thresholdMetricId").asText("")));
        }
        return list;
    }

    private static TopicRecord topic(String arn, JsonNode node) {
        List<SubscriptionRecord> subscriptions = new ArrayList<>();
        for (JsonNode subscription : node.path("subscriptions")) {
            subscriptions.add(new SubscriptionRecord(subscription.asText(), "email", "secops@example.com"));
        }
        return new TopicRecord(arn, node.path("exists").asBoolean(true), subscriptions);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    private static List<String> texts(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(value -> list.add(value.asText()));
        return list;
    }
}
