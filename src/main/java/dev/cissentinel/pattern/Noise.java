package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a filter that covers a reference is also over-broad ("noisy"): it matches an ordinary event the reference
 * does not. Covering means matching at least what the reference matches; a filter can do that and still match
 * nearly all traffic (CIS v1.4.0's unauthorized-calls text, whose {@code ||} chain ends in
 * {@code ($.eventName != "HeadBucket")}), so its alarm fires on routine events and gets muted.
 *
 * <p>The rule: the filter is noisy when it matches one of a few <em>ordinary</em> CloudTrail records that the
 * reference rejects. An ordinary record is a successful, read-only management event with none of the values a CIS
 * pattern singles out: no {@code errorCode}, an assumed role or IAM user (not root), no MFA or console sign-in, and an
 * event name no CIS pattern names. They are EC2 {@code DescribeInstances}, STS {@code GetCallerIdentity} and S3
 * {@code ListBuckets}, plus one read-only call ({@code ListTagsForResource}) of each of the reference's own event
 * sources, since a filter that takes a whole service (every IAM event for IAM policy changes) is noisy as well. The
 * first one the filter matches and the reference does not is the example. The records follow CloudTrail's record
 * contents
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
 * This never changes a verdict: a noisy filter still catches every event the reference catches.
 */
public final class Noise {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ACCOUNT = "111122223333";

    private Noise() {
    }

    /**
     * An ordinary event {@code filter} matches and {@code reference} does not, or empty when there is none.
     *
     * @param eventSources the services the reference's events come from ({@code iam.amazonaws.com}); may be empty
     */
    public static Optional<ObjectNode> example(FilterPattern filter, FilterPattern reference,
            List<String> eventSources) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(reference, "reference");
        for (ObjectNode event : ordinaryEvents(eventSources)) {
            if (filter.matches(event) && !reference.matches(event)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** The ordinary records, in the order they are tried. */
    static List<ObjectNode> ordinaryEvents(List<String> eventSources) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(record("ec2.amazonaws.com", "DescribeInstances", "AssumedRole"));
        events.add(record("sts.amazonaws.com", "GetCallerIdentity", "IAMUser"));
        events.add(record("s3.amazonaws.com", "ListBuckets", "AssumedRole"));
        for (String source : eventSources) {
            events.add(record(source, "ListTagsForResource", "AssumedRole"));
        }
        return List.copyOf(events);
    }

    private static ObjectNode record(String eventSource, String eventName, String identityType) {
        ObjectNode event = NODES.objectNode();
        event.put("eventVersion", "1.09");
        ObjectNode identity = event.putObject("userIdentity");
        identity.put("type", identityType);
        identity.put("principalId", "AIDAEXAMPLE");
        identity.put("arn", identityType.equals("IAMUser") ? "arn:aws:iam::" + ACCOUNT + ":user/alice"
                : "arn:aws:sts::" + ACCOUNT + ":assumed-role/ops/alice");
        identity.put("accountId", ACCOUNT);
        event.put("eventTime", "2026-01-01T00:00:00Z");
        event.put("eventSource", eventSource);
        event.put("eventName", eventName);
        event.put("awsRegion", "us-east-1");
        event.put("sourceIPAddress", "203.0.113.10");
        event.put("userAgent", "aws-cli/2.15.0");
        event.putNull("requestParameters");
        event.putNull("responseElements");
        event.put("requestID", "00000000-0000-0000-0000-000000000000");
        event.put("eventID", "00000000-0000-0000-0000-000000000001");
        event.put("readOnly", true);
        event.put("eventType", "AwsApiCall");
        event.put("managementEvent", true);
        event.put("recipientAccountId", ACCOUNT);
        event.put("eventCategory", "Management");
        return event;
    }
}
