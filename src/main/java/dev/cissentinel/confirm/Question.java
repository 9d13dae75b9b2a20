package dev.cissentinel.confirm;

import java.util.Objects;

/**
 * One question for AWS's evaluator: does {@code filterPattern} match the log event {@code event}? cis-sentinel's own
 * answer goes with it.
 *
 * @param region where to ask: the region of the log group the filter is on
 * @param event the log event's message (compact JSON)
 * @param cisSentinelMatches cis-sentinel's answer
 * @param notAskedBecause why this question cannot be sent, or empty when it can
 */
public record Question(String controlId, String region, String filterName, String filterPattern, String event,
        boolean cisSentinelMatches, String notAskedBecause) {

    public Question {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(filterName, "filterName");
        Objects.requireNonNull(filterPattern, "filterPattern");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(notAskedBecause, "notAskedBecause");
    }

    public boolean askable() {
        return notAskedBecause.isEmpty();
    }

    /** What one call sends: two questions with the same key share the call. */
    Key key() {
        return new Key(region, filterPattern, event);
    }

    record Key(String region, String filterPattern, String event) {
    }
}
