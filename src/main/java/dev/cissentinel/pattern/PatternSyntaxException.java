package dev.cissentinel.pattern;

import java.util.Objects;

/**
 * A filter pattern that does not parse: says where (1-based column), what was expected there, and shows the
 * pattern (at most 96 characters of it, around the column) with a caret under that column.
 */
public final class PatternSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** How many characters of the pattern the message quotes around the column. */
    private static final int WINDOW = 96;

    private final String pattern;
    private final int column;
    private final String expected;
    private final String found;

    /**
     * @param pattern the whole pattern text
     * @param column 1-based position of the offending character (pattern length + 1 for "at the end")
     * @param expected what the parser needed there, in words
     * @param found what it found instead, in words
     */
    PatternSyntaxException(String pattern, int column, String expected, String found) {
        super(render(pattern, column, expected, found));
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.column = column;
        this.expected = Objects.requireNonNull(expected, "expected");
        this.found = Objects.requireNonNull(found, "found");
    }

    /** The 1-based column of the offending character; one past the last character when the pattern ended early. */
    public int column() {
        return column;
    }

    /** What the parser expected at {@link #column()}, e.g. {@code "a comparison operator"}. */
    public String expected() {
        return expected;
    }

    /** What the parser found at {@link #column()}, e.g. {@code "\"EXISTS\""} or {@code "the end of the pattern"}. */
    public String found() {
        return found;
    }

    /** The pattern text that failed. */
    public String pattern() {
        return pattern;
    }

    private static String render(String pattern, int column, String expected, String found) {
        // A window of the pattern around the column, so that a long pattern is not echoed whole; tabs and line
        // breaks become one space each so the caret stays under the column it names.
        int at = Math.max(0, Math.min(column - 1, pattern.length()));
        int from = Math.max(0, Math.min(at - WINDOW / 2, pattern.length() - WINDOW));
        int to = Math.min(pattern.length(), from + WINDOW);
        StringBuilder line = new StringBuilder(WINDOW + 6).append(from > 0 ? "..." : "");
        for (int i = from; i < to; i++) {
            char c = pattern.charAt(i);
            line.append(Character.isWhitespace(c) ? ' ' : c);
        }
        int caret = at - from + (from > 0 ? 3 : 0);
        line.append(to < pattern.length() ? "..." : "");
        return "invalid filter pattern at column " + column + ": expected " + PatternText.clip(expected, 160)
                + ", found " + PatternText.clip(found, 40) + "\n"
                + "  " + line + "\n"
                + "  " + " ".repeat(caret) + "^";
    }
}
