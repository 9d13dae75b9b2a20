package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Numeric literals and comparisons shared by the JSON and space-delimited matchers. */
final class Numbers {

    /** {@code docs/filter-patterns.md} §2: {@code [+|-] digits [. digits] [(e|E) [+|-] digits]}. */
    private static final Pattern LITERAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** Beyond this exponent BigDecimal arithmetic gets slow or throws; no real log value comes near it. */
    private static final int MAX_EXPONENT = 10_000;

    private Numbers() {
    }

    /** Whether {@code text} is written as a numeric literal of the pattern grammar. */
    static boolean isLiteral(String text) {
        return !text.isEmpty() && LITERAL.matcher(text).matches();
    }

    /** The value of a numeric literal, or {@code null} when {@code text} is not one or is out of range. */
    static BigDecimal parse(String text) {
        if (!isLiteral(text)) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            return Math.abs((long) value.scale()) > MAX_EXPONENT ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Compares a NUMBER node with a bound: negative, zero or positive as the node is below, at or above it. */
    static int compare(JsonNode number, BigDecimal bound) {
        if (number.isIntegralNumber() && number.canConvertToLong() && bound.scale() <= 0
                && bound.compareTo(LONG_MIN) >= 0 && bound.compareTo(LONG_MAX) <= 0) {
            return Long.compare(number.longValue(), bound.longValue());
        }
        if (number.isDouble() || number.isFloat()) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                return Double.compare(d, bound.doubleValue());
            }
        }
        return number.decimalValue().compareTo(bound);
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
}
