package dev.cissentinel.scan;

import java.util.List;
import software.amazon.awssdk.regions.Region;

/** What a scan of many targets needs beyond each target's {@link ScanPorts}: which accounts and regions there are. */
public interface FleetPorts extends ScanPorts {

    /** The organization's ACTIVE accounts, as seen by the caller (management or delegated administrator account). */
    List<String> organizationAccounts(Region home);

    /**
     * The regions enabled in {@code account}; the home region alone when the account cannot be reached (its targets'
     * controls then say why).
     */
    List<Region> enabledRegions(TargetAccount account, Region home);

    /** The caller's own account, when STS says; a listed account equal to it is scanned with the caller's keys. */
    @Override
    java.util.Optional<String> callerAccount(Region home);
}
