package dev.cissentinel.scan;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What started a scan, for its logs (and, for change-triggered runs, its findings): a closed set, so adding a
 * trigger (docs/architecture.md, "Re-check on change", its last paragraph) is a new record here and a parser at the
 * edge that builds it.
 */
public sealed interface Trigger permits Trigger.CommandLine, Trigger.Schedule, Trigger.Invoke, Trigger.Change {

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

    /**
     * A re-check after CloudTrail recorded calls that can break or repair a link: one or more, coalesced.
     *
     * @param calls the calls, in arrival order, each once
     */
    record Change(List<ApiCall> calls) implements Trigger {
        public Change {
            calls = List.copyOf(calls);
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("a change trigger needs at least one call");
            }
        }

        /** The first call, and how many others: {@code cloudtrail:StopLogging:<id>:<principal> (+2 more)}. */
        @Override
        public String describe() {
            return calls.get(0).describe() + (calls.size() > 1 ? " (+" + (calls.size() - 1) + " more)" : "");
        }
    }

    /**
     * One CloudTrail-recorded API call.
     *
     * @param eventSource e.g. {@code cloudtrail.amazonaws.com}
     * @param eventName e.g. {@code StopLogging}
     * @param eventId CloudTrail's {@code eventID}
     * @param principalArn who called ({@code userIdentity.arn}, or the service that did)
     */
    record ApiCall(String eventSource, String eventName, String eventId, String principalArn) {
        public ApiCall {
            Stream.of(eventSource, eventName, eventId, principalArn).forEach(Objects::requireNonNull);
        }

        /** {@code cloudtrail:StopLogging:<event id>:<principal>}: the event source's first label, then the call. */
        public String describe() {
            int dot = eventSource.indexOf('.');
            return (dot > 0 ? eventSource.substring(0, dot) : eventSource) + ":" + eventName + ":" + eventId + ":"
                    + principalArn;
        }
    }
}
