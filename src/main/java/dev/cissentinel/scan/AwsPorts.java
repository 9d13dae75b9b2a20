package dev.cissentinel.scan;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.aws.RoleSessions;
import dev.cissentinel.aws.RoleSessions.Assumed;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.CrossAccountLinks;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.ReadFailure;
import java.util.List;
import java.util.Map;
import dev.cissentinel.confirm.CloudWatchLogsTester;
import dev.cissentinel.publish.FindingBatch;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.publish.SecurityHubPublisher;
import dev.cissentinel.publish.StoredFinding;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Ownership;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationExecutor;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.remediate.TopicCheck;
import dev.cissentinel.snapshot.SnapshotReader;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;

/**
 * The production {@link ScanPorts}, and the only place they are wired: each target's {@link SnapshotReader},
 * {@link CloudWatchLogsTester}, {@link SecurityHubPublisher} and {@link RemediationExecutor} over one
 * {@link AwsClients}, whose {@link CallRecorder} counts the calls. Those four classes make every AWS call a scan
 * makes and declare the IAM actions they need (the least-privilege check compares them with template.yaml).
 *
 * <p>Targets: the caller's account with the caller's credentials; another account ({@link TargetAccount.Named})
 * through {@link RoleSessions}: the role {@code roleName} assumed there, one session per account for the scan,
 * dropped by {@link #release}. A listed account that is the caller's own is scanned with the caller's credentials.
 * Each target's calls are counted on its own thread ({@link CallRecorder#threadCounts}), so targets scanned at once
 * do not mix their counts.
 */
public final class AwsPorts implements FleetPorts {

    private final AwsClients clients;
    private final CallRecorder calls;
    private final Clock clock;
    private final Optional<String> roleName;
    private final RoleSessions sessions;
    /** Sessions for links in other accounts: kept for the whole scan, since every member may lead there. */
    private final RoleSessions linkSessions;
    private final CrossAccountLinks links;

    /** @param clients clients built with {@code calls} as an interceptor, so every AWS call is counted */
    public AwsPorts(AwsClients clients, CallRecorder calls, Clock clock) {
        this(clients, calls, clock, Optional.empty(), Optional.empty(), Optional.empty(), Region.US_EAST_1);
    }

    private AwsPorts(AwsClients clients, CallRecorder calls, Clock clock, Optional<String> roleName,
            Optional<String> linkRoleName, Optional<String> externalId, Region home) {
        Stream.of(clients, calls, clock, roleName, linkRoleName, externalId, home).forEach(Objects::requireNonNull);
        this.clients = clients;
        this.calls = calls;
        this.clock = clock;
        this.roleName = roleName;
        this.sessions = new RoleSessions(clients, home, externalId, clock);
        this.linkSessions = new RoleSessions(clients, home, externalId, clock);
        this.links = new CrossAccountLinks(owner -> reachOwner(owner, linkRoleName, home));
    }

    /**
     * These ports, reaching other accounts as {@code role} and the owners of links in other accounts as
     * {@code linkRole}, both assumed at the STS endpoint of {@code home} with {@code externalId} when given.
     */
    public AwsPorts withRoles(Optional<String> role, Optional<String> linkRole, Optional<String> externalId,
            Region home) {
        return new AwsPorts(clients, calls, clock, role, linkRole, externalId, home);
    }

    /** How a link's owning account is reached: the caller's credentials there, else the link role. */
    private CrossAccountLinks.Reach reachOwner(String owner, Optional<String> linkRole, Region home) {
        if (sessions.callerAccount().filter(owner::equals).isPresent()) {
            return new CrossAccountLinks.Reach.Via(clients, "the caller's credentials");
        }
        if (linkRole.isEmpty()) {
            return new CrossAccountLinks.Reach.Unreachable("give --link-role-name NAME, a role in account " + owner
                    + " the scan may assume (" + RoleSessions.roleArn(owner, "NAME", home) + "), or scan from that "
                    + "account");
        }
        Assumed assumed = linkSessions.assume(owner, linkRole.get());
        if (assumed instanceof Assumed.Refused refused) {
            return new CrossAccountLinks.Reach.Unreachable("assuming " + refused.roleArn() + " to read it failed: "
                    + refused.errorCode() + (refused.message().isEmpty() ? "" : " (" + refused.message() + ")")
                    + "; that role would settle it");
        }
        return new CrossAccountLinks.Reach.Via(((Assumed.Ok) assumed).clients(), assumed.roleArn());
    }

    /** The shared cache of links read in other accounts, for tests and the benchmark. */
    public CrossAccountLinks links() {
        return links;
    }

    /** The SDK's defaults: credentials chain, endpoint resolution (incl. {@code AWS_ENDPOINT_URL}). */
    public static AwsPorts create(Clock clock) {
        CallRecorder calls = new CallRecorder();
        return new AwsPorts(AwsClients.builder().interceptor(calls).build(), calls, clock);
    }

