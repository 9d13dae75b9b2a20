package dev.cissentinel.remediate;

import java.util.List;
import java.util.Objects;

/**
 * What an apply did: the changes sent, and the first that failed (the rest were not sent; the next run plans
 * them again, and every change is an upsert, so nothing is duplicated).
 *
 * @param failure empty when every change was applied
 */
public record ApplyResult(List<Change> applied, List<Change> notApplied, String failure) {

    public ApplyResult {
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
        Objects.requireNonNull(failure, "failure");
    }

    public boolean complete() {
        return notApplied.isEmpty();
    }
}
