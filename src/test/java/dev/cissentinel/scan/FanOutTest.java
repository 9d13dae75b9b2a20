package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fan-out with injected faults: a target that hangs, one that throws, an account whose targets cannot be listed.
 * Timing is asserted only as order (which report came first) and as bounds generous enough for a loaded machine.
 */
class FanOutTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    /** Targets are "account/index"; a job that records what it ran and how many ran at once. */
    private static class Recording implements FanOut.Job<String, String, String> {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final List<String> released = Collections.synchronizedList(new ArrayList<>());
        final int perAccount;

        Recording(int perAccount) {
            this.perAccount = perAccount;
        }

        @Override
        public List<String> targets(String account) {
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < perAccount; i++) {
                targets.add(account + "/" + i);
            }
            return targets;
        }

        @Override
        public String scan(String target) {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                work(target);
                return "ok " + target;
            } finally {
                inFlight.decrementAndGet();
            }
        }

        void work(String target) {
            sleep(20);
        }

        @Override
        public String failed(String target, Throwable why) {
            return "failed " + target + ": " + why.getMessage();
        }

        @Override
        public String unlisted(String account, Throwable why) {
            return "unlisted " + account + ": " + why.getMessage();
        }

        @Override
        public void release(String account) {
            released.add(account);
        }
    }

    @Test
    void manyTargets_neverMoreThanTheConcurrencyAtOnce_everyOneReportedOnce_everyAccountReleased() {
        Recording job = new Recording(3);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accounts.add("a" + i);
        }
        List<String> reports = new ArrayList<>();

        new FanOut<String, String, String>(4, LONG).run(accounts, job, reports::add);

        assertThat(reports).hasSize(60).allMatch(report -> report.startsWith("ok ")).doesNotHaveDuplicates();
        assertThat(job.peak.get()).isBetween(1, 4);
        assertThat(job.released).containsExactlyInAnyOrderElementsOf(accounts);
    }

    @Test
    void hangingTarget_reportedFailedAtItsDeadline_othersFinishFirstAndAreNotHeldUp() {
        CountDownLatch never = new CountDownLatch(1);
        Recording job = new Recording(1) {
            @Override
            void work(String target) {
                if (target.equals("slow/0")) {
                    try {
                        never.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    sleep(10);
                }
            }
        };
        List<String> accounts = new ArrayList<>(List.of("slow"));
        for (int i = 0; i < 12; i++) {
            accounts.add("a" + i);
        }
        List<String> reports = new ArrayList<>();

        // Concurrency 2: if the hanging target held its slot, the other twelve would share one slot, still finish;
        // what proves fairness is that all of them are reported before the hanging one's deadline ends it.
        new FanOut<String, String, String>(2, Duration.ofSeconds(3)).run(accounts, job, reports::add);
        never.countDown();

        assertThat(reports).hasSize(13);
        assertThat(reports.get(12)).startsWith("failed slow/0: the target did not finish within 3 s");
        assertThat(reports.subList(0, 12)).allMatch(report -> report.startsWith("ok a"));
    }

    @Test
    void throwingTargetAndUnlistableAccount_reportedAsSuch_theRestScanned() {
        Recording job = new Recording(2) {
            @Override
            public List<String> targets(String account) {
                if (account.equals("unlistable")) {
                    throw new IllegalStateException("ListRegions denied");
                }
                return super.targets(account);
            }

            @Override
            void work(String target) {
                if (target.equals("b/1")) {
                    throw new IllegalStateException("boom");
                }
            }
        };
        List<String> reports = Collections.synchronizedList(new ArrayList<>());

        new FanOut<String, String, String>(3, LONG).run(List.of("a", "unlistable", "b"), job, reports::add);

        assertThat(reports).containsExactlyInAnyOrder("ok a/0", "ok a/1", "ok b/0", "failed b/1: boom",
                "unlisted unlistable: ListRegions denied");
        assertThat(job.released).containsExactlyInAnyOrder("a", "unlistable", "b");
    }

    @Test
    void pastTheStartBy_targetsAreReportedNotStarted_noneIsScanned() {
        Recording job = new Recording(2);
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        List<String> reports = Collections.synchronizedList(new ArrayList<>());

        new FanOut<String, String, String>(2, LONG, Clock.fixed(now, ZoneOffset.UTC), now.minusSeconds(1))
                .run(List.of("a", "b"), job, reports::add);

        assertThat(reports).hasSize(4).allMatch(report -> report.startsWith("failed ")
                && report.contains("not started"));
        assertThat(job.peak.get()).isZero();
        assertThat(job.released).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void reportsAreHandedOnOneAtATime() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            accounts.add("a" + i);
        }

        new FanOut<String, String, String>(8, LONG).run(accounts, new Recording(2), report -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            sleep(2);
            inside.decrementAndGet();
        });

        assertThat(overlaps.get()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
