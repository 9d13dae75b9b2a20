package dev.cissentinel.remediate;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RemediationExecutor#ownership} found about the existing resources a plan would write to: those that
 * may not be touched, with why. A {@value Plan#PREFIX} name alone does not make a resource ours; the tag
 * {@value Plan#MANAGED_TAG}{@code =true}, set when this tool created it, does.
 *
 * @param refused by resource, why it is left alone (it exists without the tag, or its tags could not be read)
 */
public record Ownership(Map<Resource, String> refused) {

    public Ownership {
        refused = Map.copyOf(refused);
    }

    public static Ownership none() {
        return new Ownership(Map.of());
    }

    /** An alarm (by name) or a topic (by ARN) in a region. */
    public record Resource(String region, Kind kind, String id) {
        public Resource {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }

        public static Resource alarm(String region, String name) {
            return new Resource(region, Kind.ALARM, name);
        }

        public static Resource topic(String region, String arn) {
            return new Resource(region, Kind.TOPIC, arn);
        }
    }

    public enum Kind {
        ALARM, TOPIC
    }

    /** Why {@code resource} may not be touched; empty when it may. */
    public Optional<String> refusal(Resource resource) {
        return Optional.ofNullable(refused.get(resource));
    }
}
