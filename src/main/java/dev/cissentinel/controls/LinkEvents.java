package dev.cissentinel.controls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CloudTrail management events that can break or repair a link of a chain, one row each, next to
 * {@link ControlTable}: the trigger's EventBridge rule in template.yaml matches exactly the {@link Reach#watched()}
 * rows (a test fails when the two drift), and a re-check after an event judges the controls its {@link Reach} says.
 *
 * <p>Rows the scan cannot see ({@link Reach#NOT_READ}) are listed too, so that the gap is written down: a KMS key
 * disabled under an encrypted topic or log group, the CloudTrail-to-Logs delivery role changed, a topic's policy or a
 * subscription's filter policy changed all break a chain, but no read of a scan looks at key states, roles, topic
 * policies or filter policies, so re-checking on them could not change any verdict; they are not in the rule.
 *
 * <p>Each row cites the API reference page of its action; CloudTrail records a call with the action's name as
 * {@code eventName} and the service's endpoint name as {@code eventSource}
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
 */
public final class LinkEvents {

    /** Which controls an event can change, and so which a re-check judges. */
    public enum Reach {
        /** The trail every chain starts at: re-check every configured control. */
        EVERY_CONTROL,
        /** Can only break: re-check the controls whose current finding names a resource the event names. */
        NAMED,
        /**
         * Can break what it names or complete a chain: re-check the controls whose finding names the resource, and
         * every control that is not PASSED (a new alarm, filter or subscription may be the missing link).
         */
        NAMED_OR_NOT_PASSED,
        /** Breaks a link no scan reads today: not watched (see the class comment). */
        NOT_READ;

        public boolean watched() {
            return this != NOT_READ;
        }
    }

    /**
     * One management event.
     *
     * @param eventSource CloudTrail's {@code eventSource}, e.g. {@code cloudtrail.amazonaws.com}
     * @param eventName CloudTrail's {@code eventName}, the API action
     * @param link the kind of link it can break or repair
     * @param reach which controls a re-check after it judges
     * @param documentationUrl AWS's API reference page of the action
     */
    public record LinkEvent(String eventSource, String eventName, Link.Kind link, Reach reach,
            String documentationUrl) {
        public LinkEvent {
            Objects.requireNonNull(eventSource, "eventSource");
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(reach, "reach");
            Objects.requireNonNull(documentationUrl, "documentationUrl");
        }
    }

    public static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
    public static final String LOGS = "logs.amazonaws.com";
    public static final String CLOUDWATCH = "monitoring.amazonaws.com";
    public static final String SNS = "sns.amazonaws.com";
    public static final String KMS = "kms.amazonaws.com";
    public static final String IAM = "iam.amazonaws.com";

    private static final String TRAIL_API = "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_";
    private static final String LOGS_API = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_";
    private static final String CLOUDWATCH_API =
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_";
    private static final String SNS_API = "https://docs.aws.amazon.com/sns/latest/api/API_";
    private static final String KMS_API = "https://docs.aws.amazon.com/kms/latest/APIReference/API_";
    private static final String IAM_API = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_";

    private static final List<LinkEvent> ROWS = List.of(
            // The trail: logging, multi-region, management-event selectors, log group (TrailQualification).
            row(CLOUDTRAIL, TRAIL_API, "CreateTrail", Link.Kind.TRAIL, Reach.EVERY_CONTROL),
            row(CLOUDTRAIL, TRAIL_API, "UpdateTrail", Link.Kind.TRAIL, Reach.EVERY_CONTROL),
            row(CLOUDTRAIL, TRAIL_API, "DeleteTrail", Link.Kind.TRAIL, Reach.EVERY_CONTROL),
            row(CLOUDTRAIL, TRAIL_API, "StartLogging", Link.Kind.TRAIL, Reach.EVERY_CONTROL),
            row(CLOUDTRAIL, TRAIL_API, "StopLogging", Link.Kind.TRAIL, Reach.EVERY_CONTROL),
            row(CLOUDTRAIL, TRAIL_API, "PutEventSelectors", Link.Kind.TRAIL, Reach.EVERY_CONTROL),
            // The log group and its metric filters.
            row(LOGS, LOGS_API, "DeleteLogGroup", Link.Kind.LOG_GROUP, Reach.NAMED),
            row(LOGS, LOGS_API, "DeleteMetricFilter", Link.Kind.METRIC_FILTER, Reach.NAMED),
            row(LOGS, LOGS_API, "PutMetricFilter", Link.Kind.METRIC_FILTER, Reach.NAMED_OR_NOT_PASSED),
            // Alarms.
            row(CLOUDWATCH, CLOUDWATCH_API, "DeleteAlarms", Link.Kind.ALARM, Reach.NAMED),
            row(CLOUDWATCH, CLOUDWATCH_API, "DisableAlarmActions", Link.Kind.ALARM, Reach.NAMED),
            row(CLOUDWATCH, CLOUDWATCH_API, "PutMetricAlarm", Link.Kind.ALARM, Reach.NAMED_OR_NOT_PASSED),
            row(CLOUDWATCH, CLOUDWATCH_API, "EnableAlarmActions", Link.Kind.ALARM, Reach.NAMED_OR_NOT_PASSED),
            // Topics and their subscriptions (TOPIC_NOT_FOUND, NO_CONFIRMED_SUBSCRIPTION).
            row(SNS, SNS_API, "DeleteTopic", Link.Kind.TOPIC, Reach.NAMED),
            row(SNS, SNS_API, "Unsubscribe", Link.Kind.TOPIC, Reach.NAMED),
            row(SNS, SNS_API, "CreateTopic", Link.Kind.TOPIC, Reach.NAMED_OR_NOT_PASSED),
            row(SNS, SNS_API, "Subscribe", Link.Kind.TOPIC, Reach.NAMED_OR_NOT_PASSED),
            row(SNS, SNS_API, "ConfirmSubscription", Link.Kind.TOPIC, Reach.NAMED_OR_NOT_PASSED),
            // Break a link, but no scan reads what they change (class comment).
            row(SNS, SNS_API, "SetTopicAttributes", Link.Kind.TOPIC, Reach.NOT_READ),
            row(SNS, SNS_API, "SetSubscriptionAttributes", Link.Kind.TOPIC, Reach.NOT_READ),
            row(KMS, KMS_API, "DisableKey", Link.Kind.TOPIC, Reach.NOT_READ),
            row(KMS, KMS_API, "ScheduleKeyDeletion", Link.Kind.TOPIC, Reach.NOT_READ),
            row(KMS, KMS_API, "PutKeyPolicy", Link.Kind.TOPIC, Reach.NOT_READ),
            row(KMS, KMS_API, "EnableKey", Link.Kind.TOPIC, Reach.NOT_READ),
            row(KMS, KMS_API, "CancelKeyDeletion", Link.Kind.TOPIC, Reach.NOT_READ),
            row(IAM, IAM_API, "DeleteRole", Link.Kind.TRAIL, Reach.NOT_READ),
            row(IAM, IAM_API, "DeleteRolePolicy", Link.Kind.TRAIL, Reach.NOT_READ),
            row(IAM, IAM_API, "PutRolePolicy", Link.Kind.TRAIL, Reach.NOT_READ),
            row(IAM, IAM_API, "DetachRolePolicy", Link.Kind.TRAIL, Reach.NOT_READ),
            row(IAM, IAM_API, "UpdateAssumeRolePolicy", Link.Kind.TRAIL, Reach.NOT_READ));

    private static final Map<String, LinkEvent> BY_KEY = ROWS.stream().collect(Collectors.toMap(
            row -> key(row.eventSource(), row.eventName()), row -> row, (a, b) -> {
                throw new IllegalStateException("duplicate row " + a);
            }, LinkedHashMap::new));

    private LinkEvents() {
    }

    private static LinkEvent row(String source, String api, String name, Link.Kind link, Reach reach) {
        return new LinkEvent(source, name, link, reach, api + name + ".html");
    }

    private static String key(String eventSource, String eventName) {
        return eventSource + " " + eventName;
    }

    /** Every row, watched or not, in table order. */
    public static List<LinkEvent> all() {
        return ROWS;
    }

    /** The rows the trigger's rule matches: the events a re-check can judge. */
    public static List<LinkEvent> watched() {
        return ROWS.stream().filter(row -> row.reach().watched()).toList();
    }

    /** The watched row of this event, if it is one. */
    public static Optional<LinkEvent> watched(String eventSource, String eventName) {
        return Optional.ofNullable(BY_KEY.get(key(eventSource, eventName))).filter(row -> row.reach().watched());
    }
}
