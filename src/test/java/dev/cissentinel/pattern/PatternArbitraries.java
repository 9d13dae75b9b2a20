package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random JSON patterns and events over a small alphabet, for the property tests. Patterns stay inside the exact
 * fragment of {@link Patterns#covers}: concrete selectors (with nesting and array indexes), string (in)equality
 * with wildcards, numeric comparisons, keywords, {@code &&}, {@code ||}; string values are letters only, so they
 * never mix with numbers on a selector.
 */
final class PatternArbitraries {

    private static final String MISSING = "<missing>";

    private static final List<String> SELECTORS = List.of("$.a", "$.b", "$.n", "$.n.x", "$.n.y", "$.k", "$.k[0]",
            "$.k[1]");

    private static final List<String> STRINGS = List.of("x", "y", "xy", "yx", "\"x*\"", "\"*y\"", "\"*x*\"", "*",
            "\"\"", "\"x y\"", "\"xy*\"", "\"*yx\"");

    private static final List<String> NUMBERS = List.of("1", "5", "5.0", "10", "-2");

    private static final List<String> VALUES = List.of(MISSING, MISSING, "null", "true", "false", "\"x\"", "\"y\"",
            "\"xy\"", "\"yx\"", "\"xxy\"", "\"xyx\"", "\"\"", "\"x y\"", "\"5\"", "\"5.0\"", "1", "5", "5.0", "7", "10",
            "12", "-2", "{}", "[]");

    private PatternArbitraries() {
    }

    /** A JSON pattern text of nesting depth up to {@code depth}. */
    static Arbitrary<String> jsonPatterns(int depth) {
        return expressions(depth).map(body -> "{ " + body + " }");
    }

    private static Arbitrary<String> expressions(int depth) {
        if (depth == 0) {
            return conditions();
        }
        Arbitrary<List<String>> operands = expressions(depth - 1).list().ofMinSize(2).ofMaxSize(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, conditions()),
                net.jqwik.api.Tuple.of(2, operands.map(list -> "(" + String.join(" && ", list) + ")")),
                net.jqwik.api.Tuple.of(2, operands.map(list -> "(" + String.join(" || ", list) + ")")));
    }

    static Arbitrary<String> conditions() {
        Arbitrary<String> selector = Arbitraries.of(SELECTORS);
        Arbitrary<String> strings = Combinators.combine(selector, Arbitraries.of("=", "!="), Arbitraries.of(STRINGS))
                .as((s, op, v) -> s + " " + op + " " + v);
        Arbitrary<String> numbers = Combinators.combine(selector, Arbitraries.of("=", "!=", "<", "<=", ">", ">="),
                Arbitraries.of(NUMBERS)).as((s, op, v) -> s + " " + op + " " + v);
        Arbitrary<String> keywords = Combinators.combine(selector,
                Arbitraries.of("IS NULL", "IS TRUE", "IS FALSE", "NOT EXISTS")).as((s, k) -> s + " " + k);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, strings), net.jqwik.api.Tuple.of(2, numbers),
                net.jqwik.api.Tuple.of(2, keywords));
    }

    /** Random events over the same selectors: scalars, objects for {@code n}, arrays for {@code k}. */
    static Arbitrary<ObjectNode> events() {
        Arbitrary<String> value = Arbitraries.of(VALUES);
        Arbitrary<String> nested = Combinators.combine(value, value).as((x, y) -> object(List.of("x", "y"),
                List.of(x, y)));
        Arbitrary<String> array = Arbitraries.of(VALUES).filter(v -> !v.equals(MISSING)).list().ofMaxSize(3)
                .map(list -> list.stream().collect(Collectors.joining(",", "[", "]")));
        Arbitrary<String> n = Arbitraries.oneOf(value, nested, nested);
        Arbitrary<String> k = Arbitraries.oneOf(value, array, array);
        return Combinators.combine(value, value, n, k)
                .as((a, b, nv, kv) -> JsonEvents.parse(object(List.of("a", "b", "n", "k"), List.of(a, b, nv, kv)))
                        .orElseThrow());
    }

    private static String object(List<String> keys, List<String> values) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!values.get(i).equals(MISSING)) {
                members.add("\"" + keys.get(i) + "\":" + values.get(i));
            }
        }
        return members.stream().collect(Collectors.joining(",", "{", "}"));
    }
}
