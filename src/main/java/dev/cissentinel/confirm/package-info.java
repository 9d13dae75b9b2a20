/**
 * Confirmation by AWS's own evaluator ({@code scan --confirm-with-aws}, Lambda {@code CONFIRM_WITH_AWS}): a step
 * after evaluation that asks CloudWatch Logs' {@code TestMetricFilter} whether the metric filter behind a verdict
 * does with one log event what cis-sentinel says it does, and merges the answers into the verdicts.
 *
 * <p>Three parts, so that only one of them does I/O:
 * <ul>
 *   <li>{@link dev.cissentinel.confirm.ConfirmationQuestions} (pure) decides what to ask: for each FAILED
 *   {@code NO_COVERING_METRIC_FILTER} verdict, its counterexample with the filter that produced it (found again by
 *   judging the log group's filters, so the evaluator needs no change; the one the chain names is tried first);
 *   for each PASSED verdict, an event the control's reference matches with the passing filter. That event comes
 *   from the pattern engine: the counterexample of a pattern no CloudTrail event satisfies ({@link
 *   dev.cissentinel.confirm.ConfirmationQuestions#PROBE}) against the reference, which the engine checks the
 *   reference matches.</li>
 *   <li>{@link dev.cissentinel.confirm.CloudWatchLogsTester} (I/O) asks, one call per distinct question, in the
 *   log group's region, and turns every failure into an unanswered question.</li>
 *   <li>{@link dev.cissentinel.confirm.ConfirmationMerge} (pure) records each answer on its control's result;
 *   where AWS answers otherwise, the verdict becomes NOT_AVAILABLE {@code AWS_EVALUATOR_DISAGREES} with both
 *   answers in its explanation. An unanswered question leaves the verdict as it was, marked unconfirmed: the
 *   check is extra evidence, and a throttled call is no evidence either way.</li>
 * </ul>
 *
 * <p>{@code TestMetricFilter} takes a pattern and 1 to 50 messages and returns the ones that match
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TestMetricFilter.html); a question
 * is one pattern and one message, so "matches" is "AWS returned a match". It names no log group, so IAM cannot
 * scope it to one (template.yaml grants it on {@code *}, only when the option is on).
 *
 * <p>The pure classes never import an SDK client, the network, the clock or the environment; none of this package
 * imports {@code findings}, {@code publish}, {@code remediate}, {@code scan}, {@code cli} or {@code lambda}.
 */
package dev.cissentinel.confirm;
