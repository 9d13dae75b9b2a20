package dev.cissentinel.pattern;

import java.util.List;

/**
 * A {@code %regex%} of CloudWatch Logs' subset ({@code docs/filter-patterns.md} §4): parsed by {@link RegexParser}
 * (its grammar is there), then compiled twice. {@link #find} runs a bit-parallel position automaton
 * ({@link BitAutomaton}):
 * at most O(text length x positions / 64) word operations whatever the regex and the input, so no input can make it
 * backtrack catastrophically (java.util.regex would, on {@code %a*a*a*a*a*b%}) or crawl (a 20,000-state NFA set
 * simulation took about a minute on a 1 MB message; this takes about a second). {@link #example} searches a Thompson
 * NFA ({@link ThompsonAutomaton}) for a shortest matching text.
 */
final class SafeRegex {

    private final String source;
    /** What {@link #find} runs. */
    private final BitAutomaton automaton;
    /** What {@link #example} searches. */
    private final ThompsonAutomaton witnesses;

    private SafeRegex(String source, BitAutomaton automaton, ThompsonAutomaton witnesses) {
        this.source = source;
        this.automaton = automaton;
        this.witnesses = witnesses;
    }

    /**
     * Compiles the text between the percent signs.
     *
     * @throws RegexParser.RegexSyntaxException when it is not in AWS's subset or too large
     */
    static SafeRegex compile(String source) {
        List<List<RegexParser.Piece>> alternatives = new RegexParser(source).parse();
        return new SafeRegex(source, BitAutomaton.of(alternatives), ThompsonAutomaton.of(alternatives));
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
        return witnesses.example();
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
}
