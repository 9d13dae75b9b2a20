package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON pattern {@code { ... }}: matches JSON object events whose fields satisfy {@link #expression()}.
 *
 * @param text the pattern as written
 * @param expression the body between the braces
 */
public record JsonPattern(String text, JsonExpression expression) implements FilterPattern {
    public JsonPattern {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public Kind kind() {
        return Kind.JSON;
    }

    @Override
    public boolean matches(JsonNode event) {
        return event.isObject() && expression.test(event);
    }

    @Override
    public boolean matches(LogEvent event) {
        return event.json().map(this::matches).orElse(false);
    }

    /** {@code { (this) && (other) }}, written so that the text parses back to the same tree. */
    JsonPattern conjoin(JsonPattern other) {
        List<JsonExpression> operands = new ArrayList<>();
        addConjuncts(expression, operands);
        addConjuncts(other.expression, operands);
        return new JsonPattern("{(" + body() + ") && (" + other.body() + ")}", new JsonExpression.And(operands));
    }

    /** The text between the outer braces, without surrounding blanks. */
    String body() {
        String trimmed = text.strip();
        return trimmed.substring(1, trimmed.length() - 1).strip();
    }

    private static void addConjuncts(JsonExpression expression, List<JsonExpression> into) {
        if (expression instanceof JsonExpression.And) {
            into.addAll(((JsonExpression.And) expression).operands());
        } else {
            into.add(expression);
        }
    }
}
