package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One log event as CloudWatch Logs holds it: the raw message, and its JSON tree when the message is one JSON object.
 * Term and space-delimited patterns match the raw message, as AWS does (a term such as {@code "\"a\" : 1"} or
 * {@code u00e9} sees the text as written, blanks and escapes included); JSON patterns match the tree.
 *
 * <p>The tree is read by {@link JsonEvents} within fixed limits (nesting {@value JsonEvents#MAX_DEPTH} levels, numbers
 * of {@value JsonEvents#MAX_NUMBER_LENGTH} characters). A message past them is {@link Kind#JSON_OVER_LIMIT}: JSON
 * patterns do not match it, and callers that must not guess (the CLI) say so instead of answering.
 */
public final class LogEvent {

    /**
     * CloudWatch Logs takes events of at most 1 MB ({@code PutLogEvents}: "Each log event can be no larger than
     * 1 MB", https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html; 256 KB before
     * April 2025), counted in UTF-8 bytes; we read it as 1,048,576 bytes, the unit of that page's batch limit.
     */
    public static final int MAX_BYTES = 1_048_576;

    /** What the message is, for a JSON pattern. */
    public enum Kind {
        /** One JSON object (blanks around it aside): JSON patterns evaluate its tree. */
        JSON_OBJECT,
        /** Anything that does not start with {@code {}: JSON patterns never match it. */
        TEXT,
        /** Starts with {@code {} but is not one JSON object (cut short, trailing text...): no JSON pattern matches. */
        MALFORMED_JSON,
        /** A JSON object deeper or with longer numbers than {@link JsonEvents} reads: treated as not JSON. */
        JSON_OVER_LIMIT
    }

    private final String message;
    private final ObjectNode json;
    private final Kind kind;
    private final String detail;

    private LogEvent(String message, ObjectNode json, Kind kind, String detail) {
        this.message = message;
        this.json = json;
        this.kind = kind;
        this.detail = detail;
    }

    /** Reads a raw message. */
    public static LogEvent of(String message) {
        Objects.requireNonNull(message, "message");
        return JsonEvents.read(message);
    }

    /** An event whose message is {@code event} written as compact JSON (how CloudTrail delivers its records). */
    public static LogEvent of(ObjectNode event) {
        Objects.requireNonNull(event, "event");
        return new LogEvent(JsonEvents.compact(event), event, Kind.JSON_OBJECT, "");
    }

    static LogEvent json(String message, ObjectNode tree) {
        return new LogEvent(message, tree, Kind.JSON_OBJECT, "");
    }

    static LogEvent notJson(String message, Kind kind, String detail) {
        return new LogEvent(message, null, kind, detail);
    }

    /** The raw message, as written. */
    public String message() {
        return message;
    }

    /** The message's JSON tree (numbers keep their text as written); empty unless {@link Kind#JSON_OBJECT}. */
    public Optional<ObjectNode> json() {
        return Optional.ofNullable(json);
    }

    /** What the message is. */
    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#MALFORMED_JSON} and {@link Kind#JSON_OVER_LIMIT}: why, in words; otherwise empty. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return kind + ": " + PatternText.clip(message, 100);
    }
}
