package dev.cissentinel.snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * A trail as {@code DescribeTrails} (shadow trails included) reports it. Field names are AWS's.
 *
 * @param cloudWatchLogsLogGroupArn empty when the trail delivers to no log group
 */
public record TrailRecord(String name, String trailArn, String homeRegion, boolean isMultiRegionTrail,
        String cloudWatchLogsLogGroupArn) {

    public TrailRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trailArn, "trailArn");
        Objects.requireNonNull(homeRegion, "homeRegion");
        Objects.requireNonNull(cloudWatchLogsLogGroupArn, "cloudWatchLogsLogGroupArn");
    }

    public Optional<String> logGroupArn() {
        return cloudWatchLogsLogGroupArn.isEmpty() ? Optional.empty() : Optional.of(cloudWatchLogsLogGroupArn);
    }
}
