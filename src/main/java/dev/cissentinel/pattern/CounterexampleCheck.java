package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The check every counterexample passes before anyone sees it. An event tree is not what CloudWatch Logs matches:
 * it matches a message. So the candidate is written as text (compact JSON, as CloudTrail delivers records), encoded
 * as UTF-8, read back with {@link LogEvent#of(String)} and matched again with both patterns; a number written too
 * long to read back, a string no UTF-8 can carry, or a term that only the tree's text satisfied all fail here. The
 * indented form, which the CLI prints, is checked the same way and used only when it passes too.
 */
final class CounterexampleCheck {

    /** Largest counterexample, as compact JSON in UTF-8: readable in a finding, far under CloudWatch's 1 MB. */
    static final int MAX_BYTES = 64 * 1024;

    /** What became of one candidate. */
    enum Status {
        /** Its text, read back, matches the reference and not the deployed pattern. */
        CONFIRMED,
        /** Its text is larger than {@link #MAX_BYTES}. */
        TOO_BIG,
        /** Its text does not tell the patterns apart (or cannot be written as UTF-8). */
        REJECTED
    }

    /**
     * @param status the verdict on the candidate
     * @param event the tree read back from {@code text} when confirmed, else {@code null}
     * @param text the message both patterns were matched on when confirmed, else {@code null}
     * @param bytes the compact text's size in UTF-8 (0 when it could not be encoded)
     */
    record Outcome(Status status, ObjectNode event, String text, int bytes) {
        Outcome {
            Objects.requireNonNull(status, "status");
        }
    }

    private CounterexampleCheck() {
    }

    /** Checks {@code candidate} as described above. */
    static Outcome check(FilterPattern deployed, FilterPattern reference, ObjectNode candidate) {
        String compact = JsonEvents.compact(candidate);
        int bytes = utf8Length(compact);
        if (bytes < 0) {
            return new Outcome(Status.REJECTED, null, null, 0);
        }
        if (bytes > MAX_BYTES) {
            return new Outcome(Status.TOO_BIG, null, null, bytes);
        }
        LogEvent event = LogEvent.of(compact);
        if (!tellsApart(deployed, reference, event)) {
            return new Outcome(Status.REJECTED, null, null, bytes);
        }
        ObjectNode readBack = event.json().orElseThrow();
        String pretty = JsonEvents.pretty(readBack);
        boolean prettyToo = utf8Length(pretty) <= LogEvent.MAX_BYTES && tellsApart(deployed, reference,
                LogEvent.of(pretty));
        return new Outcome(Status.CONFIRMED, readBack, prettyToo ? pretty : compact, bytes);
    }

    /**
     * Whether a miss that {@link Patterns#covers} is about to return still holds: its text, read back as a message,
     * and its tree's compact text both match the reference and not the deployed pattern.
     */
    static boolean holds(FilterPattern deployed, FilterPattern reference, Coverage.DoesNotCover miss) {
        String compact = JsonEvents.compact(miss.counterexample());
        int bytes = utf8Length(compact);
        return bytes >= 0 && bytes <= MAX_BYTES
                && tellsApart(deployed, reference, LogEvent.of(miss.counterexampleText()))
                && tellsApart(deployed, reference, LogEvent.of(compact));
    }

    private static boolean tellsApart(FilterPattern deployed, FilterPattern reference, LogEvent event) {
        return event.kind() == LogEvent.Kind.JSON_OBJECT && reference.matches(event) && !deployed.matches(event);
    }

    /** The length of {@code text} in UTF-8, or -1 when it holds a lone surrogate (no UTF-8 message can). */
    private static int utf8Length(String text) {
        try {
            return StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text)).remaining();
        } catch (CharacterCodingException e) {
            return -1;
        }
    }
}
