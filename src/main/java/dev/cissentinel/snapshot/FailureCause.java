package dev.cissentinel.snapshot;

import java.util.Objects;

/**
 * Why one read did not succeed: AWS answered with an error, or cis-sentinel did not make (or finish) the call.
 * The controls' evaluator turns each kind into its reason code ({@code docs/controls.md}, NOT_AVAILABLE) with an
 * exhaustive switch over {@link #kind()}, so a new kind fails to compile until every switch handles it.
 *
 * <p>{@link #code()} is what the JSON output's {@code errorCode} and a finding's {@code cis-sentinel/ReadFailure}
 * print: AWS's error code, or, for our own kinds, the record's name ({@code Deadline}, {@code PaginationLoop}…),
 * so the text stays what it was when the cause was a string.
 */
public sealed interface FailureCause permits FailureCause.AwsError, FailureCause.CrossAccountResource,
        FailureCause.Deadline, FailureCause.PaginationLoop, FailureCause.InvalidArn, FailureCause.NotRead {

    /** The kinds, one per permitted type: switch expressions over it have no default. */
    enum Kind { AWS_ERROR, CROSS_ACCOUNT_RESOURCE, DEADLINE, PAGINATION_LOOP, INVALID_ARN, NOT_READ }

    Kind kind();

    /** The error code printed for this failure: AWS's code, or the name of our own kind. */
    default String code() {
        return getClass().getSimpleName();
    }

    /** What a person should know: AWS's message, or ours saying what to do; may be empty. */
    String message();

    /**
     * The service answered with an error, or the SDK gave up (no connection, a timeout).
     *
     * @param code AWS's error code ({@code AccessDeniedException}), else the SDK exception's class name
     */
    record AwsError(String code, String message) implements FailureCause {
        public AwsError {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Kind kind() {
            return Kind.AWS_ERROR;
        }

        /** Whether AWS answered with exactly this error code. */
        public boolean is(String awsCode) {
            return code.equals(awsCode);
        }
    }

    /**
     * The resource belongs to another account, so its contents are readable only from there: not asked.
     *
     * @param ownerAccount the account in the resource's ARN
     * @param scannedAccount the account the scan runs as
     * @param settle what would let a scan read it, e.g. {@code scan from that account}
     */
    record CrossAccountResource(String ownerAccount, String scannedAccount, String settle) implements FailureCause {
        public CrossAccountResource {
            Objects.requireNonNull(ownerAccount, "ownerAccount");
            Objects.requireNonNull(scannedAccount, "scannedAccount");
            Objects.requireNonNull(settle, "settle");
        }

        /** A resource of {@code ownerAccount} that only a scan from that account can read. */
        public static CrossAccountResource of(String ownerAccount, String scannedAccount) {
            return new CrossAccountResource(ownerAccount, scannedAccount, "scan from that account");
        }

        @Override
        public Kind kind() {
            return Kind.CROSS_ACCOUNT_RESOURCE;
        }

        @Override
        public String message() {
            return "the resource belongs to account " + ownerAccount + ", not the scanned account " + scannedAccount
                    + "; it can be read only from account " + ownerAccount + ": " + settle;
        }
    }

    /** The scan's deadline passed before this read was started. */
    record Deadline() implements FailureCause {
        @Override
        public Kind kind() {
            return Kind.DEADLINE;
        }

        @Override
        public String message() {
            return "the scan's deadline passed before this was read; give the scan more time (Lambda timeout, or "
                    + "--timeout)";
        }
    }

    /**
     * A paginated read stopped: a next token came back that was already followed, or there were more pages than
     * one read may take.
     *
     * @param pagesRead pages read when it stopped
     * @param tokenRepeated true for a repeated next token, false for too many pages
     */
    record PaginationLoop(int pagesRead, boolean tokenRepeated) implements FailureCause {
        @Override
        public Kind kind() {
            return Kind.PAGINATION_LOOP;
        }

        @Override
        public String message() {
            return tokenRepeated ? "page " + pagesRead + " returned a next token already followed; stopped reading"
                    : "more pages after " + pagesRead + "; stopped reading";
        }
    }

    /**
     * An ARN the account holds (a trail's log group, an alarm's action) is not one the read can follow.
     *
     * @param expected what the ARN should have been, e.g. {@code the trail's CloudWatchLogsLogGroupArn is not a log
     *     group ARN with a region}
     */
    record InvalidArn(String arn, String expected) implements FailureCause {
        public InvalidArn {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public Kind kind() {
            return Kind.INVALID_ARN;
        }

        @Override
        public String message() {
            return expected;
        }
    }

    /** The snapshot has no entry for a resource a chain reached: the reader did not read it (a bug). */
    record NotRead() implements FailureCause {
        @Override
        public Kind kind() {
            return Kind.NOT_READ;
        }

        @Override
        public String message() {
            return "the scan did not read this resource";
        }
    }
}
