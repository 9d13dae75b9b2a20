package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A term pattern ({@code docs/filter-patterns.md} §5): words, {@code "quoted phrases"} and {@code %regex%} terms that
 * must occur in the raw message, {@code -term}s that must not, and {@code ?term}s of which one must occur. Matching
 * is case-sensitive and part-of-word (a substring search).
 *
 * @param text the pattern as written
 * @param terms the terms, at least one
 */
public record TermPattern(String text, List<Term> terms) implements FilterPattern {

    public TermPattern {
        Objects.requireNonNull(text, "text");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a term pattern needs a term");
        }
    }

    /** What a term demands of the message. */
    public enum Role {
        /** A plain term: it must occur. */
        REQUIRED,
        /** {@code -term}: it must not occur. */
        EXCLUDED,
        /** {@code ?term}: one of these must occur; ignored when the pattern also has plain terms (AWS does so). */
        OPTIONAL
    }

    /**
     * One term.
     *
     * @param role what it demands
     * @param value a {@link Value.Text} (the literal text, no wildcards) or a {@link Value.Regex}
     */
    public record Term(Role role, Value value) {
        public Term {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(value, "value");
            if (value instanceof Value.Numeric) {
                throw new IllegalArgumentException("a term is text or a regex");
            }
        }

        /** Whether the term occurs in {@code message}; a blank quoted phrase ({@code " "}) occurs in every one. */
        boolean occursIn(String message) {
            return switch (value.kind()) {
                case REGEX -> ((Value.Regex) value).program().find(message);
                case TEXT -> {
                    String phrase = ((Value.Text) value).text();
                    yield phrase.isBlank() || message.contains(phrase);
                }
                case NUMERIC -> throw new IllegalStateException("a term is text or a regex");
            };
        }
    }

    @Override
    public Kind kind() {
        return Kind.TERMS;
    }

    @Override
    public boolean matches(JsonNode event) {
        return matchesMessage(JsonEvents.compact(event));
    }

    @Override
    public boolean matches(LogEvent event) {
        return matchesMessage(event.message());
    }

    @Override
    public boolean matchesText(String rawLogLine) {
        return matchesMessage(rawLogLine);
    }

    private boolean matchesMessage(String rawLogLine) {
        boolean anyRequired = false;
        boolean anyOptional = false;
        boolean optionalFound = false;
        for (Term term : terms) {
            switch (term.role()) {
                case EXCLUDED:
                    if (term.occursIn(rawLogLine)) {
                        return false;
                    }
                    break;
                case REQUIRED:
                    anyRequired = true;
                    if (!term.occursIn(rawLogLine)) {
                        return false;
                    }
                    break;
                case OPTIONAL:
                    anyOptional = true;
                    optionalFound = optionalFound || term.occursIn(rawLogLine);
                    break;
                default:
                    throw new IllegalStateException(term.role().name());
            }
        }
        return anyRequired || !anyOptional || optionalFound;
    }
}
