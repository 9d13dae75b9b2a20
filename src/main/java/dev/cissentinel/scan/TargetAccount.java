package dev.cissentinel.scan;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose account a {@link Target} is: {@link Caller}, the account the SDK's credentials reach, whose id the scan
 * learns from {@code sts:GetCallerIdentity}, or {@link Named}, an account of an organization or an account list
 * (docs/architecture.md, "Many accounts and regions"): the {@link ScanPorts} that opens it decides how to reach it
 * (the caller's own credentials when it is the caller's account, else an assumed role).
 */
public sealed interface TargetAccount permits TargetAccount.Caller, TargetAccount.Named {

    /** The account the default credentials reach. */
    TargetAccount CALLER = new Caller();

    /** The account id when it is known before reading; empty for the caller's, which the snapshot reads. */
    Optional<String> accountId();

    /** The account the SDK's credentials reach. */
    record Caller() implements TargetAccount {
        @Override
        public Optional<String> accountId() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "the caller's account";
        }
    }

    /** An account named by its 12-digit id. */
    record Named(String id) implements TargetAccount {
        public Named {
            Objects.requireNonNull(id, "id");
            if (!id.matches("\\d{12}")) {
                throw new IllegalArgumentException("an AWS account id has 12 digits, not " + Quote.of(id));
            }
        }

        @Override
        public Optional<String> accountId() {
            return Optional.of(id);
        }

        @Override
        public String toString() {
            return "account " + id;
        }
    }
}
