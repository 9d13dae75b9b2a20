package dev.cissentinel.publish;

import dev.cissentinel.controls.Status;
import java.util.Objects;
import java.util.Set;

/**
 * What an active finding of this tool in Security Hub says today, as far as a re-check needs it: the control, its
 * last verdict and the resources its chain named ({@code Resources[].Id}: ARNs, and a metric filter's log group ARN
 * followed by {@code :metric-filter:} and its name).
 *
 * @param status the finding's compliance status; {@code NOT_AVAILABLE} when it has none this tool writes
 */
public record StoredFinding(String controlId, Status status, Set<String> resourceIds) {

    public StoredFinding {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(status, "status");
        resourceIds = Set.copyOf(resourceIds);
    }
}
