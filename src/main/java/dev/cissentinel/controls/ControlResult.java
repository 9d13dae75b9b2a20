package dev.cissentinel.controls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.Noise;
import dev.cissentinel.pattern.PatternSyntaxException;
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

    /**
     * For a PASSED control, an ordinary event its metric filter also matches and the CIS reference does not
     * ({@link Noise}): the filter is noisy, its alarm fires on routine traffic. Empty otherwise. Never a verdict.
     */
    public Optional<ObjectNode> noisyExample() {
        if (verdict.status() != Status.PASSED) {
            return Optional.empty();
        }
        Optional<String> pattern = verdict.chain().links().stream()
                .map(Link::evidence)
                .filter(Evidence.Filter.class::isInstance)
                .map(evidence -> ((Evidence.Filter) evidence).filterPattern())
                .findFirst();
        try {
            return pattern.flatMap(text -> Noise.example(FilterPattern.parse(text), control.reference(),
                    control.eventSources()));
        } catch (PatternSyntaxException notReadable) {
            // A PASSED filter parsed when it was judged; nothing to add if it does not now.
            return Optional.empty();
        }
    }

    /** What AWS's {@code TestMetricFilter} answered, when the scan asked ({@code --confirm-with-aws}). */
    public Optional<AwsConfirmation> confirmation() {
        return Optional.ofNullable(awsConfirmation);
    }
}
