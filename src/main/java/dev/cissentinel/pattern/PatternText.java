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
        return switch (expression.kind()) {
            case OR -> ((JsonExpression.Or) expression).operands().stream().map(PatternText::render)
                    .collect(Collectors.joining(" || "));
            case AND -> ((JsonExpression.And) expression).operands().stream()
                    .map(operand -> operand.kind() == JsonExpression.Kind.OR ? "(" + render(operand) + ")"
                            : render(operand))
                    .collect(Collectors.joining(" && "));
            case COMPARISON -> {
                JsonExpression.Comparison comparison = (JsonExpression.Comparison) expression;
                yield comparison.selector().text() + " " + comparison.operator().symbol() + " "
                        + comparison.value().render();
            }
            case KEYWORD_CHECK -> {
                JsonExpression.KeywordCheck check = (JsonExpression.KeywordCheck) expression;
                yield check.selector().text() + " " + check.keyword().text();
            }
        };
    }

    /**
     * A one-line dump of a parsed pattern that shows its structure: {@code json(or(and(...), ...))}, values tagged
     * with how they compare ({@code prefix:"AccessDenied"}, {@code num:1e3}, {@code regex:Trail}).
     */
    static String dump(FilterPattern pattern) {
        return switch (pattern.kind()) {
            case ALL_EVENTS -> "all";
            case JSON -> "json(" + dump(((JsonPattern) pattern).expression()) + ")";
            case TERMS -> "terms(" + ((TermPattern) pattern).terms().stream()
                    .map(term -> term.role().name().toLowerCase(Locale.ROOT) + ":" + dump(term.value()))
                    .collect(Collectors.joining(", ")) + ")";
            case DELIMITED -> "delimited(" + ((DelimitedPattern) pattern).fields().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
        };
    }

    static String dump(JsonExpression expression) {
        return switch (expression.kind()) {
            case OR -> "or(" + ((JsonExpression.Or) expression).operands().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
            case AND -> "and(" + ((JsonExpression.And) expression).operands().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
            case COMPARISON -> {
                JsonExpression.Comparison comparison = (JsonExpression.Comparison) expression;
                yield dump(comparison.selector()) + " " + comparison.operator().symbol() + " "
                        + dump(comparison.value());
            }
            case KEYWORD_CHECK -> {
                JsonExpression.KeywordCheck check = (JsonExpression.KeywordCheck) expression;
                yield dump(check.selector()) + " " + check.keyword().text();
            }
        };
    }

    private static String dump(Selector selector) {
        StringBuilder text = new StringBuilder("$");
        for (Selector.Segment segment : selector.segments()) {
            text.append(switch (segment.kind()) {
                case FIELD -> "['" + ((Selector.Field) segment).name() + "']";
                case INDEX -> "[" + ((Selector.Index) segment).index() + "]";
                case ANY_FIELD -> ".*";
                case ANY_ELEMENT -> "[*]";
            });
        }
        return text.toString();
    }

    private static String dump(Value value) {
        return switch (value.kind()) {
            case NUMERIC -> "num:" + ((Value.Numeric) value).lexeme();
            case REGEX -> "regex:" + ((Value.Regex) value).source();
            case TEXT -> {
                Value.Text text = (Value.Text) value;
                yield text.shape().name().toLowerCase(Locale.ROOT) + ":" + quote(text.core());
            }
        };
    }

    private static String dump(DelimitedPattern.Field field) {
        return switch (field.kind()) {
            case ELLIPSIS -> "...";
            case NAMED -> {
                DelimitedPattern.Named named = (DelimitedPattern.Named) field;
                yield named.condition().kind() == DelimitedPattern.FieldCondition.Kind.ALWAYS ? named.name()
                        : named.name() + " " + dump(named.condition());
            }
        };
    }

    private static String dump(DelimitedPattern.FieldCondition condition) {
        return switch (condition.kind()) {
            case ALWAYS -> "always";
            case ANY_OF -> "or(" + ((DelimitedPattern.AnyOf) condition).operands().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
            case ALL_OF -> "and(" + ((DelimitedPattern.AllOf) condition).operands().stream().map(PatternText::dump)
                    .collect(Collectors.joining(", ")) + ")";
            case TEST -> {
                DelimitedPattern.Test test = (DelimitedPattern.Test) condition;
                yield test.operator().symbol() + " " + dump(test.value());
            }
        };
    }
}
