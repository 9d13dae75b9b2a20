package dev.cissentinel.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a scan must stop reading: from the Lambda's remaining time (less a margin to judge and publish) or the
 * CLI's {@code --timeout}. A read not started in time is recorded as a {@link ReadFailure} with cause
 * {@link FailureCause.Deadline}, so the controls that needed it become NOT_AVAILABLE with reason DEADLINE.
 */
public record Deadline(Clock clock, Instant at) {

    public Deadline {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(at, "at");
    }

    /** No deadline. */
    public static Deadline none() {
        return new Deadline(Clock.systemUTC(), Instant.MAX);
    }

    /** {@code budget} from now on {@code clock}. */
    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock, clock.instant().plus(budget));
    }

    public boolean passed() {
        return !clock.instant().isBefore(at);
    }

    /** The failure recorded for a read the deadline stopped. */
    ReadFailure stopped(String action, String region, String resource) {
        return new ReadFailure(action, region, resource, new FailureCause.Deadline());
    }
}
