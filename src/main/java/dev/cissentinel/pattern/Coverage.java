package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Whether a deployed filter pattern catches every event a reference pattern catches: yes, no (with an event that
 * shows it), or undecided (with the reason; callers treat it as "not covered" and say why).
 */
public sealed interface Coverage permits Coverage.Covers, Coverage.DoesNotCover, Coverage.Undecided {

    /** The three answers, for an exhaustive switch. */
    enum Kind { COVERS, DOES_NOT_COVER, UNDECIDED }

    /** Which answer this is. */
    Kind kind();

    /** Every event the reference matches, the deployed pattern matches too. */
    record Covers() implements Coverage {
        @Override
        public Kind kind() {
            return Kind.COVERS;
        }
    }

    /**
     * The deployed pattern misses an event the reference matches.
     *
     * @param counterexample a JSON event that the reference matches and the deployed pattern does not; {@code null}
     *     only in {@link PatternMode#EXACT}, where the answer is about text, not events. From {@link Patterns#covers}
     *     it was re-checked as text: written as compact JSON (at most 64 KB), read back and matched again
     * @param explanation in words: which conditions hold and which fail, or where the texts differ
     * @param counterexampleText the counterexample as a log message that {@link FilterPattern#matches(LogEvent)}
     *     was run on with both patterns: indented JSON when that form tells them apart too, else compact JSON;
     *     {@code null} exactly when {@code counterexample} is
     */
    record DoesNotCover(ObjectNode counterexample, String explanation, String counterexampleText) implements Coverage {
        public DoesNotCover {
            Objects.requireNonNull(explanation, "explanation");
            if ((counterexample == null) != (counterexampleText == null)) {
                throw new IllegalArgumentException("a counterexample and its text come together");
            }
        }

        /** A miss whose text is the counterexample's compact JSON (not re-checked: callers vouch for it). */
        public DoesNotCover(ObjectNode counterexample, String explanation) {
            this(counterexample, explanation, counterexample == null ? null : JsonEvents.compact(counterexample));
        }

        @Override
        public Kind kind() {
            return Kind.DOES_NOT_COVER;
        }
    }

    /**
     * No exact answer: the patterns use something the decision procedure cannot settle (a regex, a wildcard
     * selector, a term pattern, a deployed pattern that does not parse...) and no counterexample was found.
     *
     * @param reason why, in words
     */
    record Undecided(String reason) implements Coverage {
        public Undecided {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.UNDECIDED;
        }
    }
}
