package dev.cissentinel.controls;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One link of a chain the evaluator followed, with what identifies it in the account.
 *
 * @param id the ARN when the resource has one (trail, log group, alarm, topic), else its name (filter)
 * @param attributes evidence in display order, e.g. {@code metricName}, {@code confirmedSubscriptions}
 */
public record Link(Kind kind, String name, String id, String region, Map<String, String> attributes) {

    public Link {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The kinds of link, in chain order. */
    public enum Kind { TRAIL, LOG_GROUP, METRIC_FILTER, ALARM, TOPIC }
}
