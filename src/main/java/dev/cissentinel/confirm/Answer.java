package dev.cissentinel.confirm;

import java.util.Objects;

/** What asking AWS about one {@link Question} gave: an answer, or why there is none. */
public sealed interface Answer permits Answer.Matched, Answer.Unanswered {

    /** AWS answered: whether the filter pattern matched the event. */
    record Matched(boolean matches) implements Answer {
    }

    /** No answer: the call failed (error code and message), or it was not made (deadline, not askable). */
    record Unanswered(String reason) implements Answer {
        public Unanswered {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
