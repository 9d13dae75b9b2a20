package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The right-hand side of a comparison: a string (quoted or bare, with {@code *} wildcards at its ends), a number,
 * or a {@code %regex%}.
 */
public sealed interface Value permits Value.Text, Value.Numeric, Value.Regex {

    /**
     * Whether a STRING or NUMBER target equals this value in the sense of {@code =}; {@code !=} is its negation on
     * the same targets. The caller has already rejected missing, null, boolean, object and array targets.
     */
    boolean equalsTarget(JsonNode target);

    /** Whether this value applies to a plain text field (space-delimited patterns) in the sense of {@code =}. */
    boolean equalsText(String text);

    /** The value as it would be written in a pattern. */
    String render();

    /** The value types, one per permitted type, for exhaustive switches (see the package documentation). */
    enum Kind { TEXT, NUMERIC, REGEX }

    /** Which type this is. */
    Kind kind();

    /** How a string value's {@code *} wildcards constrain the text. */
    enum Shape {
        /** No wildcard: the text equals the core. */
        EXACT,
        /** {@code core*}: the text starts with the core. */
        PREFIX,
        /** {@code *core}: the text ends with the core. */
        SUFFIX,
        /** {@code *core*}: the text contains the core. */
        CONTAINS,
        /** {@code *} alone: any text. */
        ANY
    }

    /**
     * A string value. Only a {@code *} at the start and one at the end are wildcards; any other {@code *} is a
     * literal character ({@code docs/filter-patterns.md} §3). Quoting does not change the meaning.
     *
     * @param text the value with quotes and escapes removed, wildcards still in place
     * @param quoted whether the pattern wrote it in double quotes
     * @param shape what the wildcards mean
     * @param core the text without its wildcard stars
     */
    record Text(String text, boolean quoted, Shape shape, String core) implements Value {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(core, "core");
        }

        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        /** Reads the wildcards of {@code text}. */
        public static Text of(String text, boolean quoted) {
            boolean leading = text.startsWith("*");
            String rest = leading ? text.substring(1) : text;
            boolean trailing = rest.endsWith("*");
            String core = trailing ? rest.substring(0, rest.length() - 1) : rest;
            Shape shape;
            if ((leading || trailing) && core.isEmpty()) {
                shape = Shape.ANY;
            } else if (leading && trailing) {
                shape = Shape.CONTAINS;
            } else if (leading) {
                shape = Shape.SUFFIX;
            } else if (trailing) {
                shape = Shape.PREFIX;
            } else {
                shape = Shape.EXACT;
            }
            return new Text(text, quoted, shape, core);
        }

        /** The same text with every {@code *} literal, as terms of a term pattern are. */
        Text withoutWildcards() {
            return new Text(text, quoted, Shape.EXACT, text);
        }

        @Override
        public boolean equalsTarget(JsonNode target) {
            return equalsText(target.isTextual() ? target.textValue() : target.asText());
        }

        @Override
        public boolean equalsText(String value) {
            return switch (shape) {
                case EXACT -> value.equals(core);
                case PREFIX -> value.startsWith(core);
                case SUFFIX -> value.endsWith(core);
                case CONTAINS -> value.contains(core);
                case ANY -> true;
            };
        }

        @Override
        public String render() {
            return quoted ? PatternText.quote(text) : text;
        }
    }

    /**
     * A bare numeric literal. Against a NUMBER it compares numerically ({@code = 123.0} matches 123); against a
     * STRING it compares the literal's text as written ({@code docs/filter-patterns.md} §10: unobserved, our choice).
     *
     * @param lexeme the literal as written, e.g. {@code +1000} or {@code 10e-3}
     * @param value its numeric value
     */
    record Numeric(String lexeme, BigDecimal value) implements Value {
        public Numeric {
            Objects.requireNonNull(lexeme, "lexeme");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Kind kind() {
            return Kind.NUMERIC;
        }

        @Override
        public boolean equalsTarget(JsonNode target) {
            return target.isNumber() ? Numbers.compare(target, value) == 0 : target.textValue().equals(lexeme);
        }

        @Override
        public boolean equalsText(String text) {
            BigDecimal number = Numbers.parse(text);
            return number != null ? number.compareTo(value) == 0 : text.equals(lexeme);
        }

        @Override
        public String render() {
            return lexeme;
        }
    }

    /**
     * A {@code %regex%} value: an unanchored search over the target's text (a number's text as written).
     *
     * @param source the regex between the percent signs
     * @param program the compiled, backtracking-free matcher
     */
    record Regex(String source, SafeRegex program) implements Value {
        public Regex {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(program, "program");
        }

        @Override
        public Kind kind() {
            return Kind.REGEX;
        }

        @Override
        public boolean equalsTarget(JsonNode target) {
            return program.find(target.isTextual() ? target.textValue() : target.asText());
        }

        @Override
        public boolean equalsText(String text) {
            return program.find(text);
        }

        @Override
        public String render() {
            return "%" + source + "%";
        }
    }
}
