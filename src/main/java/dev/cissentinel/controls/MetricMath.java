package dev.cissentinel.controls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * The part of CloudWatch's metric-math language that can be evaluated exactly at one period, from the values the
 * queries have in that period
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html): numbers, query ids,
 * {@code + - * / ^}, comparisons ({@code == != < <= > >=}, 1 or 0), {@code AND}/{@code &&}, {@code OR}/{@code ||},
 * {@code IF}, {@code FILL} with a number, {@code ABS}, {@code CEIL}, {@code FLOOR}, {@code LOG}, {@code LOG10}, and
 * {@code MAX}/{@code MIN}/{@code SUM}/{@code AVG} over an array {@code [a, b]} (point by point).
 *
 * <p>Everything else is {@link Value.Unknown} with the reason, never a guess: functions that look at other
 * periods or the whole series ({@code RATE}, {@code DIFF}, {@code RUNNING_SUM}, {@code FILL(m, REPEAT)},
 * {@code MAX(m1)} over one series), time functions, {@code SEARCH}, {@code METRICS()}, anomaly bands, unknown
 * functions, division by zero, and missing values mixed into an array. A missing value (no datapoint in the
 * period) stays missing through arithmetic, as metric math leaves a timestamp out when an operand has none there.
 * Expressions longer than 2048 characters or nested deeper than 64 are Unknown too, so no input can overflow.
 */
final class MetricMath {

    static final int MAX_LENGTH = 2048;
    static final int MAX_DEPTH = 64;

    private MetricMath() {
    }

    /** A query's value at one period. */
    sealed interface Value permits Value.Number, Value.Missing, Value.Unknown, Value.Array {
        /** A datapoint. */
        record Number(double value) implements Value {
        }

        /** No datapoint in this period. */
        record Missing() implements Value {
        }

        /** A value that cannot be computed exactly, and why. */
        record Unknown(String reason) implements Value {
            public Unknown {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** {@code [a, b, ...]}, only as the argument of an array function. */
        record Array(List<Value> items) implements Value {
            public Array {
                items = List.copyOf(items);
            }
        }
    }

    /** Parsed expression. */
    sealed interface Node permits Literal, Ref, Word, Text, Call, Unary, Binary, ArrayOf {
    }

    record Literal(double value) implements Node {
    }

    /** A query id such as {@code m1}. */
    record Ref(String id) implements Node {
    }

    /** An upper-case bare word that is not a call, such as {@code REPEAT}. */
    record Word(String word) implements Node {
    }

    /** A quoted string, as {@code SEARCH} takes. */
    record Text(String text) implements Node {
    }

    record Call(String function, List<Node> arguments) implements Node {
        Call {
            arguments = List.copyOf(arguments);
        }
    }

    record Unary(String operator, Node operand) implements Node {
    }

    record Binary(String operator, Node left, Node right) implements Node {
    }

    record ArrayOf(List<Node> items) implements Node {
        ArrayOf {
            items = List.copyOf(items);
        }
    }

    /** Thrown by {@link #parse} for a text that is not an expression we can read. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    /** Parses one expression. */
    static Node parse(String expression) throws SyntaxError {
        if (expression.length() > MAX_LENGTH) {
            throw new SyntaxError("the expression is longer than " + MAX_LENGTH + " characters");
        }
        Parser parser = new Parser(expression);
        Node node = parser.or(0);
        parser.skipBlanks();
        if (parser.at < expression.length()) {
            throw new SyntaxError("unexpected '" + expression.charAt(parser.at) + "' at column " + (parser.at + 1));
        }
        return node;
    }

    /** The functions {@link #evaluate} decides; any other may read metrics found at run time (SEARCH, METRICS). */
    static final Set<String> DECIDED = Set.of("ABS", "CEIL", "FLOOR", "LOG", "LOG10", "FILL", "IF", "MAX", "MIN",
            "SUM", "AVG");

