package dev.cissentinel.scan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs many targets, grouped by account, with at most {@code concurrency} targets in flight, each under a deadline.
 *
 * <ul>
 *   <li><b>Bounded.</b> A target runs only while it holds one of {@code concurrency} permits, and at most
 *   {@code concurrency} accounts are open (expanded into targets and not yet released), so what is held in memory
 *   — clients, snapshots, results not yet handed on — grows with the concurrency, not with the number of
 *   accounts. Each result goes to {@code done} as it comes; none is kept here.</li>
 *   <li><b>Fair.</b> A target that overruns its deadline is reported as failed ({@link Job#failed}) and its permit
 *   is returned at once, so a slow or throttled account never stalls the others. Its thread is not killed (the
 *   SDK's own call timeouts end it, docs/reliability.md); whatever it returns later is dropped.</li>
 *   <li><b>Isolated.</b> A target that throws is reported as failed, and the other targets go on.</li>
 *   <li><b>Finished in time.</b> With a start-by instant (a Lambda invocation's time less one target's deadline),
 *   a target not started by then is reported failed without being started, so the run ends before its host stops
 *   it.</li>
 * </ul>
 *
 * @param <A> an account
 * @param <T> a target
 * @param <R> a target's report
 */
public final class FanOut<A, T, R> {

    /** What the fan-out runs. {@code done} and the job's methods may be called from several threads at once. */
    public interface Job<A, T, R> {
        /** The account's targets (may call AWS, e.g. its enabled regions). */
        List<T> targets(A account);

        /** Scans one target. */
        R scan(T target);

        /** The report of a target that threw or overran its deadline. */
        R failed(T target, Throwable why);

        /** The report standing in for an account whose targets could not be listed. */
        R unlisted(A account, Throwable why);

        /** The account's targets are all done: drop what is held for it. */
        default void release(A account) {
        }
    }

    private final int concurrency;
    private final Duration targetDeadline;
    private final Clock clock;
    private final Instant startBy;

    public FanOut(int concurrency, Duration targetDeadline) {
        this(concurrency, targetDeadline, Clock.systemUTC(), Instant.MAX);
    }

    /** @param startBy no target is started after this instant ({@link Instant#MAX}: no limit) */
    public FanOut(int concurrency, Duration targetDeadline, Clock clock, Instant startBy) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.concurrency = concurrency;
        this.targetDeadline = Objects.requireNonNull(targetDeadline, "targetDeadline");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startBy = Objects.requireNonNull(startBy, "startBy");
    }

    /** Runs every account's targets and hands each report to {@code done} (serially) as it comes. */
    public void run(List<A> accounts, Job<A, T, R> job, Consumer<R> done) {
        Consumer<R> serial = new Consumer<>() {
            @Override
            public synchronized void accept(R report) {
                done.accept(report);
            }
        };
        Semaphore permits = new Semaphore(concurrency);
        ExecutorService accountThreads = Executors.newFixedThreadPool(Math.min(concurrency,
                Math.max(1, accounts.size())), named("cis-sentinel-account"));
        // Unbounded in threads, bounded by the permits: a target past its deadline keeps its thread until its SDK
        // call ends, without holding a permit.
        ExecutorService targetThreads = Executors.newCachedThreadPool(named("cis-sentinel-target"));
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (A account : accounts) {
                all.add(CompletableFuture.runAsync(() -> runAccount(account, job, serial, permits, targetThreads),
                        accountThreads));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } finally {
            accountThreads.shutdown();
            targetThreads.shutdownNow();
        }
    }

    private void runAccount(A account, Job<A, T, R> job, Consumer<R> done, Semaphore permits,
            ExecutorService targetThreads) {
        try {
            List<T> targets;
            try {
                targets = job.targets(account);
            } catch (RuntimeException | Error e) {
                done.accept(job.unlisted(account, e));
                return;
            }
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (T target : targets) {
                permits.acquireUninterruptibly();
                if (clock.instant().isAfter(startBy)) {
                    permits.release();
                    done.accept(job.failed(target, new TimeoutException("not started: no time was left to finish "
                            + "it before " + startBy)));
                    continue;
                }
                CompletableFuture<R> scan = CompletableFuture.supplyAsync(() -> job.scan(target), targetThreads);
                running.add(scan.orTimeout(targetDeadline.toMillis(), TimeUnit.MILLISECONDS)
                        .handle((report, error) -> {
                            permits.release();
                            done.accept(error == null ? report : job.failed(target, unwrap(error)));
                            return null;
                        }));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } finally {
            job.release(account);
        }
    }

    private Throwable unwrap(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof TimeoutException ? new TimeoutException("the target did not finish within "
                + targetDeadline.toSeconds() + " s") : cause;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
