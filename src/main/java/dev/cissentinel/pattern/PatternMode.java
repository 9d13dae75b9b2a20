package dev.cissentinel.pattern;

/** How a deployed filter is judged against a reference. */
public enum PatternMode {
    /** By meaning: the deployed filter must match every event the reference matches ({@link Patterns#covers}). */
    SEMANTIC,
    /** By text, as Security Hub does: the same text as the reference once whitespace outside quotes is removed. */
    EXACT
}
