package dev.cissentinel.controls;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One link of a chain the evaluator followed, with what identifies it in the account and what was seen there.
 *
 * @param id the ARN when the resource has one (trail, log group, alarm, topic), else its name (filter)
 * @param evidence what the evaluator saw, typed; {@link #attributes()} is its display form
 */
public record Link(Kind kind, String name, String id, String region, Evidence evidence) {

    public Link {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(evidence, "evidence");
        if (evidence.linkKind() != kind) {
            throw new IllegalArgumentException(evidence.getClass().getSimpleName() + " is evidence of a "
                    + evidence.linkKind() + " link, not of a " + kind + " link");
        }
    }

    /** The kinds of link, in chain order. */
    public enum Kind { TRAIL, LOG_GROUP, METRIC_FILTER, ALARM, TOPIC }

    /** The evidence for display, in display order, e.g. {@code metricName}, {@code confirmedSubscriptions}. */
    public Map<String, String> attributes() {
        return evidence.attributes();
    }

    /** The evidence, when it is of {@code type}. */
    public <E extends Evidence> Optional<E> evidence(Class<E> type) {
        return type.isInstance(evidence) ? Optional.of(type.cast(evidence)) : Optional.empty();
    }
}
