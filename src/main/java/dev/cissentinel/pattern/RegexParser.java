package dev.cissentinel.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses CloudWatch Logs' regex subset ({@code docs/filter-patterns.md} §4) into alternatives of pieces, which
 * {@link SafeRegex} compiles into its automata. One method per rule:
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
final class RegexParser {

    /** Bound on counted repetition, so that the automata stay small. */
    static final int MAX_COUNT = 1000;

    private static final String LITERAL_SYMBOLS = ":_#=@/;,- ";
    private static final String OPERATORS = "^$?[]{}|\\*+.";

    private final String source;
    private int pos;

    RegexParser(String source) {
        this.source = source;
    }

    /** {@code regex}: the alternatives, each a list of pieces. */
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
                pieces.add(new Piece(null, c == '^' ? Anchor.BEGIN : Anchor.END, 1, 1));
                if (pos < source.length() && "?*+{".indexOf(source.charAt(pos)) >= 0) {
                    throw error("nothing to repeat after an anchor");
                }
            } else {
                CharSet set = atom();
                int[] bounds = quantifier();
                pieces.add(new Piece(set, Anchor.NONE, bounds[0], bounds[1]));
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

    /**
     * One element of an alternative: a character set repeated {@code min..max} times, or an anchor.
     *
     * @param set the characters ({@code null} for an anchor)
     * @param anchor {@link Anchor#NONE} for characters
     * @param min the fewest repetitions
     * @param max the most, or -1 for no bound
     */
    record Piece(CharSet set, Anchor anchor, int min, int max) {
    }

    /** What a piece is: characters, or the {@code ^} or {@code $} anchor. */
    enum Anchor { NONE, BEGIN, END }
}
