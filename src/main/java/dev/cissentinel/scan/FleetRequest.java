package dev.cissentinel.scan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * A scan of many targets ({@code scan --accounts}, {@code --organization}, {@code --regions}): which accounts, which
 * regions, how to reach them and how many at once. Every target is scanned as {@link #base} says (controls, pattern
 * mode, publishing, remediation, reading timeout); {@code base}'s one target's region is the home region, where STS
 * and Organizations are asked and which is scanned when no regions are given. Validated by {@link FleetInput}
 * before any AWS call.
 *
 * @param roleName the role assumed in each account other than the caller's; empty scans only the caller's
 * @param targetDeadline how long one target may take in all (reading, judging, publishing) before the fan-out
 *     reports it failed and goes on
 * @param startBy no target is started after this instant ({@link java.time.Instant#MAX}: no limit); a Lambda
 *     invocation's end less one target's deadline
 */
public record FleetRequest(ScanRequest base, Accounts accounts, Regions regions, Optional<String> roleName,
        int concurrency, Duration targetDeadline, java.time.Instant startBy) {

    /** Targets in flight by default. */
    public static final int DEFAULT_CONCURRENCY = 8;

    public FleetRequest {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(regions, "regions");
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(targetDeadline, "targetDeadline");
        Objects.requireNonNull(startBy, "startBy");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (!(accounts instanceof Accounts.CallerOnly) && roleName.isEmpty()) {
            throw new IllegalArgumentException("scanning other accounts needs a role name");
        }
    }

    /** A request without a start-by limit (the command line). */
    public FleetRequest(ScanRequest base, Accounts accounts, Regions regions, Optional<String> roleName,
            int concurrency, Duration targetDeadline) {
        this(base, accounts, regions, roleName, concurrency, targetDeadline, java.time.Instant.MAX);
    }

    /** The home region: STS, Organizations, and the region scanned when none are given. */
    public Region home() {
        return base.target().region();
    }

    /** Which accounts. */
    public sealed interface Accounts permits Accounts.Listed, Accounts.Organization, Accounts.CallerOnly {
        /** {@code --accounts}: these ids, in the order given. */
        record Listed(List<String> ids) implements Accounts {
            public Listed {
                ids = List.copyOf(ids);
            }
        }

        /** {@code --organization}: the organization's ACTIVE accounts. */
        record Organization() implements Accounts {
        }

        /** Only the caller's account (e.g. {@code --regions all} alone). */
        record CallerOnly() implements Accounts {
        }
    }

    /** Which regions of each account. */
    public sealed interface Regions permits Regions.Listed, Regions.Enabled {
        /** These regions (the home region alone when none were given). */
        record Listed(List<Region> regions) implements Regions {
            public Listed {
                regions = List.copyOf(regions);
            }
        }

        /** {@code --regions all}: the regions enabled in each account. */
        record Enabled() implements Regions {
        }
    }
}
