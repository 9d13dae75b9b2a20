package dev.cissentinel.controls;

import java.util.Objects;
import java.util.Optional;

/**
 * A control and its verdict.
 *
 * @param awsConfirmation what AWS's own evaluator said about the verdict's filter, or null when it was not asked
 */
public record ControlResult(Control control, Verdict verdict, AwsConfirmation awsConfirmation) {

    public ControlResult {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A result AWS was not asked about. */
    public ControlResult(Control control, Verdict verdict) {
        this(control, verdict, null);
    }

    public Status status() {
        return verdict.status();
    }

    /** What AWS's {@code TestMetricFilter} answered, when the scan asked ({@code --confirm-with-aws}). */
    public Optional<AwsConfirmation> confirmation() {
        return Optional.ofNullable(awsConfirmation);
    }
}
