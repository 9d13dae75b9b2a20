package dev.cissentinel.scan;

/**
 * What the user typed, as an error message may show it: on one line (control characters escaped) and at most
 * {@value #MAX_SHOWN} characters, with a marker saying how long it really was. A 130,000-character argument then
 * costs a one-line message, not a screenful, and a newline in a value cannot forge a second log line.
 */
public final class Quote {

    /** Characters of the user's text an error message shows. */
    public static final int MAX_SHOWN = 100;
    /** Characters of a whole error message, once the user's text in it was quoted. */
    public static final int MAX_MESSAGE = 400;

    private Quote() {
    }

    /** {@code 'value'}, escaped and cut to {@value #MAX_SHOWN} characters: {@code 'aaaa…' (130000 characters)}. */
    public static String of(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = cut(value, MAX_SHOWN);
        return "'" + oneLine(shown) + "'" + (shown.length() < value.length()
                ? "… (" + value.length() + " characters)" : "");
    }

    /** Like {@link #of} without the quotes, for names in a list: {@code [remediation, aaaa… (300 characters)]}. */
    public static String bare(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = cut(value, MAX_SHOWN);
        return oneLine(shown) + (shown.length() < value.length() ? "… (" + value.length() + " characters)" : "");
    }

    /**
     * A message made safe to print: on one line, and cut to {@value #MAX_MESSAGE} characters with a marker. For
     * messages that quote user input through a library (picocli, Jackson) rather than through {@link #of}.
     */
    public static String message(String text) {
        String line = oneLine(text == null ? "" : text);
        String shown = cut(line, MAX_MESSAGE);
        return shown.length() < line.length() ? shown + "… (message cut; " + line.length() + " characters)" : line;
    }

    /** The first {@code max} characters, never splitting a surrogate pair. */
    private static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    /** Control and format characters (newline, NUL, bidi overrides) as {@code \n} or {@code \}{@code uXXXX}. */
    private static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == '\u2028' || c == '\u2029';
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (!escape) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
