package dev.cissentinel.remediate;

import dev.cissentinel.aws.Arn;
import dev.cissentinel.aws.AwsClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;

/**
 * Sends a {@link Plan}'s changes, in order, and reads what planning needs beyond the scan: the attributes of the
 * topic the user named, and the tags of the existing alarms and topics a plan would write to. Stops at the first
 * failure and says which change failed.
 */
public final class RemediationExecutor {

    /** Everything this class may call: the template grants these only when remediation is switched on. */
    public static final List<String> IAM_ACTIONS = List.of("logs:PutMetricFilter", "cloudwatch:PutMetricAlarm",
            "cloudwatch:TagResource", "sns:CreateTopic", "sns:TagResource", "sns:SetTopicAttributes",
            "sns:Subscribe", "sns:GetTopicAttributes", "cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource",
            "sns:ListTagsForResource");

    /** The most alarm names one DescribeAlarms call takes. */
    private static final int ALARM_NAMES_PER_CALL = 100;

    private final AwsClients clients;

    public RemediationExecutor(AwsClients clients) {
        this.clients = clients;
    }

    /** Reads the named topic's attributes, so the plan can say why a topic cannot be used. */
    public TopicCheck checkTopic(String topicArn) {
        Region region = Region.of(Arn.require(topicArn, "alarm topic").region());
        try {
            Map<String, String> attributes = clients.sns(region).getTopicAttributes(r -> r.topicArn(topicArn))
                    .attributes();
            return new TopicCheck(topicArn, attributes.getOrDefault("KmsMasterKeyId", ""), "");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
            return new TopicCheck(topicArn, "", "sns:GetTopicAttributes failed with " + code
                    + ("NotFound".equals(code) ? " (the topic does not exist)" : ""));
        }
    }

    /**
     * Reads which of the existing resources {@code plan} would write to lack the tag {@value Plan#MANAGED_TAG}
     * {@code =true} ({@link RemediationPlanner#ownershipToCheck}): alarms are found by name with DescribeAlarms,
     * then their tags read; a topic's tags are read directly (NotFound: it does not exist yet). A resource whose
     * tags cannot be read is refused too: safe by default. Makes no call for an empty plan.
     */
    public Ownership ownership(Plan plan, RemediationOptions options) {
        Map<String, Set<String>> alarmsByRegion = new TreeMap<>();
        Map<Ownership.Resource, String> refused = new LinkedHashMap<>();
        for (Ownership.Resource resource : RemediationPlanner.ownershipToCheck(plan, options)) {
            if (resource.kind() == Ownership.Kind.ALARM) {
                alarmsByRegion.computeIfAbsent(resource.region(), region -> new TreeSet<>()).add(resource.id());
            } else {
                topicRefusal(resource).ifPresent(why -> refused.put(resource, why));
            }
        }
        alarmsByRegion.forEach((region, names) -> refused.putAll(alarmRefusals(region, List.copyOf(names))));
        return new Ownership(refused);
    }