    @Override
    public TargetPorts open(Target target) {
        Region region = target.region();
        Optional<Assumed.Refused> refused = refused(target.account());
        if (refused.isPresent()) {
            return unreachablePorts(target, refused.get());
        }
        AwsClients on = clients(target.account());
        CloudWatchLogsTester tester = CloudWatchLogsTester.create(on);
        return new TargetPorts(deadline -> new SnapshotReader(on, deadline, links).read(region), tester::ask,
                new Findings(SecurityHubPublisher.create(on.securityHub(region), ToolVersion.get())),
                new Executor(new RemediationExecutor(on)), new Calls(calls));
    }

    /** The clients that act as {@code account}; only for an account {@link #refused} says is reachable. */
    private AwsClients clients(TargetAccount account) {
        Assumed assumed = assumed(account);
        if (assumed == null) {
            return clients;
        }
        return ((Assumed.Ok) assumed).clients();
    }

    /** The role session of {@code account}, or null when the caller's own credentials act there. */
    private Assumed assumed(TargetAccount account) {
        if (!(account instanceof TargetAccount.Named named) || sessions.callerAccount().filter(named.id()::equals)
                .isPresent()) {
            return null;
        }
        if (roleName.isEmpty()) {
            throw new IllegalArgumentException("cannot scan " + account + ": no role name to assume there");
        }
        return sessions.assume(named.id(), roleName.get());
    }

    private Optional<Assumed.Refused> refused(TargetAccount account) {
        return assumed(account) instanceof Assumed.Refused refused ? Optional.of(refused) : Optional.empty();
    }

    @Override
    public Optional<String> unreachable(Target target) {
        return refused(target.account()).map(refused -> "cannot assume " + refused.roleArn() + ": "
                + refused.errorCode() + (refused.message().isEmpty() ? "" : " (" + refused.message() + ")"));
    }

    /**
     * A target whose role was refused: its snapshot records the refusal in place of the trails, so every control
     * is NOT_AVAILABLE naming the role and AWS's error; nothing is published or changed there.
     */
    private TargetPorts unreachablePorts(Target target, Assumed.Refused refused) {
        String account = target.account().accountId().orElseThrow();
        ReadFailure failure = new ReadFailure("sts:AssumeRole", refused.region(), refused.roleArn(),
                new FailureCause.AwsError(refused.errorCode(), refused.message().isEmpty()
                        ? "the role could not be assumed" : refused.message()));
        AccountSnapshot snapshot = new AccountSnapshot(Read.ok(account), target.region().id(),
                Read.unreadable(failure), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
        ChangeSink none = new ChangeSink() {
            @Override
            public Optional<TopicCheck> checkNamedTopic(RemediationOptions options) {
                return Optional.empty();
            }

            @Override
            public Ownership ownership(Plan plan, RemediationOptions options) {
                throw new IllegalStateException("remediation cannot reach " + target + ": " + failure.describe());
            }

            @Override
            public ApplyResult apply(Plan plan) {
                throw new IllegalStateException("remediation cannot reach " + target + ": " + failure.describe());
            }
        };
        FindingSink nowhere = new FindingSink() {
            @Override
            public PublishResult publish(dev.cissentinel.publish.FindingBatch batch) {
                return new PublishResult(0, 0, List.of());
            }

            @Override
            public List<dev.cissentinel.publish.StoredFinding> stored(String accountId, String region) {
                return List.of();
            }
        };
        return new TargetPorts(deadline -> snapshot, (questions, deadline) -> Map.of(), nowhere, none,
                new Calls(calls));
    }

    @Override
    public List<String> organizationAccounts(Region home) {
        return TargetDiscovery.activeAccounts(clients, home);
    }

    @Override
    public List<Region> enabledRegions(TargetAccount account, Region home) {
        if (refused(account).isPresent()) {
            return List.of(home);
        }
        return TargetDiscovery.enabledRegions(clients(account), home);
    }

    @Override
    public Optional<String> callerAccount(Region home) {
        return sessions.callerAccount();
    }

    @Override
    public void release(TargetAccount account) {
        account.accountId().ifPresent(sessions::forget);
    }

    @Override
    public void close() {
        sessions.close();
        linkSessions.close();
        clients.close();
    }

    /** Remediation through the executor, which makes the calls (and so is the class that declares them). */
    private record Executor(RemediationExecutor executor) implements ChangeSink {
        @Override
        public Optional<TopicCheck> checkNamedTopic(RemediationOptions options) {
            return executor.checkNamedTopic(options);
        }

        @Override
        public Ownership ownership(Plan plan, RemediationOptions options) {
            return executor.ownership(plan, options);
        }

        @Override
        public ApplyResult apply(Plan plan) {
            return executor.apply(plan);
        }
    }

    private record Findings(SecurityHubPublisher publisher) implements FindingSink {
        @Override
        public PublishResult publish(FindingBatch batch) {
            return publisher.publish(batch);
        }

        @Override
        public List<StoredFinding> stored(String accountId, String region) {
            return publisher.stored(accountId, region);
        }
    }

    private record Calls(CallRecorder recorder) implements CallCount {
        @Override
        public void reset() {
            recorder.resetThread();
        }

        @Override
        public SortedMap<String, Integer> counts() {
            return recorder.threadCounts();
        }
    }
}
