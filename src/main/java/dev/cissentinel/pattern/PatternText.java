package dev.cissentinel.pattern;

import java.util.Locale;
import java.util.stream.Collectors;

/** Writes patterns and their parts as text: quoting, canonical condition text, and the one-line tree dump. */
final class PatternText {

    private PatternText() {
    }

    /** {@code text} when it has at most {@code max} characters; else its first {@code max - 3} and "...". */
    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** {@code "text"} with {@code "} and {@code \} escaped as the pattern grammar requires. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /** The expression as pattern text, parenthesised only where precedence needs it. */
    static String render(JsonExpression expression) {
        if (expression instanceof JsonExpression.Or) {
            return ((JsonExpression.Or) expression).operands().stream().map(PatternText::render)
                    .collect(Collectors.joining(" || "));
        }
        if (expression instanceof JsonExpression.And) {
            return ((JsonExpression.And) expression).operands().stream()
                    .map(operand -> operand instanceof JsonExpression.Or ? "(" + render(operand) + ")"
                            : render(operand))
                    .collect(Collectors.joining(" && "));
        }
        if (expression instanceof JsonExpression.Comparison) {
            JsonExpression.Comparison comparison = (JsonExpression.Comparison) expression;
            return comparison.selector().text() + " " + comparison.operator().symbol() + " "
                    + comparison.value().render();
        }
        JsonExpression.KeywordCheck check = (JsonExpression.KeywordCheck) expression;
        return check.selector().text() + " " + check.keyword().text();
    }

    /**
     * A one-line dump of a parsed pattern that shows its structure: {@code json(or(and(...), ...))}, values tagged
     * with how they compare ({@code prefix:"AccessDenied"}, {@code num:1e3}, {@code regex:Trail}).
     */
    static String dump(FilterPattern pattern) {
        if (pattern instanceof AllEventsPattern) {
            return "all";
        }
        if (pattern instanceof JsonPattern) {
            return "json(" + dump(((JsonPattern) pattern).expression()) + ")";
        }
        if (pattern instanceof TermPattern) {
            return "terms(" + ((TermPattern) pattern).terms().stream()
                    .map(term -> term.role().name().toLowerCase(Locale.ROOT) + ":" + dump(term.value()))
                    .collect(Collectors.joining(", ")) + ")";
        }
        return "delimited(" + ((DelimitedPattern) pattern).fields().stream().map(PatternText::dump)
                .collect(Collectors.joining(", ")) + ")";
    }

    static String dump(JsonExpression expression) {
        if (expression instanceof JsonExpression.Or) {
            return "or(" + ((JsonExpression.Or) expression).operands().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (expression instanceof JsonExpression.And) {
            return "and(" + ((JsonExpression.And) expression).operands().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (expression instanceof JsonExpression.Comparison) {
            JsonExpression.Comparison comparison = (JsonExpression.Comparison) expression;
            return dump(comparison.selector()) + " " + comparison.operator().symbol() + " "
                    + dump(comparison.value());
        }
        JsonExpression.KeywordCheck check = (JsonExpression.KeywordCheck) expression;
        return dump(check.selector()) + " " + check.keyword().text();
    }

    private static String dump(Selector selector) {
        StringBuilder text = new StringBuilder("$");
        for (Selector.Segment segment : selector.segments()) {
            if (segment instanceof Selector.Field) {
                text.append("['").append(((Selector.Field) segment).name()).append("']");
            } else if (segment instanceof Selector.Index) {
                text.append('[').append(((Selector.Index) segment).index()).append(']');
            } else if (segment instanceof Selector.AnyField) {
                text.append(".*");
            } else {
                text.append("[*]");
            }
        }
        return text.toString();
    }

    private static String dump(Value value) {
        if (value instanceof Value.Numeric) {
            return "num:" + ((Value.Numeric) value).lexeme();
        }
        if (value instanceof Value.Regex) {
            return "regex:" + ((Value.Regex) value).source();
        }
        Value.Text text = (Value.Text) value;
        return text.shape().name().toLowerCase(Locale.ROOT) + ":" + quote(text.core());
    }

    private static String dump(DelimitedPattern.Field field) {
        if (field instanceof DelimitedPattern.Ellipsis) {
            return "...";
        }
        DelimitedPattern.Named named = (DelimitedPattern.Named) field;
        return named.condition() instanceof DelimitedPattern.Always ? named.name()
                : named.name() + " " + dump(named.condition());
    }

    private static String dump(DelimitedPattern.FieldCondition condition) {
        if (condition instanceof DelimitedPattern.AnyOf) {
            return "or(" + ((DelimitedPattern.AnyOf) condition).operands().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (condition instanceof DelimitedPattern.AllOf) {
            return "and(" + ((DelimitedPattern.AllOf) condition).operands().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
        }
        DelimitedPattern.Test test = (DelimitedPattern.Test) condition;
        return test.operator().symbol() + " " + dump(test.value());
    }
}
