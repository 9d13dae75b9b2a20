package dev.cissentinel.scan;

import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;

/**
 * Where a scan reports as it goes, so nothing is lost if a later step fails: the CLI prints, the Lambda logs.
 */
public interface ScanListener {

    /** Verdicts, before anything is published; called again with the re-scan after an apply. */
    void verdicts(ScanResult result);

    /** The remediation plan, when remediation is dry-run or apply. */
    default void plan(Plan plan, RemediationMode mode) {
    }

    /** What apply sent. */
    default void applied(ApplyResult result) {
    }
}
