package dev.cissentinel.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.LinkEvents.Reach;
import dev.cissentinel.controls.Status;
import dev.cissentinel.publish.StoredFinding;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.Quote;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Re-check on change, the pure part: which CloudTrail calls an invocation carries (one EventBridge event, or an SQS
 * batch of them), how they group, and which controls each can change. The handler does the one read this needs
 * (this tool's findings) and the scans.
 *
 * <p>The rule, per call ({@link Reach}): a trail call re-checks every configured control; a call that can only
 * break (DeleteAlarms, DeleteMetricFilter, Unsubscribe…) re-checks the controls whose current finding names the
 * resource it changed; a call that can also repair (PutMetricAlarm, PutMetricFilter, Subscribe…) also re-checks
 * every control that is not PASSED, since the new resource may be the missing link. A call that failed
 * ({@code errorCode}) changed nothing. A call that reaches no control is "unrelated": it cost the findings read
 * and nothing else. docs/architecture.md, "Re-check on change", says the same.
 */
final class Recheck {

    private Recheck() {
    }

    /** One message of the invocation: an SQS record or the event itself, a watched call or refused. */
    sealed interface Message permits Message.Call, Message.Refused {

        /** The SQS record's {@code messageId}; empty for an event invoked directly. */
        String messageId();

        /** A valid event of a watched call. */
        record Call(String messageId, ChangeEvent event) implements Message {
            public Call {
                Objects.requireNonNull(messageId, "messageId");
                Objects.requireNonNull(event, "event");
            }
        }

        /** A message that is not one, and why. */
        record Refused(String messageId, String error) implements Message {
            public Refused {
                Objects.requireNonNull(messageId, "messageId");
                Objects.requireNonNull(error, "error");
            }
        }
    }

    /**
     * The calls of one account, coalesced into one re-check.
     *
     * @param messages the messages that carried them (a duplicate event, same {@code eventID}, is kept once in
     *     {@code events} but its message is here, so that it is acknowledged with the rest)
     */
    record Group(String account, List<ChangeEvent> events, List<String> messageIds) {
        Group {
            events = List.copyOf(events);
            messageIds = List.copyOf(messageIds);
        }

        /**
         * Whether choosing the controls needs this tool's findings: some call names a resource, and none already
         * reaches every control.
         */
        boolean needsFindings() {
            boolean everything = events.stream().anyMatch(Recheck::reachesEverything);
            boolean named = events.stream().anyMatch(event -> event.failed().isEmpty()
                    && !reachesEverything(event));
            return named && !everything;
        }
    }

    /** The controls a group re-checks, and for each call, what it reaches (control ids) or why nothing. */
    record Selection(List<Control> controls, Map<ChangeEvent, List<String>> reached, Map<ChangeEvent, String> why) {
        Selection {
            controls = List.copyOf(controls);
            reached = Map.copyOf(reached);
            why = Map.copyOf(why);
        }
    }

    /** Whether the invocation is an SQS batch: an object whose only field is {@code Records}. */
    static boolean isBatch(JsonNode event) {
        return event.isObject() && event.size() == 1 && event.has("Records");
    }

    /**
     * The messages of an SQS batch. A record that is not a watched CloudTrail call is a message with an error, not
     * an exception, so that the rest of the batch still runs.
     *
     * @throws ConfigurationException when the batch itself is not one SQS sends
     */
    static List<Message> batch(JsonNode event) {
        JsonNode records = event.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw new ConfigurationException("an SQS batch needs Records as a non-empty list");
        }
        List<Message> messages = new ArrayList<>();
        int index = 0;
        for (JsonNode record : records) {
            JsonNode id = record.path("messageId");
            JsonNode body = record.path("body");
            if (!record.isObject() || !"aws:sqs".equals(record.path("eventSource").asText(null)) || !id.isTextual()
                    || id.asText().isEmpty() || !body.isTextual()) {
                throw new ConfigurationException("Records[" + index + "] is not an SQS message (eventSource "
                        + "aws:sqs, messageId and body as strings)");
            }
            messages.add(message(id.asText(), body.asText()));
            index++;
        }
        return messages;
    }

    private static Message message(String messageId, String body) {
        try {
            JsonNode event = ScanHandler.readEvent(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            return new Message.Call(messageId, ChangeEvent.parse(event));
        } catch (ConfigurationException e) {
            return new Message.Refused(messageId, Quote.message(e.getMessage()));
        }
    }

    /** The valid messages' calls by account, in arrival order; a call seen twice (same eventID) counts once. */
    static List<Group> groups(List<Message> messages) {
        Map<String, List<ChangeEvent>> events = new LinkedHashMap<>();
        Map<String, List<String>> ids = new LinkedHashMap<>();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (Message message : messages) {
            if (!(message instanceof Message.Call call)) {
                continue;
            }
            ChangeEvent event = call.event();
            ids.computeIfAbsent(event.account(), a -> new ArrayList<>()).add(message.messageId());
            if (seen.computeIfAbsent(event.account(), a -> new LinkedHashSet<>()).add(event.call().eventId())) {
                events.computeIfAbsent(event.account(), a -> new ArrayList<>()).add(event);
            }
        }
        List<Group> groups = new ArrayList<>();
        events.forEach((account, calls) -> groups.add(new Group(account, calls, ids.get(account))));
        return groups;
    }

    /**
     * The controls {@code group} re-checks, among {@code configured}.
     *
     * @param stored this tool's active findings in the account and the function's region; ignored (and may be
     *     empty) when {@link Group#needsFindings()} is false
     */
    static Selection select(Group group, List<Control> configured, List<StoredFinding> stored) {
        Map<String, StoredFinding> byControl = new LinkedHashMap<>();
        stored.forEach(finding -> byControl.put(finding.controlId(), finding));
        Set<Control> chosen = new LinkedHashSet<>();
        Map<ChangeEvent, List<String>> reached = new LinkedHashMap<>();
        Map<ChangeEvent, String> why = new LinkedHashMap<>();
        for (ChangeEvent event : group.events()) {
            List<Control> affected = new ArrayList<>();
            if (!event.failed().isEmpty()) {
                why.put(event, "the call failed (" + Quote.bare(event.failed()) + "), so it changed nothing");
            } else if (reachesEverything(event)) {
                affected.addAll(configured);
                why.put(event, event.row().reach() == Reach.EVERY_CONTROL ? "every chain starts at the trail"
                        : "the event names no resource, so every control");
            } else {
                for (Control control : configured) {
                    StoredFinding finding = byControl.get(control.id());
                    boolean names = finding != null && finding.resourceIds().stream()
                            .anyMatch(id -> event.resourceIds().stream().anyMatch(changed -> id.equals(changed)
                                    || id.startsWith(changed + ":")));
                    boolean repairable = event.row().reach() == Reach.NAMED_OR_NOT_PASSED
                            && (finding == null || finding.status() != Status.PASSED);
                    if (names || repairable) {
                        affected.add(control);
                    }
                }
                why.put(event, affected.isEmpty() ? "unrelated: no finding names " + event.resourceIds()
                        + (event.row().reach() == Reach.NAMED_OR_NOT_PASSED ? " and every control PASSED" : "")
                        : "findings name " + event.resourceIds()
                                + (event.row().reach() == Reach.NAMED_OR_NOT_PASSED ? ", or are not PASSED" : ""));
            }
            chosen.addAll(affected);
            reached.put(event, affected.stream().map(Control::id).toList());
        }
        List<Control> ordered = configured.stream().filter(chosen::contains).toList();
        return new Selection(ordered, reached, why);
    }

    private static boolean reachesEverything(ChangeEvent event) {
        return event.failed().isEmpty() && (event.row().reach() == Reach.EVERY_CONTROL
                || event.resourceIds().isEmpty());
    }
}