    /** The first function an expression calls that {@link #evaluate} does not decide, or null. */
    static String undecidedFunction(Node node) {
        if (node instanceof Call) {
            Call call = (Call) node;
            if (!DECIDED.contains(call.function())) {
                return call.function();
            }
            for (Node argument : call.arguments()) {
                String inner = undecidedFunction(argument);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node instanceof Unary) {
            return undecidedFunction(((Unary) node).operand());
        } else if (node instanceof Binary) {
            String left = undecidedFunction(((Binary) node).left());
            return left != null ? left : undecidedFunction(((Binary) node).right());
        } else if (node instanceof ArrayOf) {
            for (Node item : ((ArrayOf) node).items()) {
                String inner = undecidedFunction(item);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The query ids an expression names. */
    static Set<String> references(Node node) {
        Set<String> ids = new HashSet<>();
        collect(node, ids);
        return ids;
    }

    private static void collect(Node node, Set<String> ids) {
        if (node instanceof Ref) {
            ids.add(((Ref) node).id());
        } else if (node instanceof Call) {
            ((Call) node).arguments().forEach(argument -> collect(argument, ids));
        } else if (node instanceof Unary) {
            collect(((Unary) node).operand(), ids);
        } else if (node instanceof Binary) {
            collect(((Binary) node).left(), ids);
            collect(((Binary) node).right(), ids);
        } else if (node instanceof ArrayOf) {
            ((ArrayOf) node).items().forEach(item -> collect(item, ids));
        }
    }

    /** The value of {@code node} at one period, with {@code queries} giving each id's value there. */
    static Value evaluate(Node node, Map<String, Value> queries) {
        if (node instanceof Literal) {
            return new Value.Number(((Literal) node).value());
        }
        if (node instanceof Ref) {
            Value value = queries.get(((Ref) node).id());
            return value != null ? value : new Value.Unknown("it names '" + ((Ref) node).id() + "', which is not "
                    + "one of the alarm's queries");
        }
        if (node instanceof Word) {
            return new Value.Unknown("it uses '" + ((Word) node).word() + "' as a value");
        }
        if (node instanceof Text) {
            return new Value.Unknown("it uses a string, as SEARCH does");
        }
        if (node instanceof ArrayOf) {
            List<Value> items = new ArrayList<>();
            for (Node item : ((ArrayOf) node).items()) {
                items.add(evaluate(item, queries));
            }
            return new Value.Array(items);
        }
        if (node instanceof Unary) {
            Value operand = evaluate(((Unary) node).operand(), queries);
            return numeric(operand, x -> -x);
        }
        if (node instanceof Binary) {
            Binary binary = (Binary) node;
            return binary(binary.operator(), evaluate(binary.left(), queries), evaluate(binary.right(), queries));
        }
        return call((Call) node, queries);
    }

    private static Value call(Call call, Map<String, Value> queries) {
        List<Node> arguments = call.arguments();
        switch (call.function()) {
            case "ABS":
                return unaryFunction(call, queries, Math::abs);
            case "CEIL":
                return unaryFunction(call, queries, Math::ceil);
            case "FLOOR":
                return unaryFunction(call, queries, Math::floor);
            case "LOG":
                return unaryFunction(call, queries, x -> x > 0 ? Math.log(x) : Double.NaN);
            case "LOG10":
                return unaryFunction(call, queries, x -> x > 0 ? Math.log10(x) : Double.NaN);
            case "FILL":
                return fill(call, queries);
            case "IF":
                return ifThen(call, queries);
            case "MAX":
            case "MIN":
            case "SUM":
            case "AVG":
                if (arguments.size() != 1 || !(arguments.get(0) instanceof ArrayOf)) {
                    return new Value.Unknown(call.function() + " of one series aggregates the whole time range into "
                            + "one number, which depends on periods other than the event's");
                }
                return aggregate(call.function(), (Value.Array) evaluate(arguments.get(0), queries));
            default:
                return new Value.Unknown("it uses " + call.function() + ", which cis-sentinel does not evaluate "
                        + "(it depends on other periods, on time, or on metrics found at run time)");
        }
    }

    private static Value unaryFunction(Call call, Map<String, Value> queries, DoubleUnaryOperator function) {
        if (call.arguments().size() != 1) {
            return new Value.Unknown(call.function() + " takes one argument");
        }
        return numeric(evaluate(call.arguments().get(0), queries), function);
    }

    private static Value numeric(Value operand, DoubleUnaryOperator function) {
        if (operand instanceof Value.Number) {
            double result = function.applyAsDouble(((Value.Number) operand).value());
            return Double.isFinite(result) ? new Value.Number(result)
                    : new Value.Unknown("a function is undefined on " + ((Value.Number) operand).value());
        }
        if (operand instanceof Value.Array) {
            return new Value.Unknown("it applies a function to an array");
        }
        return operand;
    }

    /** {@code FILL(x, number)}: a missing datapoint becomes the number; REPEAT and LINEAR look at other periods. */
    private static Value fill(Call call, Map<String, Value> queries) {
        if (call.arguments().size() != 2) {
            return new Value.Unknown("FILL takes two arguments");
        }
        Value series = evaluate(call.arguments().get(0), queries);
        if (!(series instanceof Value.Missing)) {
            return series instanceof Value.Array ? new Value.Unknown("it fills an array") : series;
        }
        Node with = call.arguments().get(1);
        if (with instanceof Word) {
            return new Value.Unknown("FILL(…, " + ((Word) with).word() + ") takes its value from other periods");
        }
        return evaluate(with, queries);
    }

    /** {@code IF(condition, then[, else])}: no else gives no datapoint when the condition is false. */
    private static Value ifThen(Call call, Map<String, Value> queries) {
        List<Node> arguments = call.arguments();
        if (arguments.size() != 2 && arguments.size() != 3) {
            return new Value.Unknown("IF takes two or three arguments");
        }
        Value condition = evaluate(arguments.get(0), queries);
        if (!(condition instanceof Value.Number)) {
            return condition instanceof Value.Array ? new Value.Unknown("IF on an array") : condition;
        }
        if (((Value.Number) condition).value() != 0) {
            return evaluate(arguments.get(1), queries);
        }
        return arguments.size() == 3 ? evaluate(arguments.get(2), queries) : new Value.Missing();
    }

    private static Value aggregate(String function, Value.Array array) {
        List<Double> numbers = new ArrayList<>();
        int missing = 0;
        for (Value item : array.items()) {
            if (item instanceof Value.Number) {
                numbers.add(((Value.Number) item).value());
            } else if (item instanceof Value.Missing) {
                missing++;
            } else {
                return item instanceof Value.Unknown ? item : new Value.Unknown("nested arrays");
            }
        }
        if (numbers.isEmpty()) {
            return new Value.Missing();
        }
        if (missing > 0) {
            return new Value.Unknown(function + " over an array in which some series have no datapoint");
        }
        double result;
        switch (function) {
            case "MAX":
                result = numbers.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                break;
            case "MIN":
                result = numbers.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                break;
            case "SUM":
                result = numbers.stream().mapToDouble(Double::doubleValue).sum();
                break;
            default:
                result = numbers.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
        return new Value.Number(result);
    }

    private static Value binary(String operator, Value left, Value right) {
        if (left instanceof Value.Array || right instanceof Value.Array) {
            return new Value.Unknown("it computes with an array outside an array function");
        }
        if (left instanceof Value.Unknown) {
            return left;
        }
        if (right instanceof Value.Unknown) {
            return right;
        }
        if (left instanceof Value.Missing || right instanceof Value.Missing) {
            return new Value.Missing();
        }
        double a = ((Value.Number) left).value();
        double b = ((Value.Number) right).value();
        double result;
        switch (operator) {
            case "+":
                result = a + b;
                break;
            case "-":
                result = a - b;
                break;
            case "*":
                result = a * b;
                break;
            case "/":
                if (b == 0) {
                    return new Value.Unknown("it divides by zero");
                }
                result = a / b;
                break;
            case "^":
                result = Math.pow(a, b);
                break;
            case "==":
                result = a == b ? 1 : 0;
                break;
            case "!=":
                result = a != b ? 1 : 0;
                break;
            case "<":
                result = a < b ? 1 : 0;
                break;
            case "<=":
                result = a <= b ? 1 : 0;
                break;
            case ">":
                result = a > b ? 1 : 0;
                break;
            case ">=":
                result = a >= b ? 1 : 0;
                break;
            case "AND":
                result = a != 0 && b != 0 ? 1 : 0;
                break;
            case "OR":
                result = a != 0 || b != 0 ? 1 : 0;
                break;
            default:
                throw new IllegalStateException(operator);
        }
        return Double.isFinite(result) ? new Value.Number(result) : new Value.Unknown("the result is not finite");
    }

    /**
     * Recursive descent, one method per precedence level, lowest first: {@code or := and (OR and)*},
     * {@code and := comparison (AND comparison)*}, {@code comparison := sum [op sum]},
     * {@code sum := product ((+|-) product)*}, {@code product := unary ((*|/) unary)*},
     * {@code unary := - unary | power}, {@code power := primary [^ unary]},
     * {@code primary := number | id | WORD | WORD ( args ) | "text" | ( or ) | [ args ]}.
     */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Node or(int depth) throws SyntaxError {
            Node left = and(depth);
            while (true) {
                if (symbol("||") || keyword("OR")) {
                    left = new Binary("OR", left, and(depth));
                } else {
                    return left;
                }
            }
        }

        private Node and(int depth) throws SyntaxError {
            Node left = comparison(depth);
            while (true) {
                if (symbol("&&") || keyword("AND")) {
                    left = new Binary("AND", left, comparison(depth));
                } else {
                    return left;
                }
            }
        }

        private Node comparison(int depth) throws SyntaxError {
            Node left = sum(depth);
            for (String operator : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (symbol(operator)) {
                    return new Binary(operator, left, sum(depth));
                }
            }
            return left;
        }

        private Node sum(int depth) throws SyntaxError {
            Node left = product(depth);
            while (true) {
                if (symbol("+")) {
                    left = new Binary("+", left, product(depth));
                } else if (symbol("-")) {
                    left = new Binary("-", left, product(depth));
                } else {
                    return left;
                }
            }
        }

        private Node product(int depth) throws SyntaxError {
            Node left = unary(depth);
            while (true) {
                if (symbol("*")) {
                    left = new Binary("*", left, unary(depth));
                } else if (symbol("/")) {
                    left = new Binary("/", left, unary(depth));
                } else {
                    return left;
                }
            }
        }

        private Node unary(int depth) throws SyntaxError {
            if (depth > MAX_DEPTH) {
                throw new SyntaxError("the expression nests deeper than " + MAX_DEPTH);
            }
            if (symbol("-")) {
                return new Unary("-", unary(depth + 1));
            }
            Node base = primary(depth + 1);
            if (symbol("^")) {
                return new Binary("^", base, unary(depth + 1));
            }
            return base;
        }

        private Node primary(int depth) throws SyntaxError {
            skipBlanks();
            if (at >= text.length()) {
                throw new SyntaxError("the expression ends where a value was expected");
            }
            char c = text.charAt(at);
            if (c == '(') {
                at++;
                Node inner = or(depth + 1);
                expect(")");
                return inner;
            }
            if (c == '[') {
                at++;
                return new ArrayOf(arguments(depth, "]"));
            }
            if (c == '"' || c == '\'') {
                int end = text.indexOf(c, at + 1);
                if (end < 0) {
                    throw new SyntaxError("an unclosed string at column " + (at + 1));
                }
                String content = text.substring(at + 1, end);
                at = end + 1;
                return new Text(content);
            }
            if (Character.isDigit(c) || c == '.') {
                return new Literal(number());
            }
            if (Character.isLetter(c) || c == '_') {
                int start = at;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                String name = text.substring(start, at);
                if (symbol("(")) {
                    return new Call(name.toUpperCase(Locale.ROOT), arguments(depth, ")"));
                }
                // Query ids start with a lower-case letter; functions and keywords are upper case.
                return Character.isLowerCase(name.charAt(0)) ? new Ref(name) : new Word(name);
            }
            throw new SyntaxError("unexpected '" + c + "' at column " + (at + 1));
        }

        private List<Node> arguments(int depth, String close) throws SyntaxError {
            List<Node> items = new ArrayList<>();
            if (symbol(close)) {
                return items;
            }
            do {
                items.add(or(depth + 1));
            } while (symbol(","));
            expect(close);
            return items;
        }

        private double number() throws SyntaxError {
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                at++;
                if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                    at++;
                }
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
            }
            try {
                return Double.parseDouble(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw new SyntaxError("'" + text.substring(start, at) + "' is not a number");
            }
        }

        private void expect(String token) throws SyntaxError {
            if (!symbol(token)) {
                throw new SyntaxError("expected '" + token + "' at column " + (Math.min(at, text.length()) + 1));
            }
        }

        private boolean symbol(String token) {
            skipBlanks();
            if (text.startsWith(token, at)) {
                at += token.length();
                return true;
            }
            return false;
        }

        private boolean keyword(String word) {
            skipBlanks();
            int end = at + word.length();
            if (text.regionMatches(true, at, word, 0, word.length())
                    && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                at = end;
                return true;
            }
            return false;
        }

        void skipBlanks() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
