package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed CloudWatch Logs filter pattern: an immutable syntax tree that keeps the text it came from.
 *
 * <p>Which syntax a text uses is decided by its first non-blank character ({@code filter-patterns.md} §1): an
 * opening brace makes a {@link JsonPattern}, an opening bracket a {@link DelimitedPattern}, anything else a
 * {@link TermPattern} (which includes a standalone {@code %regex%}); a blank text is {@link AllEventsPattern}.
 */
public sealed interface FilterPattern permits JsonPattern, TermPattern, DelimitedPattern, AllEventsPattern {

    /** CloudWatch Logs accepts filter patterns of 0 to 1024 characters (API {@code MetricFilter.filterPattern}). */
    int MAX_LENGTH = 1024;

    /** How deeply parentheses may nest; far above anything real, low enough that parsing cannot overflow. */
    int MAX_DEPTH = 32;

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
     * Whether the pattern matches a log event whose message is the JSON value {@code event}. JSON patterns
     * evaluate selectors on it and match only objects; term and space-delimited patterns match the event's compact
     * JSON serialisation, which is how CloudTrail writes its records to CloudWatch Logs.
     */
    boolean matches(JsonNode event);

    /**
     * Whether the pattern matches a raw log message. A JSON pattern first parses the message as a JSON object and
     * is false when it is not one; the other syntaxes match the text itself.
     */
    boolean matchesText(String rawLogLine);

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
