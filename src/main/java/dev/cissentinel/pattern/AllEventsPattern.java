package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The empty (or blank) pattern, which matches every log event ({@code docs/filter-patterns.md} §1; CDK's
 * {@code FilterPattern.allEvents()} is the empty string).
 *
 * @param text the blank text as written
 */
public record AllEventsPattern(String text) implements FilterPattern {
    public AllEventsPattern {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public Kind kind() {
        return Kind.ALL_EVENTS;
    }

    @Override
    public boolean matches(JsonNode event) {
        Objects.requireNonNull(event, "event");
        return true;
    }

    @Override
    public boolean matches(LogEvent event) {
        Objects.requireNonNull(event, "event");
        return true;
    }
}
