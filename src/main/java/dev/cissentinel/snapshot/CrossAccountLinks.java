package dev.cissentinel.snapshot;

import dev.cissentinel.aws.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;

/**
 * Links of a chain that live in another account — the log group an organization trail delivers to, the alarms on
 * its filters, their topics, or a topic an alarm notifies in a security account — read in the account that owns
 * them, through a role there ({@code --link-role-name}), once per scan however many scanned accounts lead to them.
 *
 * <p>Consulted by {@link SnapshotReader} exactly where it would otherwise record {@code CrossAccountResource}.
 * Each read is cached by owning account, region and resource (and, for alarms, the metrics asked about), shared
 * by every target of the scan; concurrent targets wanting the same link wait for the one read. A read cut short by
 * its target's deadline is not kept, so the next target reads again. When the owning account cannot be reached
 * (no link role, or the role is refused) the link stays {@code CrossAccountResource}, and the message names the
 * role that would settle it.
 */
public final class CrossAccountLinks {

    /** How to reach an owning account. */
    public sealed interface Reach permits Reach.Via, Reach.Unreachable {
        /** Clients acting in the owning account; {@code how} says as whom (a role ARN, or the caller). */
        record Via(AwsClients clients, String how) implements Reach {
        }

        /** Why not, naming the role that would settle it. */
        record Unreachable(String why) implements Reach {
        }
    }

    /** No links: every link in another account is {@code CrossAccountResource}, as before organization scans. */
    public static CrossAccountLinks none(Function<String, String> hint) {
        return new CrossAccountLinks(owner -> new Reach.Unreachable(hint.apply(owner)));
    }

    private final Function<String, Reach> access;
    private final Map<String, Reach> reached = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Read<?>>> cache = new ConcurrentHashMap<>();

    /** @param access how to reach an owning account, asked once per owner and scan */
    public CrossAccountLinks(Function<String, Reach> access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    /** How {@code owner} is reached, asked once. */
    Reach reach(String owner) {
        return reached.computeIfAbsent(owner, access);
    }

    /** The metric filters of a log group in {@code owner}'s account, read there once per scan. */
    Read<List<MetricFilterRecord>> metricFilters(String owner, Region region, String logGroupArn, Deadline deadline,
            Function<Reach.Unreachable, Read<List<MetricFilterRecord>>> unreachable,
            Function<SnapshotReader, Read<List<MetricFilterRecord>>> read) {
        return cached(owner, "filters|" + owner + "|" + region.id() + "|" + logGroupArn, deadline, unreachable, read);
    }

    /** The alarms of {@code owner}'s account in {@code region} that may watch {@code metrics}. */
    Read<List<AlarmRecord>> alarms(String owner, Region region, String metrics, Deadline deadline,
            Function<Reach.Unreachable, Read<List<AlarmRecord>>> unreachable,
            Function<SnapshotReader, Read<List<AlarmRecord>>> read) {
        return cached(owner, "alarms|" + owner + "|" + region.id() + "|" + metrics, deadline, unreachable, read);
    }

    /** A topic of {@code owner}'s account and its subscriptions. */
    Read<TopicRecord> topic(String owner, String topicArn, Deadline deadline,
            Function<Reach.Unreachable, Read<TopicRecord>> unreachable,
            Function<SnapshotReader, Read<TopicRecord>> read) {
        return cached(owner, "topic|" + topicArn, deadline, unreachable, read);
    }

    @SuppressWarnings("unchecked")
    private <T> Read<T> cached(String owner, String key, Deadline deadline,
            Function<Reach.Unreachable, Read<T>> unreachable, Function<SnapshotReader, Read<T>> read) {
        Reach reach = reach(owner);
        if (reach instanceof Reach.Unreachable no) {
            return unreachable.apply(no);
        }
        SnapshotReader there = new SnapshotReader(((Reach.Via) reach).clients(), deadline, this);
        CompletableFuture<Read<?>> mine = new CompletableFuture<>();
        CompletableFuture<Read<?>> existing = cache.putIfAbsent(key, mine);
        if (existing != null) {
            return (Read<T>) existing.join();
        }
        Read<T> value;
        try {
            value = read.apply(there);
        } catch (RuntimeException | Error e) {
            cache.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        if (!value.isOk() && value.failure().cause() instanceof FailureCause.Deadline) {
            cache.remove(key, mine);
        }
        mine.complete(value);
        return value;
    }

    /** For tests and the benchmark: how many link reads were made (not served from the cache). */
    public int reads() {
        return cache.size();
    }
}