    private Map<Ownership.Resource, String> alarmRefusals(String region, List<String> names) {
        Map<Ownership.Resource, String> refused = new LinkedHashMap<>();
        CloudWatchClient cloudWatch = clients.cloudWatch(Region.of(region));
        Map<String, String> existing = new TreeMap<>();
        try {
            for (int start = 0; start < names.size(); start += ALARM_NAMES_PER_CALL) {
                List<String> chunk = names.subList(start, Math.min(names.size(), start + ALARM_NAMES_PER_CALL));
                cloudWatch.describeAlarmsPaginator(r -> r.alarmNames(chunk)
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)).forEach(page -> {
                            page.metricAlarms().forEach(alarm -> existing.put(alarm.alarmName(), alarm.alarmArn()));
                            page.compositeAlarms().forEach(alarm -> existing.put(alarm.alarmName(),
                                    alarm.alarmArn()));
                        });
            }
        } catch (SdkException e) {
            names.forEach(name -> refused.put(Ownership.Resource.alarm(region, name), "may exist: "
                    + "cloudwatch:DescribeAlarms failed with " + code(e)));
            return refused;
        }
        existing.forEach((name, arn) -> {
            try {
                boolean managed = cloudWatch.listTagsForResource(r -> r.resourceARN(arn)).tags().stream()
                        .anyMatch(tag -> tag.key().equals(Plan.MANAGED_TAG) && tag.value().equals("true"));
                if (!managed) {
                    refused.put(Ownership.Resource.alarm(region, name), "exists without the tag "
                            + Plan.MANAGED_TAG + "=true");
                }
            } catch (SdkException e) {
                refused.put(Ownership.Resource.alarm(region, name), "exists, and its tags could not be read "
                        + "(cloudwatch:ListTagsForResource failed with " + code(e) + ")");
            }
        });
        return refused;
    }

    private Optional<String> topicRefusal(Ownership.Resource topic) {
        try {
            boolean managed = clients.sns(Region.of(topic.region())).listTagsForResource(r -> r.resourceArn(
                    topic.id())).tags().stream()
                    .anyMatch(tag -> tag.key().equals(Plan.MANAGED_TAG) && tag.value().equals("true"));
            return managed ? Optional.empty() : Optional.of("exists without the tag " + Plan.MANAGED_TAG + "=true");
        } catch (AwsServiceException e) {
            if (code(e).startsWith("ResourceNotFound") || code(e).equals("NotFound")) {
                return Optional.empty();
            }
            return Optional.of("may exist, and its tags could not be read (sns:ListTagsForResource failed with "
                    + code(e) + ")");
        } catch (SdkException e) {
            return Optional.of("may exist, and its tags could not be read (sns:ListTagsForResource failed with "
                    + code(e) + ")");
        }
    }

    private static String code(SdkException e) {
        if (e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null
                && ((AwsServiceException) e).awsErrorDetails().errorCode() != null) {
            return ((AwsServiceException) e).awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    public ApplyResult apply(Plan plan) {
        List<Change> applied = new ArrayList<>();
        List<Change> changes = plan.changes();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            try {
                send(change);
                applied.add(change);
            } catch (SdkException e) {
                return new ApplyResult(applied, changes.subList(i, changes.size()), change.action() + " on "
                        + change.target() + " in " + change.region() + " failed: " + e.getMessage());
            }
        }
        return new ApplyResult(applied, List.of(), "");
    }

    /** Sends the change's own request; a created topic must have the ARN the plan computed for it. */
    private void send(Change change) {
        Region region = Region.of(change.region());
        SdkResponse response = switch (change.kind()) {
            case PUT_METRIC_FILTER -> clients.logs(region).putMetricFilter(((Change.PutMetricFilter) change)
                    .awsRequest());
            case PUT_METRIC_ALARM -> clients.cloudWatch(region).putMetricAlarm(((Change.PutMetricAlarm) change)
                    .awsRequest());
            case CREATE_TOPIC -> clients.sns(region).createTopic(((Change.CreateTopic) change).awsRequest());
            case SET_TOPIC_POLICY -> clients.sns(region).setTopicAttributes(((Change.SetTopicPolicy) change)
                    .awsRequest());
            case SUBSCRIBE_EMAIL -> clients.sns(region).subscribe(((Change.SubscribeEmail) change).awsRequest());
        };
        if (change instanceof Change.CreateTopic topic && response instanceof CreateTopicResponse created
                && !created.topicArn().equals(topic.topicArn())) {
            throw new IllegalStateException("SNS created " + created.topicArn() + ", not the planned "
                    + topic.topicArn());
        }
    }

    /** For callers that only hold options: the named topic's check, when there is one. */
    public Optional<TopicCheck> checkNamedTopic(RemediationOptions options) {
        return options.alarmTopicArn().isEmpty() ? Optional.empty() : Optional.of(checkTopic(options.alarmTopicArn()));
    }
}
