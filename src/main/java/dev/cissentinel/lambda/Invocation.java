package dev.cissentinel.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.Quote;
import dev.cissentinel.scan.ScanInput;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.Trigger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one invocation asks for, from its event: an EventBridge rule's scheduled event (detail an object), an
 * EventBridge Scheduler event (detail the string "{}"), {@code {}}, or an object of overrides ({@code controls},
 * {@code patternMode}, {@code remediate}). Anything else is rejected before any AWS call, including a scheduled
 * event's envelope with a field EventBridge does not send: a typo or a hand-made event, not a schedule.
 *
 * <p>Without an input, a rule and a Scheduler schedule both deliver the standard envelope: {@code version},
 * {@code id}, {@code detail-type} "Scheduled Event", {@code source} aws.events or aws.scheduler, {@code account},
 * {@code time}, {@code region}, {@code resources} and {@code detail} (an empty object from a rule, the string "{}"
 * from Scheduler), plus {@code replay-name} on a replayed event
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html;
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html, Input: "a default notification").
 *
 * <p>An event of detail-type "AWS API Call via CloudTrail", or an SQS batch of them, is a re-check on change
 * instead ({@link ChangeEvent}, {@link Recheck}); the handler routes it before it gets here.
 *
 * <p>The request a scheduled event, {@code {}} or overrides without {@code controls} make judges the configured
 * controls and so owns every finding of this tool in the account and region; one whose event names
 * {@code controls} owns only theirs ({@link ScanRequest#ownedScope}).
 */
final class Invocation {

    private static final Set<String> OVERRIDES = Set.of("controls", "patternMode", "remediate");
    private static final Set<String> SCHEDULE_SOURCES = Set.of("aws.events", "aws.scheduler");
    /** The fields of EventBridge's event envelope (events-structure.html above). */
    static final Set<String> ENVELOPE = Set.of("version", "id", "detail-type", "source", "account", "time",
            "region", "resources", "detail", "replay-name");

    private Invocation() {
    }

    /** The request {@code event} makes of a function configured with {@code config}. */
    static ScanRequest request(JsonNode event, HandlerConfig config) {
        if (event == null || !event.isObject()) {
            throw new ConfigurationException("the event must be a JSON object (a scheduled event, {} or overrides), "
                    + "not " + (event == null ? "empty input" : event.getNodeType().toString().toLowerCase()));
        }
        if (event.has("detail-type")) {
            return scheduled(event, config);
        }
        List<String> unknown = new ArrayList<>();
        event.fieldNames().forEachRemaining(name -> {
            if (!OVERRIDES.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("unknown field(s) " + names(unknown) + " in the event; an override "
                    + "event may have only " + OVERRIDES.stream().sorted().toList());
        }
        ScanRequest request = config.configured().withTrigger(new Trigger.Invoke());
        if (event.has("controls")) {
            request = request.withControls(ScanInput.controls(controlList(event.get("controls"))),
                    ScanRequest.ownedScope(true));
        }
        if (event.has("patternMode")) {
            request = request.withPatternMode(ScanInput.patternMode(text(event.get("patternMode"), "patternMode")));
        }
        if (event.has("remediate")) {
            request = request.withRemediation(config.remediation(text(event.get("remediate"), "remediate")));
        }
        return request;
    }

    private static ScanRequest scheduled(JsonNode event, HandlerConfig config) {
        String detailType = event.path("detail-type").asText();
        String source = event.path("source").asText();
        if (!detailType.equals("Scheduled Event") || !SCHEDULE_SOURCES.contains(source)) {
            throw new ConfigurationException("an EventBridge event of detail-type " + Quote.of(detailType) + " from "
                    + Quote.of(source) + " is not a schedule; this function runs on Scheduled Event from aws.events "
                    + "or aws.scheduler, and re-checks on " + ChangeEvent.DETAIL_TYPE);
        }
        List<String> unknown = new ArrayList<>();
        event.fieldNames().forEachRemaining(name -> {
            if (!ENVELOPE.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("unknown field(s) " + names(unknown) + " in a scheduled event; "
                    + "EventBridge sends only " + new TreeSet<>(ENVELOPE) + ". To override settings, make the "
                    + "schedule's input an override object instead");
        }
        JsonNode detail = event.path("detail");
        boolean emptyDetail = detail.isMissingNode() || detail.isNull()
                || (detail.isObject() && detail.isEmpty())
                || (detail.isTextual() && detail.asText().trim().equals("{}"));
        if (!emptyDetail) {
            throw new ConfigurationException("a scheduled event's detail must be empty; put overrides in the "
                    + "schedule's input instead");
        }
        return config.configured().withTrigger(new Trigger.Schedule(source, event.path("id").asText("?")));
    }

    private static String controlList(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                ids.add(text(it.next(), "controls[]"));
            }
            return String.join(",", ids);
        }
        throw new ConfigurationException("controls must be a list of control ids or a comma-separated string");
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new ConfigurationException(field + " must be a string, not " + node.getNodeType().toString()
                    .toLowerCase(java.util.Locale.ROOT) + " " + Quote.of(node.toString()));
        }
        return node.asText();
    }

    /** Field names as the message shows them: each cut short and on one line, at most five. */
    private static String names(List<String> fields) {
        List<String> shown = fields.stream().limit(5).map(Quote::bare).toList();
        return "[" + String.join(", ", shown) + (fields.size() > 5 ? ", and " + (fields.size() - 5) + " more" : "")
                + "]";
    }
}
