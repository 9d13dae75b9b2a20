package dev.cissentinel.testing;

import dev.cissentinel.aws.Arn;
import dev.cissentinel.controls.Evidence;
import dev.cissentinel.controls.Link;
import dev.cissentinel.snapshot.AlarmRecord;
import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import dev.cissentinel.snapshot.SubscriptionRecord;
import dev.cissentinel.snapshot.TopicRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-built chain links with typed evidence, for tests of code that reads chains (planner, finding mapper). */
public final class ChainLinks {

    private ChainLinks() {
    }

    public static Link trail(String arn) {
        String region = Arn.parse(arn).map(Arn::region).orElseThrow();
        return new Link(Link.Kind.TRAIL, Arn.parse(arn).map(Arn::resource).orElseThrow().replace("trail/", ""), arn,
                region, new Evidence.Trail(region));
    }

    public static Link logGroup(String arn) {
        Arn parsed = Arn.parse(arn).orElseThrow();
        return new Link(Link.Kind.LOG_GROUP, parsed.logGroupName().orElseThrow(), arn, parsed.region(),
                new Evidence.LogGroup(parsed.accountId()));
    }

    /** A covering filter on {@code logGroup} whose chain follows {@code metric}. */
    public static Link filter(String name, String region, String pattern, MetricTransformation metric) {
        return new Link(Link.Kind.METRIC_FILTER, name, name, region, new Evidence.Filter(pattern, "trail-logs",
                metric));
    }

    /** A covering filter counting 1 per event on {@code namespace/metricName}, no dimensions, no default. */
    public static Link filter(String name, String region, String namespace, String metricName) {
        return filter(name, region, "{ $.userIdentity.type = \"Root\" }", MetricTransformation.of(metricName,
                namespace, "1", Map.of()));
    }

    /** A filter whose pattern misses events the reference catches. */
    public static Link missedFilter(String name, String id, String region, String pattern) {
        return new Link(Link.Kind.METRIC_FILTER, name, id, region, new Evidence.MissedFilter(pattern, "trail-logs",
                false, ""));
    }

    /** A Sum >= 1 alarm on {@code namespace/metricName} with {@code dimensions}, notifying {@code actions}. */
    public static Link alarm(String arn, Map<String, String> dimensions, boolean filterHasDimensions) {
        Arn parsed = Arn.parse(arn).orElseThrow();
        String name = parsed.resource().substring(parsed.resource().lastIndexOf(':') + 1);
        AlarmRecord alarm = new AlarmRecord(name, arn, "CISBenchmark", "Root", dimensions, "Sum", 300, 1, 1, 1.0,
                "GreaterThanOrEqualToThreshold", true, List.of(), List.of(), List.of(), List.of(), "", "", "", "");
        return new Link(Link.Kind.ALARM, name, arn, parsed.region(), new Evidence.Alarm(alarm, filterHasDimensions));
    }

    /** An existing topic with {@code confirmed} confirmed subscriptions and {@code pending} pending ones. */
    public static Link topic(String arn, int confirmed, int pending) {
        Arn parsed = Arn.parse(arn).orElseThrow();
        List<SubscriptionRecord> subscriptions = new ArrayList<>();
        for (int i = 0; i < confirmed; i++) {
            subscriptions.add(new SubscriptionRecord(arn + ":sub-" + i, "email", "someone@example.com"));
        }
        for (int i = 0; i < pending; i++) {
            subscriptions.add(new SubscriptionRecord("PendingConfirmation", "email", "someone@example.com"));
        }
        return new Link(Link.Kind.TOPIC, parsed.resource(), arn, parsed.region(),
                new Evidence.Topic(new TopicRecord(arn, true, subscriptions)));
    }
}
