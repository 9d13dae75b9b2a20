/**
 * Remediation: {@link dev.cissentinel.remediate.RemediationPlanner} (pure) turns FAILED verdicts into a
 * {@link dev.cissentinel.remediate.Plan} of creates; {@link dev.cissentinel.remediate.RemediationExecutor}
 * sends it. Off by default; dry-run prints the plan and sends nothing. The planner reads the chains' typed
 * {@link dev.cissentinel.controls.Evidence}, never their display attributes; each
 * {@link dev.cissentinel.remediate.Change} builds its own SDK request, which the executor sends as it is.
 *
 * <p>Safety rules: only resources named with {@code cis-sentinel-} are ever created or updated (alarms and
 * topics also carry the tag {@code cis-sentinel:managed=true}; metric filters cannot be tagged, so the name is
 * the mark); an existing {@code cis-sentinel-} alarm or topic without that tag is someone else's and is left
 * alone ({@link dev.cissentinel.remediate.Ownership}: the executor reads the tags, the planner drops the
 * changes and says why); every change is an upsert (Put*, CreateTopic and Subscribe return the existing
 * resource), so a repeated, interrupted or concurrent apply never duplicates anything; trails, foreign alarms
 * and email confirmations are left to a person and said so in the plan.
 */
package dev.cissentinel.remediate;
