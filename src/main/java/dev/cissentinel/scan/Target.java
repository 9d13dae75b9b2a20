package dev.cissentinel.scan;

import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * One place a scan judges: an account and a region. A finding belongs to exactly one target
 * ({@code cis-sentinel/<account>/<region>/<control>}); the {@link ScanPorts} give each target its own clients.
 */
public record Target(TargetAccount account, Region region) {

    public Target {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
    }

    /** The caller's own account, in {@code region}: a single scan's one target. */
    public static Target caller(Region region) {
        return new Target(TargetAccount.CALLER, region);
    }

    @Override
    public String toString() {
        return account + " in " + region.id();
    }
}
