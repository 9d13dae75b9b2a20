package dev.cissentinel.remediate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A remediation plan: the ordered writes to send, and what cannot (or should not) be fixed by this tool, said
 * in words. A value, computed purely from verdicts; dry-run prints it, apply sends it.
 */
public record Plan(List<Change> changes, List<Note> notes) {

    /** Every resource this tool creates starts with this; a later run recognises its own by it. */
    public static final String PREFIX = "cis-sentinel-";
    /** The topic created when the user names none. */
    public static final String TOPIC_NAME = PREFIX + "alerts";
    public static final String MANAGED_TAG = "cis-sentinel:managed";

    public Plan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Something the plan leaves to a person: the control, and what to do. */
    public record Note(String controlId, String message) {
        public Note {
            Objects.requireNonNull(controlId, "controlId");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The tags on every alarm and topic this tool creates. */
    static Map<String, String> tags(String controlId) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MANAGED_TAG, "true");
        tags.put("cis-sentinel:control", controlId);
        return tags;
    }

    /** {@code s***@example.com}: plans and logs never carry a full address. */
    public static String maskEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** Whether a resource name says this tool created it. */
    public static boolean ours(String name) {
        return name.startsWith(PREFIX);
    }
}
