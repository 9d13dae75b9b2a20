package dev.cissentinel.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Change;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import java.util.List;
import java.util.Optional;

/** A remediation plan (and what apply did) as JSON: the {@code remediation} field of the scan's JSON output. */
public final class PlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlanJson() {
    }

    public static ObjectNode of(RemediationMode mode, Plan plan, Optional<ApplyResult> applied) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("mode", mode.text());
        ArrayNode changes = node.putArray("changes");
        for (Change change : plan.changes()) {
            changes.add(change(change));
        }
        ArrayNode notes = node.putArray("notes");
        plan.notes().forEach(note -> notes.addObject().put("control", note.controlId()).put("message",
                note.message()));
        applied.ifPresent(result -> {
            ObjectNode apply = node.putObject("applied");
            apply.put("sent", result.applied().size());
            apply.put("notSent", result.notApplied().size());
            if (!result.failure().isEmpty()) {
                apply.put("failure", result.failure());
            }
        });
        return node;
    }

    public static ObjectNode change(Change change) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("action", change.action());
        node.put("region", change.region());
        node.put("target", change.target());
        node.put("why", change.why());
        node.set("request", MAPPER.valueToTree(change.request()));
        return node;
    }

    /** One line per change, then the notes: what dry-run prints and apply logs. */
    public static List<String> lines(Plan plan) {
        List<String> lines = new java.util.ArrayList<>();
        int number = 1;
        for (Change change : plan.changes()) {
            lines.add(number++ + ". [" + change.region() + "] " + change.action() + " " + change.target());
            lines.add("   why: " + change.why());
            lines.add("   request: " + MAPPER.valueToTree(change.request()));
        }
        for (Plan.Note note : plan.notes()) {
            lines.add("note (" + note.controlId() + "): " + note.message());
        }
        return lines;
    }
}
