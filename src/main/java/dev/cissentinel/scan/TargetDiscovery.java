package dev.cissentinel.scan;

import dev.cissentinel.aws.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.model.ListRegionsResponse;
import software.amazon.awssdk.services.account.model.RegionOptStatus;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;

/**
 * Which targets an organization scan has: the organization's ACTIVE accounts ({@code organizations:ListAccounts},
 * from the management account or a delegated administrator:
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html) and the regions enabled in
 * an account ({@code account:ListRegions} with status {@code ENABLED} or {@code ENABLED_BY_DEFAULT}, asked in the
 * account itself: https://docs.aws.amazon.com/accounts/latest/reference/API_ListRegions.html). SDK errors
 * propagate: the caller decides what a target it cannot list means. (EC2's DescribeRegions answers the same, but
 * its SDK module would add 75 MB to the function's artifact.)
 *
 * <p>An account is ACTIVE by its {@code State}; {@code Status}, which Organizations retires on September 9, 2026
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html), only when it has no
 * {@code State}. An organization listing with no ACTIVE account throws {@link NoAccounts}: an organization always
 * holds its management account, so an empty answer means the listing is wrong, and a scan of nothing must not pass.
 */
public final class TargetDiscovery {

    private static final String LIST_ACCOUNTS = "organizations:ListAccounts";
    private static final String LIST_REGIONS = "account:ListRegions";
    /** Every IAM action this class calls. */
    public static final List<String> IAM_ACTIONS = List.of(LIST_ACCOUNTS, LIST_REGIONS);
    /** The actions called with a member's credentials (its assumed role), the rest with the caller's. */
    public static final List<String> MEMBER_ACTIONS = List.of(LIST_REGIONS);
    /** Pages one listing may take (20 accounts a page): far more than the largest organizations hold. */
    static final int MAX_PAGES = 1000;

    private TargetDiscovery() {
    }

    /** The organization's listing held no ACTIVE account: nothing could be scanned. */
    public static final class NoAccounts extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoAccounts(int listed) {
            super(LIST_ACCOUNTS + " answered " + listed + " account(s), none of them ACTIVE: nothing to scan");
        }
    }

    /**
     * The ids of the organization's ACTIVE accounts, in id order (suspended and closing ones are skipped).
     *
     * @throws NoAccounts when there is none
     */
    public static List<String> activeAccounts(AwsClients caller, Region region) {
        Region endpoint = Region.of(globalRegion(region));
        Set<String> ids = new TreeSet<>();
        Set<String> tokens = new TreeSet<>();
        String token = null;
        int pages = 0;
        int listed = 0;
        do {
            String current = token;
            ListAccountsResponse page = caller.organizations(endpoint).listAccounts(r -> r.nextToken(current));
            for (Account account : page.accounts()) {
                listed++;
                if (active(account)) {
                    ids.add(account.id());
                }
            }
            token = page.nextToken();
            if (token != null && (!tokens.add(token) || ++pages >= MAX_PAGES)) {
                throw new IllegalStateException(LIST_ACCOUNTS + " did not stop paginating after " + pages
                        + " pages");
            }
        } while (token != null && !token.isEmpty());
        if (ids.isEmpty()) {
            throw new NoAccounts(listed);
        }
        return new ArrayList<>(ids);
    }

    /** ACTIVE by {@code State} when the answer has one, else by the retiring {@code Status}. */
    static boolean active(Account account) {
        if (account.stateAsString() != null) {
            return account.state() == AccountState.ACTIVE;
        }
        return account.status() == AccountStatus.ACTIVE;
    }

    /** The regions enabled in the account {@code clients} act in, in name order. */
    public static List<Region> enabledRegions(AwsClients clients, Region region) {
        Region endpoint = Region.of(globalRegion(region));
        Set<String> names = new TreeSet<>();
        Set<String> tokens = new TreeSet<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListRegionsResponse page = clients.account(endpoint).listRegions(r -> r.nextToken(current)
                    .regionOptStatusContainsWithStrings(RegionOptStatus.ENABLED.toString(),
                            RegionOptStatus.ENABLED_BY_DEFAULT.toString()));
            page.regions().forEach(r -> names.add(r.regionName()));
            token = page.nextToken();
            if (token != null && (!tokens.add(token) || ++pages >= MAX_PAGES)) {
                throw new IllegalStateException(LIST_REGIONS + " did not stop paginating after " + pages + " pages");
            }
        } while (token != null && !token.isEmpty());
        return names.stream().map(Region::of).toList();
    }

    /** The SDK's global region of a partition, where Organizations answers. */
    private static String globalRegion(Region region) {
        String partition = dev.cissentinel.aws.Partition.of(region.id());
        return switch (partition) {
            case "aws" -> "aws-global";
            case "aws-cn" -> "aws-cn-global";
            case "aws-us-gov" -> "aws-us-gov-global";
            default -> region.id();
        };
    }
}
