package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The postfix keyword conditions of a JSON pattern: {@code IS NULL}, {@code IS TRUE}, {@code IS FALSE} and
 * {@code NOT EXISTS}.
 */
public enum Keyword {
    IS_NULL("IS NULL"),
    IS_TRUE("IS TRUE"),
    IS_FALSE("IS FALSE"),
    NOT_EXISTS("NOT EXISTS");

    private final String text;

    Keyword(String text) {
        this.text = text;
    }

    /** The keywords as AWS writes them. */
    public String text() {
        return text;
    }

    /** Whether the resolved target ({@code null} when missing) satisfies this keyword. */
    boolean test(JsonNode target) {
        return switch (this) {
            case IS_NULL -> target != null && target.isNull();
            case IS_TRUE -> target != null && target.isBoolean() && target.booleanValue();
            case IS_FALSE -> target != null && target.isBoolean() && !target.booleanValue();
            case NOT_EXISTS -> target == null;
        };
    }
}
