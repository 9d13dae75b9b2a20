/**
 * The controls as data ({@link dev.cissentinel.controls.ControlTable}, one row each), the CloudTrail calls that
 * break or repair their links ({@link dev.cissentinel.controls.LinkEvents}, one row each, matched by the re-check
 * rule in template.yaml) and the pure evaluator that judges them on an account snapshot
 * ({@link dev.cissentinel.controls.ChainEvaluator}).
 *
 * <p>Pure: never imports an SDK client, touches the network, the clock or the environment. Decisions taken
 * where {@code docs/controls.md} leaves room:
 * <ul>
 *   <li>A chain stopped by an unreadable link makes the control NOT_AVAILABLE even when another chain got further
 *   and failed (it might have passed).</li>
 *   <li>"Fires on one event" is judged by {@code Firing} for one matching event among any number of other events
 *   (each emitting the filter's default value, when it has one), in closed form per statistic; the alarm must
 *   breach for every such number and not breach without the match. Whatever cannot be decided exactly (metric
 *   math beyond {@code MetricMath}'s subset, anomaly bands, trimmed statistics, sub-minute periods, a metric value
 *   from the event whose size is unknown) is NOT_AVAILABLE {@code ALARM_NOT_DECIDABLE}, never PASSED.</li>
 *   <li>A metric value taken from the event ({@code $.field}) counts only when the pattern engine shows every
 *   reference event has a positive number there; otherwise the filter does not cover, with such an event.</li>
 *   <li>Dimensions: the working alarms on one filter's dimension values must together see every reference event
 *   ({@code DimensionCoverage}, through the pattern engine); the PASSED chain names each alarm and its topic.</li>
 *   <li>An alarm notifies SNS topics of its own region only ({@link dev.cissentinel.controls.TopicRegion}, shared
 *   with the remediation planner).</li>
 *   <li>A metric filter's link id is its log group's ARN, {@code :metric-filter:} and its name.</li>
 *   <li>Judging one control can never take the others down: a RuntimeException, StackOverflowError or
 *   OutOfMemoryError is that control's NOT_AVAILABLE {@code EVALUATION_ERROR}.</li>
 * </ul>
 */
package dev.cissentinel.controls;
