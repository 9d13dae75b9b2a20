package dev.cissentinel.publish;

import dev.cissentinel.controls.ControlResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One target's findings to publish: the verdicts of one run in one account and region, and which existing
 * findings that run owns.
 *
 * @param remediationNotes by control id, what remediation left to a person; shown in that control's finding
 * @param observedAt when the run started reading the account: the findings' {@code UpdatedAt}, so that of two
 *     overlapping runs the one that read later wins in Security Hub, whichever publishes last
 * @param triggeredBy what started the run, recorded in each finding ({@code ProductFields}
 *     {@code cis-sentinel/TriggeredBy})
 */
public record FindingBatch(String accountId, String region, List<ControlResult> results,
        Map<String, List<String>> remediationNotes, FindingScope scope, Instant observedAt, String triggeredBy) {

    public FindingBatch {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        results = List.copyOf(results);
        remediationNotes = Map.copyOf(remediationNotes);
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
    }
}
