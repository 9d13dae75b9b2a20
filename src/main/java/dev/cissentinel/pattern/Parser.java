package dev.cissentinel.pattern;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Recursive-descent parser for the three filter-pattern syntaxes, one method per rule of this grammar
 * ({@code docs/filter-patterns.md} §2 and §5):
 *
 * <pre>
 * pattern      = jsonPattern | delimited | termPattern | blank ;
 * jsonPattern  = ws "{" ws orExpr ws "}" ws ;
 * orExpr       = andExpr { ws "||" ws andExpr } ;                 (* lowest precedence *)
 * andExpr      = primary { ws "&amp;&amp;" ws primary } ;                 (* binds tighter than || *)
 * primary      = "(" ws orExpr ws ")" | condition ;               (* at most MAX_DEPTH nested "(" *)
 * condition    = selector ws ( compareOp ws value
 *                            | "IS" ws1 ( "NULL" | "TRUE" | "FALSE" )
 *                            | "NOT" ws1 "EXISTS" ) ;               (* keywords in any letter case *)
 * selector     = "$" segment { segment } ;                        (* first segment starts with "." *)
 * segment      = "." name | "." "*" | "[" digits "]" | "[" "*" "]" | ".[" "'" keyText "'" "]" ;
 * name         = ( letter | digit | "-" | "_" ) { letter | digit | "-" | "_" } ;
 * compareOp    = "=" | "!=" | "&lt;=" | "&gt;=" | "&lt;" | "&gt;" ;              (* relational ones need a number *)
 * value        = quoted | regex | number | bare ;
 * quoted       = '"' { char-but-quote-or-backslash | "\" any } '"' ;
 * regex        = "%" regexBody "%" ;                              (* see SafeRegex *)
 * number       = [ "+" | "-" ] digits [ "." digits ] [ ( "e" | "E" ) [ "+" | "-" ] digits ] ;
 * bare         = bareStart { bareChar } ;   (* not blank, not ( ) { } " &amp; | %; bareStart also not = ! &lt; &gt; *)
 *
 * delimited    = ws "[" ws field { ws "," ws field } ws "]" ws ;
 * field        = "..." | fieldName [ ws fieldCond ] ;
 * fieldCond    = compareOp ws fieldValue { ws ( "&amp;&amp;" | "||" ) ws fieldName ws compareOp ws fieldValue } ;
 *                                                                 (* every fieldName of a slot is the slot's own *)
 * fieldValue   = quoted | regex | number | bare ;                 (* bare also stops at , [ ] *)
 *
 * termPattern  = ws term { ws1 term } ws ;
 * term         = [ "-" | "?" ] ( quoted | regex | word ) ;       (* word: 1+ non-blank characters but " *)
 * ws           = { " " | "\t" | "\n" | "\r" } ;   ws1 = one or more of those ;
 * </pre>
 *
 * <p>No rule recurses except {@code primary}, and that is bounded by {@link FilterPattern#MAX_DEPTH}; the input is
 * bounded by {@link FilterPattern#MAX_LENGTH}; so no input can overflow the stack.
 */
final class Parser {

    private static final String OPERATORS = "a comparison operator (=, !=, <, <=, >, >=), IS or NOT EXISTS";

    private final String text;
    private int pos;
    private int depth;

    private Parser(String text) {
        this.text = text;
    }

    static FilterPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        Parser parser = new Parser(text);
        if (text.length() > FilterPattern.MAX_LENGTH) {
            throw parser.error(FilterPattern.MAX_LENGTH + 1,
                    "at most " + FilterPattern.MAX_LENGTH + " characters (CloudWatch Logs' limit)",
                    text.length() + " characters");
        }
        return parser.pattern();
    }

    /** {@code pattern = jsonPattern | delimited | termPattern | blank}, by the first non-blank character. */
    private FilterPattern pattern() {
        skipWs();
        if (atEnd()) {
            return new AllEventsPattern(text);
        }
        switch (peek()) {
            case '{':
                return jsonPattern();
            case '[':
                return delimited();
            default:
                return termPattern();
        }
    }

    // ---------------------------------------------------------------- JSON patterns

    /** {@code jsonPattern = ws "{" ws orExpr ws "}" ws}. */
    private JsonPattern jsonPattern() {
        expect('{', "\"{\"");
        skipWs();
        JsonExpression expression = orExpr();
        skipWs();
        expect('}', "\"&&\", \"||\" or \"}\"");
        skipWs();
        if (!atEnd()) {
            throw error(pos + 1, "the end of the pattern after \"}\"", found());
        }
        return new JsonPattern(text, expression);
    }

    /** {@code orExpr = andExpr { ws "||" ws andExpr }}, flattened. */
    private JsonExpression orExpr() {
        List<JsonExpression> operands = new ArrayList<>();
        addFlattened(andExpr(), operands, true);
        while (matchAfterWs("||")) {
            skipWs();
            addFlattened(andExpr(), operands, true);
        }
        return operands.size() == 1 ? operands.get(0) : new JsonExpression.Or(operands);
    }

    /** {@code andExpr = primary { ws "&&" ws primary }}, flattened. */
    private JsonExpression andExpr() {
        List<JsonExpression> operands = new ArrayList<>();
        addFlattened(primary(), operands, false);
        while (matchAfterWs("&&")) {
            skipWs();
            addFlattened(primary(), operands, false);
        }
        return operands.size() == 1 ? operands.get(0) : new JsonExpression.And(operands);
    }

    private static void addFlattened(JsonExpression operand, List<JsonExpression> into, boolean or) {
        if (or && operand instanceof JsonExpression.Or) {
            into.addAll(((JsonExpression.Or) operand).operands());
        } else if (!or && operand instanceof JsonExpression.And) {
            into.addAll(((JsonExpression.And) operand).operands());
        } else {
            into.add(operand);
        }
    }

    /** {@code primary = "(" ws orExpr ws ")" | condition}. */
    private JsonExpression primary() {
        if (!at('(')) {
            return condition();
        }
        if (depth == FilterPattern.MAX_DEPTH) {
            throw error(pos + 1, "at most " + FilterPattern.MAX_DEPTH + " nested parentheses", "another \"(\"");
        }
        depth++;
        pos++;
        skipWs();
        JsonExpression inner = orExpr();
        skipWs();
        expect(')', "\"&&\", \"||\" or \")\"");
        depth--;
        return inner;
    }

    /** {@code condition = selector ws ( compareOp ws value | "IS" ws1 (NULL|TRUE|FALSE) | "NOT" ws1 "EXISTS" )}. */
    private JsonExpression condition() {
        if (!at('$')) {
            throw error(pos + 1, "a condition starting with a selector ($.field) or \"(\"", found());
        }
        Selector selector = selector();
        int beforeBlank = pos;
        skipWs();
        if (!atEnd() && isLetter(peek())) {
            if (pos == beforeBlank) {
                throw error(pos + 1, OPERATORS, found());
            }
            return keywordCheck(selector);
        }
        Operator operator = compareOp();
        if (operator == null) {
            throw error(pos + 1, OPERATORS, found());
        }
        skipWs();
        Value value = value(operator, false);
        return new JsonExpression.Comparison(selector, operator, value);
    }

    /** The keyword half of {@code condition}. */
    private JsonExpression keywordCheck(Selector selector) {
        int start = pos;
        String first = word();
        if (first.equals("IS")) {
            requireBlank("a blank and NULL, TRUE or FALSE after IS");
            int second = pos;
            Keyword keyword = switch (word()) {
                case "NULL" -> Keyword.IS_NULL;
                case "TRUE" -> Keyword.IS_TRUE;
                case "FALSE" -> Keyword.IS_FALSE;
                default -> throw error(second + 1, "NULL, TRUE or FALSE after IS (AWS has no IS NOT)", found(second));
            };
            return new JsonExpression.KeywordCheck(selector, keyword);
        }
        if (first.equals("NOT")) {
            requireBlank("a blank and EXISTS after NOT");
            int second = pos;
            if (!word().equals("EXISTS")) {
                throw error(second + 1, "EXISTS after NOT", found(second));
            }
            return new JsonExpression.KeywordCheck(selector, Keyword.NOT_EXISTS);
        }
        throw error(start + 1, OPERATORS, found(start));
    }

    /** Reads a run of letters, upper-cased: keywords are matched in any letter case. */
    private String word() {
        int start = pos;
        while (!atEnd() && isLetter(peek())) {
            pos++;
        }
        return text.substring(start, pos).toUpperCase(Locale.ROOT);
    }

    private void requireBlank(String expected) {
        if (atEnd() || !isWs(peek())) {
            throw error(pos + 1, expected, found());
        }
        skipWs();
    }

    /** {@code selector = "$" segment { segment }}. */
    private Selector selector() {
        int start = pos;
        pos++; // the "$"
        List<Selector.Segment> segments = new ArrayList<>();
        int wildcardAt = -1;
        while (!atEnd() && (peek() == '.' || peek() == '[')) {
            int segmentStart = pos;
            if (segments.isEmpty() && peek() == '[') {
                throw error(pos + 1, "\".\" and a property name after $ (an array index must follow a property)",
                        found());
            }
            Selector.Segment segment = segment();
            if (segment.wildcard()) {
                if (wildcardAt >= 0) {
                    throw error(segmentStart + 1, "at most one wildcard (.* or [*]) per selector",
                            "a second wildcard");
                }
                wildcardAt = segmentStart;
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            throw error(pos + 1, "\".\" and a property name after $", found());
        }
        return new Selector(text.substring(start, pos), segments);
    }

    /** {@code segment = "." name | "." "*" | "[" digits "]" | "[" "*" "]" | ".[" "'" keyText "'" "]"}. */
    private Selector.Segment segment() {
        if (peek() == '[') {
            pos++;
            if (match('*')) {
                expect(']', "\"]\"");
                return new Selector.AnyElement();
            }
            int start = pos;
            while (!atEnd() && isDigit(peek())) {
                pos++;
            }
            if (pos == start || pos - start > 9) {
                throw error(start + 1, "an array index (up to 9 digits) or *", found());
            }
            int index = Integer.parseInt(text.substring(start, pos));
            expect(']', "\"]\"");
            return new Selector.Index(index);
        }
        pos++; // the "."
        if (match('*')) {
            return new Selector.AnyField();
        }
        if (match('[')) {
            expect('\'', "\"'\" (a key in brackets is written .['key'])");
            int start = pos;
            while (!atEnd() && peek() != '\'') {
                pos++;
            }
            if (atEnd()) {
                throw error(pos + 1, "\"'\" to close the bracketed key", found());
            }
            String key = text.substring(start, pos);
            pos++;
            expect(']', "\"]\"");
            return new Selector.Field(key);
        }
        int start = pos;
        while (!atEnd() && isNameChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw error(pos + 1, "a property name (letters, digits, - and _), * or ['key'] after \".\"", found());
        }
        return new Selector.Field(text.substring(start, pos));
    }

    /** {@code compareOp = "=" | "!=" | "<=" | ">=" | "<" | ">"}; {@code null} when none is here. */
    private Operator compareOp() {
        if (atEnd()) {
            return null;
        }
        String[] symbols = {"!=", "<=", ">=", "=", "<", ">"};
        Operator[] operators = {Operator.NE, Operator.LE, Operator.GE, Operator.EQ, Operator.LT, Operator.GT};
        for (int i = 0; i < symbols.length; i++) {
            if (match(symbols[i])) {
                return operators[i];
            }
        }
        return null;
    }

    /** {@code value = quoted | regex | number | bare} (and {@code fieldValue} when {@code delimited}). */
    private Value value(Operator operator, boolean delimited) {
        int start = pos;
        Value value;
        if (atEnd()) {
            throw error(pos + 1, "a value after " + operator.symbol(), found());
        } else if (peek() == '"') {
            value = Value.Text.of(quoted(), true);
        } else if (peek() == '%') {
            value = regex();
        } else {
            value = bare(delimited);
        }
        if (operator.relational() && !(value instanceof Value.Numeric)) {
            throw error(start + 1, "a number after " + operator.symbol() + " (AWS compares only numbers with it)",
                    found(start));
        }
        return value;
    }

    /** {@code quoted = '"' { char-but-quote-or-backslash | "\" any } '"'}; returns the unescaped content. */
    private String quoted() {
        pos++; // the opening quote
        StringBuilder content = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return content.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            content.append(c);
        }
        throw error(text.length() + 1, "\" to close the quoted string", "the end of the pattern");
    }

    /** {@code regex = "%" regexBody "%"}. */
    private Value.Regex regex() {
        int open = pos;
        pos++;
        int bodyStart = pos;
        while (!atEnd() && peek() != '%') {
            if (peek() == '\\') {
                pos++;
            }
            pos++;
        }
        if (pos > text.length() || atEnd()) {
            pos = text.length();
            throw error(text.length() + 1, "% to close the regex opened at column " + (open + 1),
                    "the end of the pattern");
        }
        String body = text.substring(bodyStart, pos);
        pos++;
        try {
            return new Value.Regex(body, SafeRegex.compile(body));
        } catch (RegexParser.RegexSyntaxException e) {
            throw error(bodyStart + e.index() + 1, e.expected(), e.found());
        }
    }

    /** {@code bare}: a numeric literal becomes a {@link Value.Numeric}, anything else a {@link Value.Text}. */
    private Value bare(boolean delimited) {
        int start = pos;
        if ("=!<>".indexOf(peek()) >= 0) {
            throw error(pos + 1, "a value (\"==\" is not an operator; write \"=\")", found());
        }
        while (!atEnd() && isBareChar(peek(), delimited)) {
            pos++;
        }
        if (pos == start) {
            throw error(pos + 1, "a value", found());
        }
        String word = text.substring(start, pos);
        if (Numbers.isLiteral(word)) {
            BigDecimal number = Numbers.parse(word);
            if (number == null) {
                throw error(start + 1, "a number of reasonable size", "\"" + PatternText.clip(word, 24) + "\"");
            }
            return new Value.Numeric(word, number);
        }
        return Value.Text.of(word, false);
    }

    // ---------------------------------------------------------------- space-delimited patterns

    /** {@code delimited = ws "[" ws field { ws "," ws field } ws "]" ws}. */
    private DelimitedPattern delimited() {
        pos++; // the "["
        List<DelimitedPattern.Field> fields = new ArrayList<>();
        skipWs();
        fields.add(field());
        while (matchAfterWs(",")) {
            skipWs();
            fields.add(field());
        }
        skipWs();
        expect(']', "\",\" or \"]\"");
        skipWs();
        if (!atEnd()) {
            throw error(pos + 1, "the end of the pattern after \"]\"", found());
        }
        return new DelimitedPattern(text, fields);
    }

    /** {@code field = "..." | fieldName [ ws fieldCond ]}. */
    private DelimitedPattern.Field field() {
        if (match("...")) {
            return new DelimitedPattern.Ellipsis();
        }
        String name = fieldName();
        if (endOfFieldAhead()) {
            return new DelimitedPattern.Named(name, new DelimitedPattern.Always());
        }
        skipWs();
        return new DelimitedPattern.Named(name, fieldCond(name));
    }

    private String fieldName() {
        int start = pos;
        while (!atEnd() && isNameChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw error(pos + 1, "a field name or ...", found());
        }
        return text.substring(start, pos);
    }

    /** {@code fieldCond = compareOp ws fieldValue { ws ("&&" | "||") ws fieldName ws compareOp ws fieldValue }}. */
    private DelimitedPattern.FieldCondition fieldCond(String name) {
        List<DelimitedPattern.FieldCondition> alternatives = new ArrayList<>();
        List<DelimitedPattern.FieldCondition> conjunction = new ArrayList<>();
        conjunction.add(fieldTest());
        while (true) {
            boolean and = matchAfterWs("&&");
            if (!and && !matchAfterWs("||")) {
                break;
            }
            skipWs();
            int nameAt = pos;
            String other = fieldName();
            if (!other.equals(name)) {
                throw error(nameAt + 1, "\"" + PatternText.clip(name, 24)
                        + "\" (conditions in one slot must all be about that field)",
                        "\"" + PatternText.clip(other, 24) + "\"");
            }
            skipWs();
            if (!and) {
                alternatives.add(conjunction.size() == 1 ? conjunction.get(0)
                        : new DelimitedPattern.AllOf(conjunction));
                conjunction = new ArrayList<>();
            }
            conjunction.add(fieldTest());
        }
        alternatives.add(conjunction.size() == 1 ? conjunction.get(0) : new DelimitedPattern.AllOf(conjunction));
        return alternatives.size() == 1 ? alternatives.get(0) : new DelimitedPattern.AnyOf(alternatives);
    }

    private DelimitedPattern.Test fieldTest() {
        Operator operator = compareOp();
        if (operator == null) {
            throw error(pos + 1, "a comparison operator (=, !=, <, <=, >, >=)", found());
        }
        skipWs();
        return new DelimitedPattern.Test(operator, value(operator, true));
    }

    // ---------------------------------------------------------------- term patterns

    /** {@code termPattern = ws term { ws1 term } ws}. */
    private TermPattern termPattern() {
        List<TermPattern.Term> terms = new ArrayList<>();
        while (true) {
            skipWs();
            if (atEnd()) {
                break;
            }
            terms.add(term());
            if (!atEnd() && !isWs(peek())) {
                throw error(pos + 1, "a blank between terms", found());
            }
        }
        return new TermPattern(text, terms);
    }

    /** {@code term = [ "-" | "?" ] ( quoted | regex | word )}. */
    private TermPattern.Term term() {
        TermPattern.Role role = TermPattern.Role.REQUIRED;
        if (peek() == '-' || peek() == '?') {
            role = peek() == '-' ? TermPattern.Role.EXCLUDED : TermPattern.Role.OPTIONAL;
            pos++;
            if (atEnd() || isWs(peek())) {
                throw error(pos + 1, "a term right after \"" + text.charAt(pos - 1) + "\"", found());
            }
        }
        if (peek() == '"') {
            return new TermPattern.Term(role, Value.Text.of(quoted(), true).withoutWildcards());
        }
        if (peek() == '%') {
            return new TermPattern.Term(role, regex());
        }
        int start = pos;
        while (!atEnd() && !isWs(peek()) && peek() != '"') {
            pos++;
        }
        return new TermPattern.Term(role, Value.Text.of(text.substring(start, pos), false).withoutWildcards());
    }

    // ---------------------------------------------------------------- characters

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private void skipWs() {
        pos = afterWs(pos);
    }

    /** Whether {@code c} is next. */
    private boolean at(char c) {
        return !atEnd() && peek() == c;
    }

    /** Consumes {@code c} if it is next. */
    private boolean match(char c) {
        if (!at(c)) {
            return false;
        }
        pos++;
        return true;
    }

    /** Consumes {@code token} if it is next. */
    private boolean match(String token) {
        if (!text.startsWith(token, pos)) {
            return false;
        }
        pos += token.length();
        return true;
    }

    /** Consumes blanks and {@code token} if the token comes after them; otherwise consumes nothing. */
    private boolean matchAfterWs(String token) {
        int after = afterWs(pos);
        if (!text.startsWith(token, after)) {
            return false;
        }
        pos = after + token.length();
        return true;
    }

    /** Whether, after blanks, the pattern ends or a field's {@code ,} or {@code ]} comes; consumes nothing. */
    private boolean endOfFieldAhead() {
        int after = afterWs(pos);
        return after >= text.length() || text.charAt(after) == ',' || text.charAt(after) == ']';
    }

    /** The position of the first non-blank at or after {@code from}. */
    private int afterWs(int from) {
        int at = from;
        while (at < text.length() && isWs(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Consumes {@code c}, or fails saying what was {@code expected} there. */
    private void expect(char c, String expected) {
        if (!match(c)) {
            throw error(pos + 1, expected, found());
        }
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    private static boolean isBareChar(char c, boolean delimited) {
        if (isWs(c) || "(){}\"&|%".indexOf(c) >= 0) {
            return false;
        }
        return !delimited || ",[]".indexOf(c) < 0;
    }

    private String found() {
        return found(pos);
    }

    /** Names what stands at {@code at}, for messages: the next word in quotes, or the end. */
    private String found(int at) {
        if (at >= text.length()) {
            return "the end of the pattern";
        }
        if (isWs(text.charAt(at))) {
            return "a blank";
        }
        int end = at;
        while (end < text.length() && end - at < 20 && !isWs(text.charAt(end))
                && (end == at || "(){}".indexOf(text.charAt(end)) < 0)) {
            end++;
        }
        return "\"" + text.substring(at, end) + "\"";
    }

    private PatternSyntaxException error(int column, String expected, String found) {
        return new PatternSyntaxException(text, column, expected, found);
    }
}
