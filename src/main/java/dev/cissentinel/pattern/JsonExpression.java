package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The body of a JSON pattern: {@code ||} of {@code &&} of conditions. The parser flattens nested operators of the
 * same kind and drops parentheses, so equal meanings written with different grouping give equal trees.
 */
public sealed interface JsonExpression
        permits JsonExpression.Or, JsonExpression.And, JsonExpression.Comparison, JsonExpression.KeywordCheck {

    /** The node types, one per permitted type, for exhaustive switches (see the package documentation). */
    enum Kind { OR, AND, COMPARISON, KEYWORD_CHECK }

    /** Which type this is. */
    Kind kind();

    /** Whether this expression holds for the JSON event {@code root}. */
    boolean test(JsonNode root);

    /** {@code a || b || ...}: at least two operands, none of them an {@code Or}. */
    record Or(List<JsonExpression> operands) implements JsonExpression {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("|| needs two operands");
            }
        }

        @Override
        public Kind kind() {
            return Kind.OR;
        }

        @Override
        public boolean test(JsonNode root) {
            for (JsonExpression operand : operands) {
                if (operand.test(root)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code a && b && ...}: at least two operands, none of them an {@code And}. */
    record And(List<JsonExpression> operands) implements JsonExpression {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("&& needs two operands");
            }
        }

        @Override
        public Kind kind() {
            return Kind.AND;
        }

        @Override
        public boolean test(JsonNode root) {
            for (JsonExpression operand : operands) {
                if (!operand.test(root)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@code selector op value}. True only when the target is a STRING or a NUMBER (docs/filter-patterns.md §3): a
     * missing, null, boolean, object or array target fails {@code =} and {@code !=} alike.
     */
    record Comparison(Selector selector, Operator operator, Value value) implements JsonExpression {
        public Comparison {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
            if (operator.relational() && !(value instanceof Value.Numeric)) {
                throw new IllegalArgumentException(operator.symbol() + " needs a number");
            }
        }

        @Override
        public Kind kind() {
            return Kind.COMPARISON;
        }

        @Override
        public boolean test(JsonNode root) {
            if (selector.hasWildcard()) {
                return selector.anyTarget(root, this::holdsFor);
            }
            return holdsFor(selector.resolve(root));
        }

        /** Whether the comparison holds for one resolved target ({@code null} when MISSING). */
        boolean holdsFor(JsonNode target) {
            if (target == null || !(target.isTextual() || target.isNumber())) {
                return false;
            }
            return switch (operator) {
                case EQ -> value.equalsTarget(target);
                case NE -> !value.equalsTarget(target);
                // Relational operators compare numbers only; against a string they are false, not an error.
                case LT, LE, GT, GE -> target.isNumber()
                        && operator.holds(Numbers.compare(target, ((Value.Numeric) value).value()));
            };
        }
    }

    /** {@code selector IS NULL | IS TRUE | IS FALSE | NOT EXISTS}. */
    record KeywordCheck(Selector selector, Keyword keyword) implements JsonExpression {
        public KeywordCheck {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(keyword, "keyword");
        }

        @Override
        public Kind kind() {
            return Kind.KEYWORD_CHECK;
        }

        @Override
        public boolean test(JsonNode root) {
            if (selector.hasWildcard()) {
                return selector.anyTarget(root, keyword::test);
            }
            return keyword.test(selector.resolve(root));
        }
    }
}
