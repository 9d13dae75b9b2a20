package dev.cissentinel.publish;

import java.util.Set;

/**
 * Which of this tool's findings in a target (account and region) a run owns, and so may change. A run always
 * updates the findings of the controls it judged; only a full run also archives the others.
 *
 * <p>Why a partial run must not archive: a run that judges one control ({@code --controls CloudWatch.4}, an override
 * event, a re-check after a CloudTrail event) knows nothing new about the other four; archiving their findings would
 * hide verdicts that still stand. A full run judges every control the deployment is configured for, so a finding of
 * any other control is one that was switched off (or that an older version published) and is archived.
 */
public enum FindingScope {

    /** Exactly the findings of the controls this run judged: a run that named its controls. */
    JUDGED,

    /** Every finding of this tool in the target: a run with the configured controls archives the rest. */
    ALL;

    /**
     * Whether a run in this scope archives an existing, active finding of this tool in the target.
     *
     * @param findingId the existing finding's {@code Id}
     * @param judgedIds the {@code Id}s of the findings this run publishes
     */
    public boolean archives(String findingId, Set<String> judgedIds) {
        return this == ALL && !judgedIds.contains(findingId);
    }
}
