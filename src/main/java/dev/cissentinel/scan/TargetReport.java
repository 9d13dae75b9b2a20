package dev.cissentinel.scan;

import dev.cissentinel.remediate.RemediationMode;
import java.util.Objects;
import java.util.Optional;

/**
 * One target of a scan of many, as the fan-out hands it on: the verdicts when it was judged, and an error when the
 * target could not be scanned, or could not be finished (publishing failed, remediation stopped).
 *
 * @param result the final verdicts; empty when the target could not be scanned at all
 * @param outcome the outcome; empty when the scan did not finish (an error)
 * @param mode the remediation mode the target ran with
 * @param unpublished why the findings were not published although publishing was on (the role was refused)
 * @param error why the target failed; empty when it was scanned to the end
 */
public record TargetReport(Target target, Optional<ScanResult> result, Optional<ScanOutcome> outcome,
        RemediationMode mode, Optional<String> unpublished, Optional<String> error) {

    public TargetReport {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unpublished, "unpublished");
        Objects.requireNonNull(error, "error");
    }

    /** A target that could not be scanned at all. */
    static TargetReport failed(Target target, String why) {
        return new TargetReport(target, Optional.empty(), Optional.empty(), RemediationMode.OFF, Optional.empty(),
                Optional.of(why));
    }

    /** The account id as the scan learned it, else as the target names it. */
    public String accountId() {
        return result.map(ScanResult::account).filter(read -> read.isOk()).map(read -> read.value())
                .or(() -> target.account().accountId()).orElse("unknown");
    }

    /** Every control PASSED and the target was scanned to the end. */
    public boolean allPassed() {
        return error.isEmpty() && result.map(ScanResult::allPassed).orElse(false);
    }
}
