package dev.cissentinel.pattern;

import java.util.Objects;

/**
 * A filter pattern that does not parse: says where (1-based column), what was expected there, and shows the
 * pattern with a caret under that column.
 */
public final class PatternSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

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
        // Tabs and line breaks become one space each so the caret stays under the column it names.
        StringBuilder line = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            line.append(Character.isWhitespace(c) ? ' ' : c);
        }
        return "invalid filter pattern at column " + column + ": expected " + expected + ", found " + found + "\n"
                + "  " + line + "\n"
                + "  " + " ".repeat(Math.max(0, column - 1)) + "^";
    }
}
