package dev.cissentinel.scan;

import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Status;
import dev.cissentinel.snapshot.Read;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a scan found: one result per control, and what it cost.
 *
 * @param account the scanned account as GetCallerIdentity read it, or why it could not be read
 * @param awsCalls calls made, by IAM action name ({@code logs:DescribeMetricFilters})
 */
public record ScanResult(Read<String> account, String region, Instant startedAt, Duration duration,
        List<ControlResult> results, SortedMap<String, Integer> awsCalls) {

    public ScanResult {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        results = List.copyOf(results);
        awsCalls = Collections.unmodifiableSortedMap(new TreeMap<>(awsCalls));
    }

    /** The account id for display (tables, JSON, logs): {@code unknown} when it could not be read. */
    public String accountId() {
        return account.isOk() ? account.value() : "unknown";
    }

    public int totalAwsCalls() {
        return awsCalls.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Count per status, every status present. */
    public Map<Status, Integer> counts() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, 0);
        }
        results.forEach(result -> counts.merge(result.status(), 1, Integer::sum));
        return counts;
    }

    public boolean allPassed() {
        return results.stream().allMatch(result -> result.status() == Status.PASSED);
    }
}
