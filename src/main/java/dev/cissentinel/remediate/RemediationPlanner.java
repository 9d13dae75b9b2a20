package dev.cissentinel.remediate;

import dev.cissentinel.aws.Arn;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Evidence;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.controls.TopicRegion;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import dev.cissentinel.snapshot.Read;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the smallest set of creates that completes each FAILED control's chain ({@code docs/controls.md},
 * Remediation), purely from the verdicts: reuse a covering filter (add only its alarm), else add a filter with
 * the CIS pattern; an alarm that fires on one event; the user's topic, or one topic per region that this tool
 * creates with the user's email subscribed and a policy letting this account's alarms publish.
 *
 * <p>It never plans a change to a resource it did not create (name prefix {@value Plan#PREFIX}): a broken
 * foreign alarm gets a sibling alarm of ours plus a note. What needs a person (trails, email confirmation,
 * unusable topics, other accounts) becomes a note. The name is not proof: {@link #respectOwnership} then drops
 * every change to an existing {@value Plan#PREFIX} alarm or topic that lacks the tag {@value Plan#MANAGED_TAG}
 * (someone else's resource with our name), from what {@link RemediationExecutor#ownership} read.
 */
public final class RemediationPlanner {

    private RemediationPlanner() {
    }

    /**
     * @param namedTopic what GetTopicAttributes said about {@code options.alarmTopicArn()}, when one is named
     */
    public static Plan plan(List<ControlResult> results, RemediationOptions options, Read<String> account,
            Optional<TopicCheck> namedTopic) {
        List<Change> changes = new ArrayList<>();
        List<Plan.Note> notes = new ArrayList<>();
        Set<String> readyTopics = confirmedTopicsOfOurs(results);
        Map<String, String> topicByRegion = new LinkedHashMap<>();
        for (ControlResult result : results) {
            if (result.status() == Status.PASSED) {
                continue;
            }
            Control control = result.control();
            Verdict verdict = result.verdict();
            if (result.status() == Status.NOT_AVAILABLE) {
                notes.add(new Plan.Note(control.id(), "not judged, so not repaired: " + verdict.explanation()));
                continue;
            }
            Optional<Link> group = verdict.chain().find(Link.Kind.LOG_GROUP);
            if (group.isEmpty()) {
                notes.add(new Plan.Note(control.id(), "cis-sentinel does not create or change trails: "
                        + verdict.explanation()));
                continue;
            }
            String region = group.get().region();
            Optional<Link> topicLink = verdict.chain().find(Link.Kind.TOPIC);
            if (verdict.reason() == ReasonCode.NO_CONFIRMED_SUBSCRIPTION && topicLink.isPresent()
                    && Plan.ours(topicName(topicLink.get().id()))) {
                notes.add(new Plan.Note(control.id(), "waiting for a person to confirm the subscription email sent "
                        + "for " + topicLink.get().id() + "; the control passes once it is confirmed"));
                continue;
            }
            String partition = Arn.parse(group.get().id()).map(Arn::partition).orElse("aws");
            Optional<String> topic = topicFor(region, partition, options, account, namedTopic, readyTopics,
                    topicByRegion, changes, notes, control);
            if (topic.isEmpty()) {
                continue;
            }
            Optional<Link> alarm = verdict.chain().find(Link.Kind.ALARM);
            alarm.filter(a -> !Plan.ours(a.name())).ifPresent(foreign -> notes.add(new Plan.Note(control.id(),
                    "alarm " + foreign.name() + " is not ours, so it is left as it is (" + verdict.reason()
                            + "); cis-sentinel adds its own alarm on the same metric. Fix or delete "
                            + foreign.name() + " if it is no longer wanted.")));
            String why = control.id() + " " + verdict.reason();
            // The chain of NO_COVERING_METRIC_FILTER names the filter that misses events: never reuse that one.
            Optional<MetricTransformation> filter = verdict.reason() == ReasonCode.NO_COVERING_METRIC_FILTER
                    ? Optional.empty() : verdict.chain().find(Link.Kind.METRIC_FILTER)
                            .flatMap(link -> link.evidence(Evidence.Filter.class)).map(Evidence.Filter::metric);
            Optional<String> notReusable = filter.flatMap(RemediationPlanner::whyNotReusable);
            String namespace;
            String metricName;
            if (filter.isPresent() && notReusable.isEmpty()) {
                // A covering filter exists: only its alarm is missing or broken. Reuse its metric.
                namespace = filter.get().metricNamespace();
                metricName = filter.get().metricName();
            } else {
                namespace = options.metricNamespace();
                metricName = control.metricName();
                verdict.counterexample().ifPresent(missed -> notes.add(new Plan.Note(control.id(), "the existing "
                        + "filters on " + group.get().name() + " miss events such as " + missed + "; they are left "
                        + "as they are and cis-sentinel adds its own filter with the CIS pattern")));
                changes.add(new Change.PutMetricFilter(region, group.get().name(), Plan.PREFIX + control.metricName(),
                        control.cisPattern(), namespace, metricName, why + ": no filter on " + group.get().name()
                                + " catches every event the CIS pattern catches"
                                + notReusable.map(problem -> " with a metric an alarm can watch (" + problem + ")")
                                        .orElse("")));
            }
            changes.add(new Change.PutMetricAlarm(region, Plan.PREFIX + metricName, namespace, metricName,
                    topic.get(), control.id(), why + ": no alarm that fires on one event and notifies a subscribed "
                            + "topic watches " + namespace + "/" + metricName));
        }
        return new Plan(changes, notes);
    }

    /**
     * The existing resources whose tags decide whether {@code plan} may write to them: every alarm it puts, and
     * every topic of ours it creates, configures or points alarms at. Not the topic the user named: alarms notify
     * it by request, and nothing else is sent to it.
     */
    public static Set<Ownership.Resource> ownershipToCheck(Plan plan, RemediationOptions options) {
        Set<Ownership.Resource> resources = new LinkedHashSet<>();
        for (Change change : plan.changes()) {
            resources.addAll(touched(change, options));
        }
        return resources;
    }

    /**
     * {@code plan} without the changes that would write to a resource {@code ownership} refuses, with a note for
     * each control that loses one. An alarm that would notify a refused topic goes too: it would send this
     * account's CIS alarms to someone else's topic.
     */
    public static Plan respectOwnership(Plan plan, Ownership ownership, RemediationOptions options) {
        if (ownership.refused().isEmpty()) {
            return plan;
        }
        List<Change> kept = new ArrayList<>();
        List<Plan.Note> notes = new ArrayList<>(plan.notes());
        for (Change change : plan.changes()) {
            Optional<String> refusal = Optional.empty();
            Ownership.Resource refused = null;
            for (Ownership.Resource resource : touched(change, options)) {
                refusal = ownership.refusal(resource);
                if (refusal.isPresent()) {
                    refused = resource;
                    break;
                }
            }
            if (refusal.isEmpty()) {
                kept.add(change);
            } else if (change instanceof Change.PutMetricAlarm) {
                Change.PutMetricAlarm alarm = (Change.PutMetricAlarm) change;
                notes.add(new Plan.Note(alarm.controlId(), (refused.kind() == Ownership.Kind.ALARM ? "alarm "
                        : "topic ") + refused.id() + " in " + refused.region() + " " + refusal.get()
                        + ", so cis-sentinel leaves it alone and adds no alarm " + alarm.alarmName() + "; rename or "
                        + "delete it, or tag it " + Plan.MANAGED_TAG + "=true if cis-sentinel may manage it"
                        + (refused.kind() == Ownership.Kind.TOPIC ? ", or name your own topic (AlarmTopicArn)" : "")));
            }
        }
        return new Plan(kept, notes);
    }

    private static List<Ownership.Resource> touched(Change change, RemediationOptions options) {
        List<Ownership.Resource> resources = new ArrayList<>();
        if (change instanceof Change.PutMetricAlarm) {
            Change.PutMetricAlarm alarm = (Change.PutMetricAlarm) change;
            resources.add(Ownership.Resource.alarm(alarm.region(), alarm.alarmName()));
            if (!alarm.topicArn().equals(options.alarmTopicArn())) {
                resources.add(Ownership.Resource.topic(alarm.region(), alarm.topicArn()));
            }
        } else if (change instanceof Change.CreateTopic) {
            resources.add(Ownership.Resource.topic(change.region(), ((Change.CreateTopic) change).topicArn()));
        } else if (change instanceof Change.SetTopicPolicy) {
            resources.add(Ownership.Resource.topic(change.region(), ((Change.SetTopicPolicy) change).topicArn()));
        } else if (change instanceof Change.SubscribeEmail) {
            resources.add(Ownership.Resource.topic(change.region(), ((Change.SubscribeEmail) change).topicArn()));
        }
        return resources;
    }

    /** The topic alarms in {@code region} notify, planning its creation once per region when it is ours. */
    private static Optional<String> topicFor(String region, String partition, RemediationOptions options,
            Read<String> account,
            Optional<TopicCheck> namedTopic, Set<String> readyTopics, Map<String, String> topicByRegion,
            List<Change> changes, List<Plan.Note> notes, Control control) {
        if (!options.alarmTopicArn().isEmpty()) {
            String arn = options.alarmTopicArn();
            if (!TopicRegion.notifiable(region, arn)) {
                notes.add(new Plan.Note(control.id(), "cannot use the alarm topic: " + TopicRegion.why(region, arn)
                        + "; name a topic there"));
                return Optional.empty();
            }
            Optional<String> problem = namedTopic.flatMap(check -> check.problem().isEmpty()
                    ? (check.awsManagedKey() ? Optional.of("it is encrypted with the AWS managed key alias/aws/sns, "
                            + "which CloudWatch cannot use; use a customer managed KMS key that allows "
                            + "cloudwatch.amazonaws.com, or no encryption") : Optional.empty())
                    : Optional.of(check.problem()));
            if (problem.isPresent()) {
                notes.add(new Plan.Note(control.id(), "cannot use topic " + arn + ": " + problem.get()));
                return Optional.empty();
            }
            return Optional.of(arn);
        }
        if (topicByRegion.containsKey(region)) {
            return Optional.of(topicByRegion.get(region));
        }
        if (!account.isOk()) {
            notes.add(new Plan.Note(control.id(), "cannot plan a topic of ours: the account id is unknown because "
                    + account.failure().describe() + "; fix that, or pass --alarm-topic-arn"));
            return Optional.empty();
        }
        String accountId = account.value();
        String arn = "arn:" + partition + ":sns:" + region + ":" + accountId + ":" + Plan.TOPIC_NAME;
        if (!readyTopics.contains(arn)) {
            if (options.notificationEmail().isEmpty()) {
                notes.add(new Plan.Note(control.id(), "no topic to notify: pass --notification-email (or "
                        + "NOTIFICATION_EMAIL) to create " + Plan.TOPIC_NAME + ", or --alarm-topic-arn"));
                return Optional.empty();
            }
            String why = "alarms need an SNS topic with a confirmed subscriber";
            changes.add(new Change.CreateTopic(region, Plan.TOPIC_NAME, arn, why));
            changes.add(new Change.SetTopicPolicy(region, arn, accountId, "let this account's CloudWatch alarms "
                    + "(and only them) publish to the topic"));
            changes.add(new Change.SubscribeEmail(region, arn, options.notificationEmail(), why
                    + " (the address must confirm the email AWS sends)"));
        }
        topicByRegion.put(region, arn);
        return Optional.of(arn);
    }

    /** Topics of ours that some chain already showed with a confirmed subscriber: no need to set them up again. */
    private static Set<String> confirmedTopicsOfOurs(List<ControlResult> results) {
        Set<String> ready = new HashSet<>();
        for (ControlResult result : results) {
            result.verdict().chain().find(Link.Kind.TOPIC)
                    .filter(topic -> Plan.ours(topicName(topic.id())))
                    .filter(topic -> topic.evidence(Evidence.Topic.class)
                            .map(evidence -> evidence.topic().confirmedSubscriptions() > 0).orElse(false))
                    .ifPresent(topic -> ready.add(topic.id()));
        }
        return ready;
    }

    /**
     * Why an alarm of ours (Sum >= 1 over one period) could not rely on this filter's metric, if it could not:
     * it must count one matching event as at least 1 ({@code metricValue} a number >= 1; a value taken from the
     * event may be smaller) and publish nothing for the other events ({@code defaultValue} absent or 0: a positive
     * one breaches without a match, a negative one can cancel the match out). And no dimensions: one alarm on a
     * metric with dimensions sees one value set only.
     */
    static Optional<String> whyNotReusable(MetricTransformation metric) {
        if (!metric.dimensions().isEmpty()) {
            return Optional.of("it has dimensions");
        }
        if (metric.hasDefaultValue() && metric.defaultValue() != 0) {
            return Optional.of("its default value " + metric.defaultValue() + " is published for events that do "
                    + "not match");
        }
        double value;
        try {
            value = Double.parseDouble(metric.metricValue().trim());
        } catch (NumberFormatException fromTheEvent) {
            return Optional.of("its metric value " + metric.metricValue() + " is taken from the event and may be "
                    + "below 1");
        }
        return value >= 1 && Double.isFinite(value) ? Optional.empty()
                : Optional.of("its metric value " + metric.metricValue() + " counts an event as less than 1");
    }

    private static String topicName(String topicArn) {
        return Arn.parse(topicArn).map(Arn::resource).orElse(topicArn);
    }
}
