package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed CloudWatch Logs filter pattern: an immutable syntax tree that keeps the text it came from.
 *
 * <p>Which syntax a text uses is decided by its first non-blank character ({@code docs/filter-patterns.md} §1): an
 * opening brace makes a {@link JsonPattern}, an opening bracket a {@link DelimitedPattern}, anything else a
 * {@link TermPattern} (which includes a standalone {@code %regex%}); a blank text is {@link AllEventsPattern}.
 */
public sealed interface FilterPattern permits JsonPattern, TermPattern, DelimitedPattern, AllEventsPattern {

    /** CloudWatch Logs accepts filter patterns of 0 to 1024 characters (API {@code MetricFilter.filterPattern}). */
    int MAX_LENGTH = 1024;

    /** How deeply parentheses may nest; far above anything real, low enough that parsing cannot overflow. */
    int MAX_DEPTH = 32;

    /** The syntaxes, one per permitted type: switch expressions over it have no default (package documentation). */
    enum Kind { JSON, TERMS, DELIMITED, ALL_EVENTS }

    /** Which syntax this is. */
    Kind kind();

    /**
     * Parses a filter pattern.
     *
     * @throws PatternSyntaxException with the column and what was expected, when the text is not a valid pattern
     */
    static FilterPattern parse(String text) {
        return Parser.parse(text);
    }

    /** The text this pattern was parsed from (for {@link #and} results: an equivalent JSON pattern text). */
    String text();

    /**
     * Whether the pattern matches a log event: a JSON pattern evaluates its selectors on the event's JSON tree (and
     * is false when the message is not one JSON object); term and space-delimited patterns match the raw message,
     * as written, as AWS does.
     */
    boolean matches(LogEvent event);

    /**
     * Whether the pattern matches a log event whose message is the JSON value {@code event} written as compact JSON
     * (how CloudTrail delivers its records to CloudWatch Logs). JSON patterns evaluate selectors on the tree and
     * match only objects; term and space-delimited patterns match that compact text. When the raw message is at
     * hand, {@link #matches(LogEvent)} is exact: a raw message may space or escape its JSON differently.
     */
    boolean matches(JsonNode event);

    /** {@link #matches(LogEvent)} on the raw log message {@code rawLogLine}. */
    default boolean matchesText(String rawLogLine) {
        return matches(LogEvent.of(rawLogLine));
    }

    /**
     * The conjunction of this pattern and {@code other}: the events both match. Defined for JSON patterns (and the
     * match-everything pattern, which is neutral); for other syntaxes CloudWatch has no way to write it.
     *
     * @throws IllegalArgumentException when one side is a term or space-delimited pattern
     */
    default FilterPattern and(FilterPattern other) {
        if (other instanceof AllEventsPattern) {
            return this;
        }
        if (this instanceof AllEventsPattern) {
            return other;
        }
        if (this instanceof JsonPattern && other instanceof JsonPattern) {
            return ((JsonPattern) this).conjoin((JsonPattern) other);
        }
        throw new IllegalArgumentException("only JSON patterns can be combined with &&: " + text() + " / "
                + other.text());
    }
}
