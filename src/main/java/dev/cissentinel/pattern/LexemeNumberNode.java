package dev.cissentinel.pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/** A JSON number that remembers how the message wrote it: {@link #asText()} is that text, verbatim. */
final class LexemeNumberNode extends NumericNode {

    private static final long serialVersionUID = 1L;

    private final String lexeme;
    private final BigDecimal value;

    LexemeNumberNode(String lexeme, BigDecimal value) {
        this.lexeme = Objects.requireNonNull(lexeme, "lexeme");
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public String asText() {
        return lexeme;
    }

    @Override
    public JsonToken asToken() {
        return isIntegralNumber() ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
    }

    @Override
    public JsonParser.NumberType numberType() {
        return JsonParser.NumberType.BIG_DECIMAL;
    }

    @Override
    public boolean isIntegralNumber() {
        return lexeme.indexOf('.') < 0 && lexeme.indexOf('e') < 0 && lexeme.indexOf('E') < 0;
    }

    @Override
    public boolean isFloatingPointNumber() {
        return !isIntegralNumber();
    }

    @Override
    public Number numberValue() {
        return value;
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public BigDecimal decimalValue() {
        return value;
    }

    @Override
    public BigInteger bigIntegerValue() {
        return value.toBigInteger();
    }

    @Override
    public boolean canConvertToInt() {
        return isIntegralNumber() && value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                && value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    @Override
    public boolean canConvertToLong() {
        return isIntegralNumber() && value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeNumber(lexeme);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LexemeNumberNode && ((LexemeNumberNode) other).lexeme.equals(lexeme);
    }

    @Override
    public int hashCode() {
        return lexeme.hashCode();
    }
}
