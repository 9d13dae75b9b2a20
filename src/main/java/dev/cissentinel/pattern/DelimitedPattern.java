package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A space-delimited pattern {@code [ip, user, ..., status_code = 4*, bytes > 1000]} ({@code docs/filter-patterns.md}
 * §5): the message is split into fields on blanks, a field in {@code [...]} or {@code "..."} being one field
 * without its delimiters; the pattern's fields match them in order, {@code ...} standing for any number of fields.
 * Without {@code ...} the counts must be equal.
 *
 * @param text the pattern as written
 * @param fields the fields, at least one
 */
public record DelimitedPattern(String text, List<Field> fields) implements FilterPattern {

    public DelimitedPattern {
        Objects.requireNonNull(text, "text");
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a space-delimited pattern needs a field");
        }
    }

    /** One position of the pattern. */
    public sealed interface Field permits Ellipsis, Named {
        /** The field types, one per permitted type, for exhaustive switches. */
        enum Kind { ELLIPSIS, NAMED }

        /** Which type this is. */
        Kind kind();
    }

    /** {@code ...}: any number of message fields, including none. */
    public record Ellipsis() implements Field {
        @Override
        public Kind kind() {
            return Kind.ELLIPSIS;
        }
    }

    /**
     * A named field, with an optional condition on its text.
     *
     * @param name the field's name
     * @param condition what the field's text must satisfy ({@link Always} when the pattern gives no condition)
     */
    public record Named(String name, FieldCondition condition) implements Field {
        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public Kind kind() {
            return Kind.NAMED;
        }
    }

    /** A condition on one field's text; {@code &&} binds tighter than {@code ||} as in JSON patterns. */
    public sealed interface FieldCondition permits Always, AnyOf, AllOf, Test {
        /** The condition types, one per permitted type, for exhaustive switches. */
        enum Kind { ALWAYS, ANY_OF, ALL_OF, TEST }

        /** Which type this is. */
        Kind kind();

        /** Whether the field's text satisfies the condition. */
        boolean test(String field);
    }

    /** No condition: any text. */
    public record Always() implements FieldCondition {
        @Override
        public Kind kind() {
            return Kind.ALWAYS;
        }

        @Override
        public boolean test(String field) {
            return true;
        }
    }

    /** {@code a || b ...}. */
    public record AnyOf(List<FieldCondition> operands) implements FieldCondition {
        public AnyOf {
            operands = List.copyOf(operands);
        }

        @Override
        public Kind kind() {
            return Kind.ANY_OF;
        }

        @Override
        public boolean test(String field) {
            return operands.stream().anyMatch(operand -> operand.test(field));
        }
    }

    /** {@code a && b ...}. */
    public record AllOf(List<FieldCondition> operands) implements FieldCondition {
        public AllOf {
            operands = List.copyOf(operands);
        }

        @Override
        public Kind kind() {
            return Kind.ALL_OF;
        }

        @Override
        public boolean test(String field) {
            return operands.stream().allMatch(operand -> operand.test(field));
        }
    }

    /**
     * {@code op value} on the field's text: {@code =}/{@code !=} as for JSON strings (a numeric literal compares
     * numerically when the field reads as a number); relational operators need a field that reads as a number.
     */
    public record Test(Operator operator, Value value) implements FieldCondition {
        public Test {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Kind kind() {
            return Kind.TEST;
        }

        @Override
        public boolean test(String field) {
            return switch (operator) {
                case EQ -> value.equalsText(field);
                case NE -> !value.equalsText(field);
                case LT, LE, GT, GE -> {
                    BigDecimal number = Numbers.parse(field);
                    yield number != null && operator.holds(number.compareTo(((Value.Numeric) value).value()));
                }
            };
        }
    }

    @Override
    public Kind kind() {
        return Kind.DELIMITED;
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
        List<String> values = split(rawLogLine);
        int m = fields.size();
        int n = values.size();
        // fits[j]: pattern fields i.. match message fields j..; filled from the last pattern field backwards,
        // so "..." costs O(m * n) instead of a backtracking search.
        boolean[] next = new boolean[n + 1];
        next[n] = true;
        for (int i = m - 1; i >= 0; i--) {
            Field field = fields.get(i);
            next = switch (field.kind()) {
                case ELLIPSIS -> anyNumberOfFields(next);
                case NAMED -> oneField(((Named) field).condition(), values, next);
            };
        }
        return next[0];
    }

    /** {@code ...} before the fields {@code next} fits: it fits from j when the rest fits from j or later. */
    private static boolean[] anyNumberOfFields(boolean[] next) {
        boolean[] fits = new boolean[next.length];
        boolean any = false;
        for (int j = next.length - 1; j >= 0; j--) {
            any = any || next[j];
            fits[j] = any;
        }
        return fits;
    }

    /** A named field before the fields {@code next} fits: it fits from j when field j passes and the rest fit. */
    private static boolean[] oneField(FieldCondition condition, List<String> values, boolean[] next) {
        boolean[] fits = new boolean[next.length];
        for (int j = 0; j < values.size(); j++) {
            fits[j] = next[j + 1] && condition.test(values.get(j));
        }
        return fits;
    }

    /** Splits a message on blanks; {@code "..."} and {@code [...]} each make one field, without the delimiters. */
    static List<String> split(String line) {
        List<String> values = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int end;
            if (c == '"' || c == '[') {
                end = line.indexOf(c == '"' ? '"' : ']', i + 1);
                if (end >= 0) {
                    values.add(line.substring(i + 1, end));
                    i = end + 1;
                    continue;
                }
            }
            end = i;
            while (end < n && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
                end++;
            }
            values.add(line.substring(i, end));
            i = end;
        }
        return values;
    }
}
