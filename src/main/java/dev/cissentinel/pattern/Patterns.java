package dev.cissentinel.pattern;

import java.util.Objects;

/** Judging a deployed filter pattern against a reference pattern, by meaning or by text. */
public final class Patterns {

    private Patterns() {
    }

    /**
     * Whether {@code deployed} matches every JSON event that {@code reference} matches. Exact (sound and complete)
     * for string (in)equality with wildcards, numeric comparisons, {@code EXISTS}-style and {@code IS} keywords,
     * {@code &&}, {@code ||} and parentheses on concrete selectors; otherwise a counterexample or
     * {@link Coverage.Undecided}, never a wrong {@link Coverage.Covers}. A counterexample is re-checked as the log
     * message {@link Coverage.DoesNotCover#counterexampleText()} before it is returned. Time and memory are bounded
     * by counted budgets (no clock); past them the answer is undecided. See the package documentation.
     */
    public static Coverage covers(FilterPattern deployed, FilterPattern reference) {
        Objects.requireNonNull(deployed, "deployed");
        Objects.requireNonNull(reference, "reference");
        Coverage coverage = CoverageSearch.decide(deployed, reference);
        // The last word before a counterexample leaves the package: its text, read back, still tells them apart.
        if (coverage instanceof Coverage.DoesNotCover && ((Coverage.DoesNotCover) coverage).counterexample() != null
                && !CounterexampleCheck.holds(deployed, reference, (Coverage.DoesNotCover) coverage)) {
            return new Coverage.Undecided("internal check failed: the counterexample found does not tell the "
                    + "patterns apart when read back as a log message; not claiming either answer");
        }
        return coverage;
    }

    /**
     * Judges a deployed filter's text. {@link PatternMode#EXACT}: covers when the text equals
     * {@code reference.text()} after {@link #normalizeWhitespace}. {@link PatternMode#SEMANTIC}: parses the text
     * and calls {@link #covers}; a text that does not parse is {@link Coverage.Undecided} with the syntax error.
     */
    public static Coverage judge(String deployedText, FilterPattern reference, PatternMode mode) {
        Objects.requireNonNull(deployedText, "deployedText");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(mode, "mode");
        return switch (mode) {
            case EXACT -> exact(deployedText, reference.text());
            case SEMANTIC -> semantic(deployedText, reference);
        };
    }

    private static Coverage semantic(String deployedText, FilterPattern reference) {
        FilterPattern deployed;
        try {
            deployed = FilterPattern.parse(deployedText);
        } catch (PatternSyntaxException e) {
            return new Coverage.Undecided("deployed pattern does not parse: " + e.getMessage());
        }
        return covers(deployed, reference);
    }

    /**
     * The text without any whitespace outside double-quoted strings ({@code docs/filter-patterns.md} §8), so that
     * {@code {$.a="x y"}} and {@code { $.a = "x y" }} compare equal and {@code "x y"} and {@code "xy"} do not.
     */
    public static String normalizeWhitespace(String text) {
        StringBuilder normal = new StringBuilder(text.length());
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                normal.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    normal.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
                normal.append(c);
            } else if (!Character.isWhitespace(c)) {
                normal.append(c);
            }
        }
        return normal.toString();
    }

    private static Coverage exact(String deployedText, String referenceText) {
        String deployed = normalizeWhitespace(deployedText);
        String reference = normalizeWhitespace(referenceText);
        if (deployed.equals(reference)) {
            return new Coverage.Covers();
        }
        int at = 0;
        while (at < deployed.length() && at < reference.length() && deployed.charAt(at) == reference.charAt(at)) {
            at++;
        }
        return new Coverage.DoesNotCover(null, "exact mode: with whitespace removed the text differs from the "
                + "reference at character " + (at + 1) + " (pattern: \"" + excerpt(deployed, at) + "\", reference: \""
                + excerpt(reference, at) + "\")");
    }

    private static String excerpt(String text, int at) {
        return at >= text.length() ? "<end>" : text.substring(at, Math.min(text.length(), at + 24));
    }
}
