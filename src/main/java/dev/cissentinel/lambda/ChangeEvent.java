package dev.cissentinel.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.aws.Partition;
import dev.cissentinel.controls.LinkEvents;
import dev.cissentinel.controls.LinkEvents.LinkEvent;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.Quote;
import dev.cissentinel.scan.Trigger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One EventBridge event of detail-type "AWS API Call via CloudTrail" for a call in {@link LinkEvents}, validated:
 * the envelope EventBridge sends (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html), and in
 * {@code detail} the CloudTrail record's {@code eventSource}, {@code eventName}, {@code eventID}, {@code awsRegion},
 * {@code userIdentity} and, for calls on a named resource, the {@code requestParameters} that name it
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
 *
 * @param account the account the call was made in (the envelope's {@code account})
 * @param region where the call was made ({@code detail.awsRegion})
 * @param row the call's row in the table
 * @param resourceIds the ids the call changed, as findings name them ({@code Resources[].Id}: alarm, log group
 *     and topic ARNs, a metric filter's log group ARN + {@code :metric-filter:} + name); empty when the row reaches
 *     every control, or when the event does not say (then every control is re-checked)
 * @param failed CloudTrail's {@code errorCode}, when the call failed and so changed nothing; else empty
 * @param eventTime when the call was made ({@code detail.eventTime}, an ISO-8601 instant); empty when the record
 *     does not say
 */
record ChangeEvent(String account, String region, Trigger.ApiCall call, LinkEvent row, List<String> resourceIds,
        String failed, String eventTime) {

    static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    /** CloudTrail's fields are short; a longer one is not a CloudTrail record. */
    private static final int MAX_FIELD = 2048;

    ChangeEvent {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(row, "row");
        resourceIds = List.copyOf(resourceIds);
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(eventTime, "eventTime");
    }

    /** Whether the event claims to be a CloudTrail API call, which {@link #parse} then validates. */
    static boolean isChange(JsonNode event) {
        return event.isObject() && DETAIL_TYPE.equals(event.path("detail-type").asText(null));
    }

    /** @throws ConfigurationException naming what is wrong, briefly, before any AWS call */
    static ChangeEvent parse(JsonNode event) {
        if (!isChange(event)) {
            throw new ConfigurationException("not an EventBridge event of detail-type '" + DETAIL_TYPE + "'");
        }
        List<String> unknown = new ArrayList<>();
        event.fieldNames().forEachRemaining(name -> {
            if (!Invocation.ENVELOPE.contains(name)) {
                unknown.add(Quote.bare(name));
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("unknown field(s) " + unknown.stream().limit(5).toList()
                    + " in a CloudTrail event; EventBridge sends only " + new TreeSet<>(Invocation.ENVELOPE));
        }
        String source = text(event, "", "source");
        if (!source.startsWith("aws.")) {
            throw new ConfigurationException("a CloudTrail event's source must be aws.<service>, not "
                    + Quote.of(source));
        }
        String account = text(event, "", "account");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new ConfigurationException("a CloudTrail event's account must be 12 digits, not "
                    + Quote.of(account));
        }
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new ConfigurationException("a CloudTrail event's detail must be an object (the CloudTrail record)");
        }
        String eventSource = text(detail, "detail.", "eventSource");
        String eventName = text(detail, "detail.", "eventName");
        String eventId = text(detail, "detail.", "eventID");
        String region = text(detail, "detail.", "awsRegion");
        if (!REGION.matcher(region).matches()) {
            throw new ConfigurationException("detail.awsRegion must be a region like us-east-1, not "
                    + Quote.of(region));
        }
        LinkEvent row = LinkEvents.watched(eventSource, eventName).orElseThrow(() -> new ConfigurationException(
                Quote.of(eventSource) + " " + Quote.of(eventName) + " is not a call that can break or repair a "
                        + "chain this function judges (controls/LinkEvents lists them)"));
        Trigger.ApiCall call = new Trigger.ApiCall(eventSource, eventName, eventId, principal(detail));
        String failed = detail.path("errorCode").isTextual() ? detail.path("errorCode").asText() : "";
        List<String> ids = failed.isEmpty() ? resourceIds(row, detail, account, region) : List.of();
        return new ChangeEvent(account, region, call, row, ids, failed,
                time(detail.path("eventTime")).map(Instant::toString).orElse(""));
    }

    /** Who called: the identity's ARN; for a call by an AWS service, the service. */
    private static String principal(JsonNode detail) {
        JsonNode identity = detail.path("userIdentity");
        for (String field : List.of("arn", "invokedBy", "principalId")) {
            JsonNode value = identity.path(field);
            if (value.isTextual() && !value.asText().isEmpty()) {
                return Quote.bare(value.asText());
            }
        }
        return "unknown";
    }

    /** The ids a finding would name for what the call changed; empty when the request does not say. */
    private static List<String> resourceIds(LinkEvent row, JsonNode detail, String account, String region) {
        JsonNode request = detail.path("requestParameters");
        String arn = "arn:" + Partition.of(region) + ":";
        List<String> ids = new ArrayList<>();
        switch (row.link()) {
            case LOG_GROUP -> param(request, "logGroupName").ifPresent(group -> ids.add(arn + "logs:" + region + ":"
                    + account + ":log-group:" + group));
            case METRIC_FILTER -> param(request, "logGroupName").ifPresent(group -> param(request, "filterName")
                    .ifPresent(filter -> ids.add(arn + "logs:" + region + ":" + account + ":log-group:" + group
                            + ":metric-filter:" + filter)));
            case ALARM -> {
                List<String> names = new ArrayList<>();
                param(request, "alarmName").ifPresent(names::add);
                request.path("alarmNames").forEach(name -> {
                    if (name.isTextual()) {
                        names.add(name.asText());
                    }
                });
                names.forEach(name -> ids.add(arn + "cloudwatch:" + region + ":" + account + ":alarm:" + name));
            }
            case TOPIC -> {
                param(request, "topicArn").ifPresent(ids::add);
                // A subscription's ARN is its topic's followed by ":" and an id.
                param(request, "subscriptionArn").filter(sub -> sub.lastIndexOf(':') > 0)
                        .ifPresent(sub -> ids.add(sub.substring(0, sub.lastIndexOf(':'))));
                if (ids.isEmpty()) {
                    param(detail.path("responseElements"), "topicArn").ifPresent(ids::add);
                }
                if (ids.isEmpty()) {
                    param(request, "name").ifPresent(name -> ids.add(arn + "sns:" + region + ":" + account + ":"
                            + name));
                }
            }
            default -> {
                // A trail: every chain starts at it, so the row reaches every control.
            }
        }
        return ids;
    }

    /** When the call was made, if the record said. */
    Optional<Instant> madeAt() {
        return eventTime.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(eventTime));
    }

    /** CloudTrail writes eventTime as an ISO-8601 instant; anything else is left out, not refused. */
    private static Optional<Instant> time(JsonNode value) {
        if (!value.isTextual() || value.asText().length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> param(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() && value.asText().length() <= MAX_FIELD
                ? Optional.of(value.asText()) : Optional.empty();
    }

    private static String text(JsonNode node, String path, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new ConfigurationException("a CloudTrail event needs " + path + field + " as a non-empty string"
                    + (value.isMissingNode() ? "" : ", not " + Quote.of(value.toString())));
        }
        if (value.asText().length() > MAX_FIELD) {
            throw new ConfigurationException("a CloudTrail event's " + path + field + " is too long to be one ("
                    + value.asText().length() + " characters)");
        }
        return value.asText();
    }
}
