package dev.cissentinel.publish;

import java.util.List;
import java.util.Objects;

/**
 * What reached Security Hub.
 *
 * @param imported findings Security Hub accepted (created or updated)
 * @param archived of those, findings archived: in a full run, those of controls it did not judge
 * @param failed findings still rejected after retries, never silently dropped
 */
public record PublishResult(int imported, int archived, List<FailedFinding> failed) {

    public PublishResult {
        failed = List.copyOf(failed);
    }

    /** A finding Security Hub rejected: its Id and AWS's error. */
    public record FailedFinding(String id, String errorCode, String errorMessage) {
        public FailedFinding {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(errorMessage, "errorMessage");
        }
    }
}
