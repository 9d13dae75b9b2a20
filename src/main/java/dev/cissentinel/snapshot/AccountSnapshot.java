package dev.cissentinel.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one scan read from the account, immutable, keyed the way the evaluator follows the chain. Each
 * link is a {@link Read}: what could not be read is recorded with the failure, never left out.
 *
 * <p>Maps hold only what the collector followed: status and selectors for multi-region trails, metric
 * filters for the log groups those trails name (keyed by log group ARN without the trailing {@code :*}),
 * alarms for the regions those groups are in, topics those alarms notify.
 *
 * @param accountId the caller's account ({@code GetCallerIdentity})
 * @param region the scanned region
 * @param alarms by region ({@link #alarmsKey}: another account's, read through a link role, by account and region);
 *     when the collector asked per metric, only the alarms on the metrics it asked about
 */
public record AccountSnapshot(Read<String> accountId, String region, Read<List<TrailRecord>> trails,
        Map<String, Read<Boolean>> trailLogging, Map<String, Read<EventSelectors>> eventSelectors,
        Map<String, Read<List<MetricFilterRecord>>> metricFilters, Map<String, Read<List<AlarmRecord>>> alarms,
        Map<String, Read<TopicRecord>> topics) {

    public AccountSnapshot {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(trails, "trails");
        trailLogging = Map.copyOf(trailLogging);
        eventSelectors = Map.copyOf(eventSelectors);
        metricFilters = Map.copyOf(metricFilters);
        alarms = Map.copyOf(alarms);
        topics = Map.copyOf(topics);
    }

    /**
     * The key {@link #alarms()} uses for the alarms a log group's filters lead to: the region, or, for a log group
     * in another account than the scanned one, that account and the region ({@code 111122223333/us-east-1}): CloudWatch
     * alarms see only their own account's metrics, so another account's are never mixed with the scanned one's.
     */
    public static String alarmsKey(Read<String> scannedAccount, String groupAccount, String region) {
        boolean other = scannedAccount.isOk() && !scannedAccount.value().isEmpty() && !groupAccount.isEmpty()
                && !groupAccount.equals(scannedAccount.value());
        return other ? otherAccountAlarmsKey(groupAccount, region) : region;
    }

    static String otherAccountAlarmsKey(String account, String region) {
        return account + "/" + region;
    }

    /** The key {@link #metricFilters()} uses for a log group ARN: the ARN without a trailing {@code :*}. */
    public static String logGroupKey(String logGroupArn) {
        return logGroupArn.endsWith(":*") ? logGroupArn.substring(0, logGroupArn.length() - 2) : logGroupArn;
    }
}
