package dev.cissentinel.scan;

import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import java.util.Objects;
import java.util.Optional;

/**
 * A scan's final verdicts (after any apply, the re-scan's), what reached Security Hub, and remediation.
 *
 * @param published empty when publishing was switched off
 * @param plan empty when remediation was off
 * @param applied empty unless remediation applied a non-empty plan
 */
public record ScanOutcome(ScanResult result, Optional<PublishResult> published, Optional<Plan> plan,
        Optional<ApplyResult> applied) {

    public ScanOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(applied, "applied");
    }

    /** True when apply stopped on a failed change. */
    public boolean applyIncomplete() {
        return applied.map(a -> !a.complete()).orElse(false);
    }

    /** True when something was meant for Security Hub and did not get there. */
    public boolean publishIncomplete() {
        return published.map(p -> !p.failed().isEmpty()).orElse(false);
    }
}
