package dev.cissentinel.scan;

import dev.cissentinel.confirm.Answer;
import dev.cissentinel.confirm.Question;
import dev.cissentinel.publish.FindingBatch;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.publish.StoredFinding;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Ownership;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.remediate.TopicCheck;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.Deadline;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Everything {@link Scan} needs from outside, one target at a time: the seam between the scan's logic and AWS.
 * Production wires them with {@link AwsPorts} (the one factory that builds the reader, the publisher, the
 * remediation executor and the TestMetricFilter caller over one set of clients); unit tests pass fakes.
 *
 * <p>A target's ports hold that account's and region's clients: for the caller's account, the default
 * credentials; for another account (organization scans), an assumed role's, so each target reads, confirms,
 * publishes and remediates as itself (Security Hub takes a finding only from its own account).
 */
public interface ScanPorts extends AutoCloseable {

    /** The collaborators for one target; called once per target and run. */
    TargetPorts open(Target target);

    /**
     * Why {@code target}'s account cannot be reached (its role could not be assumed), or empty. A scan of an
     * unreachable target still reads (its controls become NOT_AVAILABLE, naming the role) but publishes nothing:
     * Security Hub takes an account's findings only from that account.
     */
    default Optional<String> unreachable(Target target) {
        return Optional.empty();
    }

    /**
     * The account the ports' own credentials act in ({@code sts:GetCallerIdentity}, which needs no grant), when STS
     * says; empty when it cannot be told.
     */
    default java.util.Optional<String> callerAccount(software.amazon.awssdk.regions.Region home) {
        return java.util.Optional.empty();
    }

    /** The scan is done with every target of {@code account}: drop its clients and credentials. */
    default void release(TargetAccount account) {
    }

    /** Releases what the ports hold (clients, connections). */
    @Override
    default void close() {
    }

    /**
     * One target's collaborators.
     *
     * @param snapshots reads the target's chain
     * @param filterTester asks AWS's evaluator about filters ({@code --confirm-with-aws})
     * @param findings publishes the target's findings and reads the ones it has
     * @param changes reads what remediation planning needs and sends a plan
     * @param calls counts the AWS calls made through these ports, for the scan's {@code awsCalls}
     */
    record TargetPorts(SnapshotSource snapshots, FilterTester filterTester, FindingSink findings,
            ChangeSink changes, CallCount calls) {
        public TargetPorts {
            Stream.of(snapshots, filterTester, findings, changes, calls).forEach(Objects::requireNonNull);
        }
    }

    /** A target's chain as one immutable snapshot. */
    @FunctionalInterface
    interface SnapshotSource {
        /** Never throws for an AWS error: a failed read is recorded in the snapshot. */
        AccountSnapshot read(Deadline deadline);
    }

    /** AWS's own evaluator, asked about the filters behind verdicts. */
    @FunctionalInterface
    interface FilterTester {
        /** An answer for every question, in their order; none is asked once the deadline has passed. */
        Map<Question, Answer> ask(List<Question> questions, Deadline deadline);
    }

    /** Where a target's findings go, and what they say now (for a re-check after a change). */
    interface FindingSink {
        /** @throws PublishException when the findings cannot be delivered, saying how to fix it */
        PublishResult publish(FindingBatch batch);

        /**
         * This tool's active findings in the account and region: one read.
         *
         * @throws PublishException when Security Hub cannot be read, saying how to fix it
         */
        List<StoredFinding> stored(String accountId, String region);
    }

    /** Remediation's side effects: the reads planning needs beyond the snapshot, and sending a plan. */
    interface ChangeSink {
        /** The attributes of the topic the user named, when one was named. */
        Optional<TopicCheck> checkNamedTopic(RemediationOptions options);

        /** Which existing resources the plan would write to lack this tool's tag. */
        Ownership ownership(Plan plan, RemediationOptions options);

        /** Sends the plan's changes in order, stopping at the first failure. */
        ApplyResult apply(Plan plan);
    }

    /** AWS calls by IAM action ({@code logs:DescribeMetricFilters}). */
    interface CallCount {
        void reset();

        SortedMap<String, Integer> counts();
    }
}
