package dev.cissentinel.pattern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CloudWatch Logs' regex subset ({@code filter-patterns.md} §4), compiled to a bit-parallel position automaton
 * ({@link BitAutomaton}) for {@link #find} and to a Thompson NFA for {@link #example}: {@link #find} costs at most
 * O(text length x positions / 64) word operations whatever the regex and the input, so no input can make it
 * backtrack catastrophically (java.util.regex would, on {@code %a*a*a*a*a*b%}) or crawl (a 20,000-state NFA set
 * simulation takes about a minute on a 1 MB message; this takes about a second).
 *
 * <pre>
 * regex       = alternative { "|" alternative } ;
 * alternative = { piece } ;
 * piece       = atom [ quantifier ] | "^" | "$" ;
 * quantifier  = "?" | "*" | "+" | "{" [ int ] [ "," [ int ] ] "}" ;     (* ints up to 1000 *)
 * atom        = "." | class | escape | literal ;
 * class       = "[" [ "^" ] classItem { classItem } "]" ;  classItem = classChar [ "-" classChar ] | "\" classEscape ;
 * escape      = "\" ( "d" | "D" | "s" | "S" | "w" | "W" | "x" hex hex | operator or symbol ) ;
 * literal     = ASCII letter | digit | one of : _ # = @ / ; , - and blank ;
 * </pre>
 *
 * <p>No groups: {@code (} and {@code )} are not in AWS's subset. {@code .} matches any character but a line break.
 * A blank is accepted as a literal although AWS's list omits it, because AWS's own example {@code %^shutting down%}
 * uses one.
 */
final class SafeRegex {

    /** Bound on counted repetition, and on the automaton's size, so that compiling stays small. */
    private static final int MAX_COUNT = 1000;
    private static final int MAX_STATES = 20_000;

    private static final String LITERAL_SYMBOLS = ":_#=@/;,- ";
    private static final String OPERATORS = "^$?[]{}|\\*+.";

    static final byte CHAR = 0;
    private static final byte SPLIT = 1;
    static final byte BOL = 2;
    static final byte EOL = 3;
    private static final byte MATCH = 4;

    private final String source;
    private final byte[] op;
    private final int[] out1;
    private final int[] out2;
    private final CharSet[] sets;
    private final int start;
    /** What {@link #find} runs; the Thompson automaton above serves {@link #example}. */
    private final BitAutomaton automaton;

    private SafeRegex(String source, Builder builder, int start, BitAutomaton automaton) {
        this.source = source;
        this.automaton = automaton;
        int n = builder.op.size();
        this.op = new byte[n];
        this.out1 = new int[n];
        this.out2 = new int[n];
        this.sets = new CharSet[n];
        for (int i = 0; i < n; i++) {
            op[i] = builder.op.get(i);
            out1[i] = builder.out1.get(i);
            out2[i] = builder.out2.get(i);
            sets[i] = builder.sets.get(i);
        }
        this.start = start;
    }

    /** Compiles the text between the percent signs. */
    static SafeRegex compile(String source) {
        RegexParser parser = new RegexParser(source);
        List<List<Piece>> alternatives = parser.parse();
        Builder builder = new Builder();
        int match = builder.add(MATCH, -1, -1, null);
        int entry = -1;
        for (int a = alternatives.size() - 1; a >= 0; a--) {
            int next = match;
            List<Piece> pieces = alternatives.get(a);
            for (int p = pieces.size() - 1; p >= 0; p--) {
                next = builder.piece(pieces.get(p), next, source);
            }
            entry = entry < 0 ? next : builder.add(SPLIT, next, entry, null);
        }
        return new SafeRegex(source, builder, entry, BitAutomaton.of(alternatives));
    }

    /** The regex as written between the percent signs. */
    String source() {
        return source;
    }

    /**
     * Whether the regex matches somewhere in {@code text} (an unanchored search, as AWS does): bit-parallel, at most
     * O(text length x {@link #width()}) word operations.
     */
    boolean find(String text) {
        return automaton.find(text);
    }

    /** The cost of one character for {@link #find}, in 64-bit words (1 for any regex of up to 63 positions). */
    int width() {
        return automaton.width();
    }

    /**
     * A shortest text that the regex matches as a whole (so {@link #find} is true on it), built from readable
     * characters; {@code null} when the regex matches nothing (e.g. {@code a^b}). Used as a witness by covers.
     */
    String example() {
        int states = op.length;
        // Node = state * 4 + flags (bit 0: something consumed, bit 1: past a "$"); 0-1 BFS on consumed chars.
        int nodes = states * 4;
        int[] distance = new int[nodes];
        int[] parent = new int[nodes];
        char[] via = new char[nodes];
        Arrays.fill(distance, Integer.MAX_VALUE);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int first = start * 4;
        distance[first] = 0;
        parent[first] = -1;
        queue.add(first);
        while (!queue.isEmpty()) {
            int node = queue.pollFirst();
            int s = node / 4;
            int flags = node % 4;
            boolean consumed = (flags & 1) != 0;
            boolean ended = (flags & 2) != 0;
            switch (op[s]) {
                case MATCH:
                    StringBuilder text = new StringBuilder();
                    for (int at = node; parent[at] >= 0; at = parent[at]) {
                        if (via[at] != 0) {
                            text.append(via[at]);
                        }
                    }
                    return text.reverse().toString();
                case SPLIT:
                    relax(node, out1[s] * 4 + flags, distance[node], (char) 0, distance, parent, via, queue);
                    relax(node, out2[s] * 4 + flags, distance[node], (char) 0, distance, parent, via, queue);
                    break;
                case BOL:
                    if (!consumed) {
                        relax(node, out1[s] * 4 + flags, distance[node], (char) 0, distance, parent, via, queue);
                    }
                    break;
                case EOL:
                    relax(node, out1[s] * 4 + (flags | 2), distance[node], (char) 0, distance, parent, via, queue);
                    break;
                case CHAR:
                    char c = sets[s].sample();
                    if (!ended && c != 0) {
                        relax(node, out1[s] * 4 + (flags | 1), distance[node] + 1, c, distance, parent, via, queue);
                    }
                    break;
                default:
                    throw new IllegalStateException("state " + op[s]);
            }
        }
        return null;
    }

    private static void relax(int from, int to, int cost, char c, int[] distance, int[] parent, char[] via,
            ArrayDeque<Integer> queue) {
        if (cost >= distance[to]) {
            return;
        }
        distance[to] = cost;
        parent[to] = from;
        via[to] = c;
        if (c == 0) {
            queue.addFirst(to);
        } else {
            queue.addLast(to);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SafeRegex && ((SafeRegex) other).source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return "%" + source + "%";
    }

    /** A regex outside AWS's subset: where (0-based, in the regex) and what was expected. */
    static final class RegexSyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final String expected;
        private final String found;

        RegexSyntaxException(int index, String expected, String found) {
            super(expected + " at " + index + ", found " + found);
            this.index = index;
            this.expected = expected;
            this.found = found;
        }

        int index() {
            return index;
        }

        String expected() {
            return expected;
        }

        String found() {
            return found;
        }
    }

    /** The characters one position may hold: a table for ASCII, one flag for everything else. */
    static final class CharSet {
        private final boolean[] ascii = new boolean[128];
        private boolean other;

        boolean contains(char c) {
            return c < 128 ? ascii[c] : other;
        }

        /** Whether the set holds the characters beyond ASCII (all of them or none). */
        boolean containsOther() {
            return other;
        }

        char sample() {
            String preferred = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-:/@#=;,";
            for (int i = 0; i < preferred.length(); i++) {
                if (ascii[preferred.charAt(i)]) {
                    return preferred.charAt(i);
                }
            }
            for (char c = 1; c < 128; c++) {
                if (ascii[c]) {
                    return c;
                }
            }
            return other ? '\u00e9' : 0;
        }

        static CharSet of(char c) {
            CharSet set = new CharSet();
            set.ascii[c] = true;
            return set;
        }

        static CharSet any() {
            CharSet set = new CharSet();
            Arrays.fill(set.ascii, true);
            set.ascii['\n'] = false;
            set.ascii['\r'] = false;
            set.other = true;
            return set;
        }

        void addAll(CharSet set) {
            for (int i = 0; i < 128; i++) {
                ascii[i] |= set.ascii[i];
            }
            other |= set.other;
        }

        CharSet negate() {
            CharSet set = new CharSet();
            for (int i = 0; i < 128; i++) {
                set.ascii[i] = !ascii[i];
            }
            set.other = !other;
            return set;
        }
    }

    /** One element of an alternative: a character set repeated {@code min..max} times, or an anchor. */
    static final class Piece {
        final CharSet set;
        final byte anchor;
        final int min;
        final int max;

        Piece(CharSet set, byte anchor, int min, int max) {
            this.set = set;
            this.anchor = anchor;
            this.min = min;
            this.max = max;
        }
    }

    /** Grows the automaton backwards: each method returns the entry state of a fragment that continues at next. */
    private static final class Builder {
        final List<Byte> op = new ArrayList<>();
        final List<Integer> out1 = new ArrayList<>();
        final List<Integer> out2 = new ArrayList<>();
        final List<CharSet> sets = new ArrayList<>();

        int add(byte kind, int first, int second, CharSet set) {
            if (op.size() == MAX_STATES) {
                throw new RegexSyntaxException(0, "a smaller regex (at most " + MAX_STATES + " automaton states)",
                        "a larger one");
            }
            op.add(kind);
            out1.add(first);
            out2.add(second);
            sets.add(set);
            return op.size() - 1;
        }

        int piece(Piece piece, int next, String source) {
            if (piece.anchor != CHAR) {
                return add(piece.anchor, next, -1, null);
            }
            int entry = next;
            if (piece.max < 0) {
                int loop = add(SPLIT, -1, next, null);
                out1.set(loop, add(CHAR, loop, -1, piece.set));
                entry = loop;
            } else {
                for (int i = piece.min; i < piece.max; i++) {
                    entry = add(SPLIT, add(CHAR, entry, -1, piece.set), next, null);
                }
            }
            for (int i = 0; i < piece.min; i++) {
                entry = add(CHAR, entry, -1, piece.set);
            }
            return entry;
        }
    }

    /** Parses the regex grammar above into alternatives of pieces. */
    private static final class RegexParser {
        private final String source;
        private int pos;

        RegexParser(String source) {
            this.source = source;
        }

        List<List<Piece>> parse() {
            List<List<Piece>> alternatives = new ArrayList<>();
            List<Piece> pieces = new ArrayList<>();
            while (pos < source.length()) {
                char c = source.charAt(pos);
                if (c == '|') {
                    pos++;
                    alternatives.add(pieces);
                    pieces = new ArrayList<>();
                } else if (c == '^' || c == '$') {
                    pos++;
                    pieces.add(new Piece(null, c == '^' ? BOL : EOL, 1, 1));
                    if (pos < source.length() && "?*+{".indexOf(source.charAt(pos)) >= 0) {
                        throw error("nothing to repeat after an anchor");
                    }
                } else {
                    CharSet set = atom();
                    int[] bounds = quantifier();
                    pieces.add(new Piece(set, CHAR, bounds[0], bounds[1]));
                }
            }
            alternatives.add(pieces);
            return alternatives;
        }

        private CharSet atom() {
            char c = source.charAt(pos);
            if (c == '.') {
                pos++;
                return CharSet.any();
            }
            if (c == '[') {
                return charClass();
            }
            if (c == '\\') {
                return escape();
            }
            if ("?*+{".indexOf(c) >= 0) {
                throw error("a character, class or escape before the quantifier");
            }
            if (c == '(' || c == ')') {
                throw error("no group: CloudWatch regex has no ( ) (write \\x28 or \\x29 for the characters)");
            }
            if (!isLiteral(c)) {
                throw error("a letter, digit, one of : _ # = @ / ; , - or an escape such as \\x21");
            }
            pos++;
            return CharSet.of(c);
        }

        private int[] quantifier() {
            if (pos >= source.length()) {
                return new int[] {1, 1};
            }
            char c = source.charAt(pos);
            int[] bounds;
            switch (c) {
                case '?':
                    pos++;
                    bounds = new int[] {0, 1};
                    break;
                case '*':
                    pos++;
                    bounds = new int[] {0, -1};
                    break;
                case '+':
                    pos++;
                    bounds = new int[] {1, -1};
                    break;
                case '{':
                    bounds = counted();
                    break;
                default:
                    return new int[] {1, 1};
            }
            if (pos < source.length() && "?*+{".indexOf(source.charAt(pos)) >= 0) {
                throw error("one quantifier per character, class or escape");
            }
            return bounds;
        }

        /** {@code "{" [ int ] [ "," [ int ] ] "}"}: {m}, {m,}, {,n}, {m,n}. */
        private int[] counted() {
            pos++;
            int min = number();
            int max = min;
            if (pos < source.length() && source.charAt(pos) == ',') {
                pos++;
                max = number();
                if (max < 0) {
                    max = -1;
                }
            } else if (min < 0) {
                throw error("a count in {m,n}");
            }
            if (pos >= source.length() || source.charAt(pos) != '}') {
                throw error("} to close the count");
            }
            pos++;
            if (min < 0) {
                min = 0;
            }
            if (max >= 0 && max < min) {
                throw error("{m,n} with m <= n");
            }
            return new int[] {min, max};
        }

        private int number() {
            int begin = pos;
            while (pos < source.length() && Character.isDigit(source.charAt(pos)) && source.charAt(pos) < 128) {
                pos++;
            }
            if (pos == begin) {
                return -1;
            }
            if (pos - begin > 4 || Integer.parseInt(source.substring(begin, pos)) > MAX_COUNT) {
                pos = begin;
                throw error("a count of at most " + MAX_COUNT);
            }
            return Integer.parseInt(source.substring(begin, pos));
        }

        private CharSet charClass() {
            int open = pos;
            pos++;
            boolean negated = pos < source.length() && source.charAt(pos) == '^';
            if (negated) {
                pos++;
            }
            CharSet set = new CharSet();
            boolean empty = true;
            while (pos < source.length() && (source.charAt(pos) != ']' || empty)) {
                char c = source.charAt(pos);
                if (c == '\\') {
                    set.addAll(escape());
                } else {
                    char from = classChar();
                    if (pos + 1 < source.length() && source.charAt(pos) == '-' && source.charAt(pos + 1) != ']') {
                        pos++;
                        char to = classChar();
                        if (to < from) {
                            throw error("a range low-high with low <= high");
                        }
                        for (char x = from; x <= to; x++) {
                            set.ascii[x] = true;
                        }
                    } else {
                        set.ascii[from] = true;
                    }
                }
                empty = false;
            }
            if (pos >= source.length()) {
                pos = open;
                throw error("] to close this class");
            }
            pos++;
            return negated ? set.negate() : set;
        }

        private char classChar() {
            char c = source.charAt(pos);
            if (c == '\\') {
                throw error("a character");
            }
            if (!isLiteral(c) && OPERATORS.indexOf(c) < 0) {
                throw error("a letter, digit, one of : _ # = @ / ; , - or an escape such as \\x21");
            }
            pos++;
            return c;
        }

        private CharSet escape() {
            pos++;
            if (pos >= source.length()) {
                throw error("a character after \\");
            }
            char c = source.charAt(pos++);
            switch (c) {
                case 'd':
                    return range('0', '9');
                case 'D':
                    return range('0', '9').negate();
                case 's':
                    return whitespace();
                case 'S':
                    return whitespace().negate();
                case 'w':
                    return word();
                case 'W':
                    return word().negate();
                case 'x':
                    return CharSet.of(hex());
                default:
                    if (Character.isLetterOrDigit(c) || c >= 128) {
                        pos--;
                        throw error("one of \\d \\D \\s \\S \\w \\W \\xhh, or a symbol to escape");
                    }
                    return CharSet.of(c);
            }
        }

        private char hex() {
            if (pos + 2 > source.length()) {
                throw error("two hex digits after \\x");
            }
            String digits = source.substring(pos, pos + 2);
            if (!digits.matches("[0-9a-fA-F]{2}") || Integer.parseInt(digits, 16) >= 128) {
                throw error("two hex digits of an ASCII character after \\x");
            }
            pos += 2;
            return (char) Integer.parseInt(digits, 16);
        }

        private static CharSet range(char from, char to) {
            CharSet set = new CharSet();
            for (char x = from; x <= to; x++) {
                set.ascii[x] = true;
            }
            return set;
        }

        private static CharSet whitespace() {
            CharSet set = new CharSet();
            for (char c : new char[] {' ', '\t', '\n', 0x0B, '\f', '\r'}) {
                set.ascii[c] = true;
            }
            return set;
        }

        private static CharSet word() {
            CharSet set = range('a', 'z');
            set.addAll(range('A', 'Z'));
            set.addAll(range('0', '9'));
            set.ascii['_'] = true;
            return set;
        }

        private static boolean isLiteral(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || LITERAL_SYMBOLS.indexOf(c) >= 0;
        }

        private RegexSyntaxException error(String expected) {
            String found = pos >= source.length() ? "the end of the regex" : "\"" + source.charAt(pos) + "\"";
            return new RegexSyntaxException(pos, expected, found);
        }
    }
}
