package dev.cissentinel.scan;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * What started a scan, for its logs (and, for change-triggered runs, its findings): a closed set, so adding a
 * trigger (docs/architecture.md, "Adding a trigger") is a new record here and a parser at the edge that builds it.
 */
public sealed interface Trigger permits Trigger.CommandLine, Trigger.Schedule, Trigger.Invoke {

    /** One line for the logs, e.g. {@code schedule:aws.scheduler:<event id>}. */
    String describe();

    /** {@code cis-sentinel scan} (or {@code demo}). */
    static Trigger commandLine() {
        return new CommandLine();
    }

    /** The command line. */
    record CommandLine() implements Trigger {
        @Override
        public String describe() {
            return "cli";
        }
    }

    /**
     * An EventBridge schedule's event.
     *
     * @param source {@code aws.events} (a rule) or {@code aws.scheduler}
     * @param eventId the event's {@code id}, {@code ?} when it had none
     */
    record Schedule(String source, String eventId) implements Trigger {
        public Schedule {
            Stream.of(source, eventId).forEach(Objects::requireNonNull);
        }

        @Override
        public String describe() {
            return "schedule:" + source + ":" + eventId;
        }
    }

    /** A direct invocation of the function: {@code {}} or an object of overrides. */
    record Invoke() implements Trigger {
        @Override
        public String describe() {
            return "direct";
        }
    }
}
