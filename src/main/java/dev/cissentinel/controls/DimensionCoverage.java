package dev.cissentinel.controls;

import dev.cissentinel.pattern.Coverage;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.JsonExpression;
import dev.cissentinel.pattern.JsonPattern;
import dev.cissentinel.pattern.Operator;
import dev.cissentinel.pattern.PatternSyntaxException;
import dev.cissentinel.pattern.Patterns;
import dev.cissentinel.pattern.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Whether alarms on fixed dimension values together see every event a control's reference catches.
 *
 * <p>A filter with dimensions takes each dimension's value from the event's field, so it emits one metric per
 * distinct value set ("Each different value found for a dimension is treated as a separate metric",
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html). An alarm
 * on {@code EventName=CreateTrail} sees only the events whose field equals {@code CreateTrail}. So the events the
 * alarms see are those of the JSON pattern {@code { (field1 = "a" && field2 = "b") || ... }}, one disjunct per
 * alarm; since the filter already covers the reference, the chain covers it exactly when that pattern covers the
 * reference, which the pattern engine decides (with an event the alarms miss when it does not).
 *
 * <p>An event without the field gives no value, and is taken as seen by no alarm: a fixed value needs the field.
 * A value that a pattern cannot state as plain equality (a {@code *} at either end is a wildcard in filter
 * patterns) or a dimension that is not a plain {@code $.a.b} selector cannot be decided: the answer is
 * {@link Coverage.Undecided}, never a pass. The pattern text is parsed back and checked to hold exactly the
 * intended equalities before it is used, so no value can be misread.
 */
final class DimensionCoverage {

    private static final Pattern PLAIN_SELECTOR = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+|\\[\\d+])+");

    private DimensionCoverage() {
    }

    /**
     * @param fields the filter's dimensions, name to {@code $.selector}
     * @param alarmValues for each working alarm, its dimension values, name to value
     */
    static Coverage decide(Map<String, String> fields, Collection<Map<String, String>> alarmValues,
            FilterPattern reference) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!PLAIN_SELECTOR.matcher(field.getValue()).matches()) {
                return new Coverage.Undecided("dimension " + field.getKey() + " takes its value from '"
                        + field.getValue() + "', which is not a plain JSON selector");
            }
        }
        List<String> disjuncts = new ArrayList<>();
        List<Map<String, String>> intended = new ArrayList<>();
        for (Map<String, String> values : alarmValues) {
            List<String> conjuncts = new ArrayList<>();
            Map<String, String> bySelector = new TreeMap<>();
            for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
                String value = values.get(field.getKey());
                if (value == null) {
                    return new Coverage.Undecided("an alarm gives no value for dimension " + field.getKey());
                }
                if (value.startsWith("*") || value.endsWith("*") || value.isEmpty()) {
                    return new Coverage.Undecided("the alarm value '" + value + "' of dimension " + field.getKey()
                            + " cannot be written as plain equality in a filter pattern (a * at an end is a "
                            + "wildcard)");
                }
                conjuncts.add(field.getValue() + " = " + quote(value));
                bySelector.put(field.getValue(), value);
            }
            disjuncts.add("(" + String.join(" && ", conjuncts) + ")");
            intended.add(bySelector);
        }
        if (disjuncts.isEmpty()) {
            return new Coverage.Undecided("no working alarm");
        }
        String text = "{ " + String.join(" || ", disjuncts) + " }";
        FilterPattern seen;
        try {
            seen = FilterPattern.parse(text);
        } catch (PatternSyntaxException e) {
            return new Coverage.Undecided("the alarms' dimension values do not fit in one filter pattern ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!exactly(seen, intended)) {
            return new Coverage.Undecided("the alarms' dimension values could not be written as plain equality in a "
                    + "filter pattern");
        }
        return Patterns.covers(seen, reference);
    }

    /** {@code "text"} with {@code "} and {@code \} escaped, as the pattern grammar reads quoted strings. */
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

    /** Whether the parsed pattern is exactly the intended disjunction of conjunctions of plain equalities. */
    private static boolean exactly(FilterPattern pattern, List<Map<String, String>> intended) {
        if (!(pattern instanceof JsonPattern)) {
            return false;
        }
        JsonExpression expression = ((JsonPattern) pattern).expression();
        List<JsonExpression> disjuncts = expression instanceof JsonExpression.Or
                ? ((JsonExpression.Or) expression).operands() : List.of(expression);
        List<Map<String, String>> found = new ArrayList<>();
        for (JsonExpression disjunct : disjuncts) {
            List<JsonExpression> conjuncts = disjunct instanceof JsonExpression.And
                    ? ((JsonExpression.And) disjunct).operands() : List.of(disjunct);
            Map<String, String> bySelector = new TreeMap<>();
            for (JsonExpression conjunct : conjuncts) {
                if (!(conjunct instanceof JsonExpression.Comparison)) {
                    return false;
                }
                JsonExpression.Comparison comparison = (JsonExpression.Comparison) conjunct;
                if (comparison.operator() != Operator.EQ || !(comparison.value() instanceof Value.Text)) {
                    return false;
                }
                Value.Text value = (Value.Text) comparison.value();
                if (value.shape() != Value.Shape.EXACT || !value.core().equals(value.text())) {
                    return false;
                }
                bySelector.put(comparison.selector().text(), value.core());
            }
            found.add(bySelector);
        }
        return found.equals(intended);
    }
}
