/**
 * The controls as data ({@link dev.cissentinel.controls.ControlTable}, one row each) and the pure evaluator
 * that judges them on an account snapshot ({@link dev.cissentinel.controls.ChainEvaluator}).
 *
 * <p>Pure: never imports an SDK client, touches the network, the clock or the environment. Decisions taken
 * where {@code controls.md} leaves room: a chain stopped by an unreadable link makes the control NOT_AVAILABLE
 * even when another chain got further and failed (it might have passed); an alarm "fires on one event" only
 * with a greater-than comparison the filter's metric value passes and one datapoint to alarm; a metric value
 * taken from the event ({@code $.field}) is not a count and does not qualify; a metric-math alarm is judged
 * by the statistic of its query on our metric, assuming its expression passes that value through.
 */
package dev.cissentinel.controls;
