package dev.cissentinel.controls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.snapshot.ReadFailure;
import java.util.Objects;
import java.util.Optional;

/**
 * A control's verdict with its evidence. Every name and ARN in it came from the snapshot.
 */
public sealed interface Verdict permits Verdict.Passed, Verdict.Failed, Verdict.NotAvailable {

    Status status();

    ReasonCode reason();

    /** The chain that passed, or the broken chain that got furthest. */
    Chain chain();

    /** One or two sentences a person reads: what was found, what to do. */
    String explanation();

    /** For a pattern miss, an event the reference matches and the deployed filter does not. */
    default Optional<ObjectNode> counterexample() {
        return Optional.empty();
    }

    /** For NOT_AVAILABLE because of a read, the read that failed. */
    default Optional<ReadFailure> failure() {
        return Optional.empty();
    }

    record Passed(Chain chain, String explanation) implements Verdict {
        public Passed {
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public Status status() {
            return Status.PASSED;
        }

        @Override
        public ReasonCode reason() {
            return ReasonCode.CHAIN_COMPLETE;
        }
    }

    /** @param example the counterexample event, or null when the reason is not a pattern miss */
    record Failed(ReasonCode reason, Chain chain, String explanation, ObjectNode example) implements Verdict {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public Status status() {
            return Status.FAILED;
        }

        @Override
        public Optional<ObjectNode> counterexample() {
            return Optional.ofNullable(example);
        }
    }

    /** @param readFailure the read that failed, or null for a deadline */
    record NotAvailable(ReasonCode reason, Chain chain, String explanation, ReadFailure readFailure)
            implements Verdict {
        public NotAvailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public Status status() {
            return Status.NOT_AVAILABLE;
        }

        @Override
        public Optional<ReadFailure> failure() {
            return Optional.ofNullable(readFailure);
        }
    }
}
