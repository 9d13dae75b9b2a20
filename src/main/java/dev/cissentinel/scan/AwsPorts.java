package dev.cissentinel.scan;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
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
 * <p>Targets: the caller's account only. Another account's target needs that account's clients (an assumed
 * role's credentials, cached per account): the place to add it is {@link #clients(TargetAccount)}
 * (docs/architecture.md, "Adding a target kind").
 */
public final class AwsPorts implements ScanPorts {

    private final AwsClients clients;
    private final CallRecorder calls;
    private final Clock clock;

    /** @param clients clients built with {@code calls} as an interceptor, so every AWS call is counted */
    public AwsPorts(AwsClients clients, CallRecorder calls, Clock clock) {
        Stream.of(clients, calls, clock).forEach(Objects::requireNonNull);
        this.clients = clients;
        this.calls = calls;
        this.clock = clock;
    }

    /** The SDK's defaults: credentials chain, endpoint resolution (incl. {@code AWS_ENDPOINT_URL}). */
    public static AwsPorts create(Clock clock) {
        CallRecorder calls = new CallRecorder();
        return new AwsPorts(AwsClients.builder().interceptor(calls).build(), calls, clock);
    }

    @Override
    public TargetPorts open(Target target) {
        AwsClients on = clients(target.account());
        Region region = target.region();
        CloudWatchLogsTester tester = CloudWatchLogsTester.create(on);
        return new TargetPorts(deadline -> new SnapshotReader(on, deadline).read(region), tester::ask,
                new Findings(SecurityHubPublisher.create(on.securityHub(region), ToolVersion.get())),
                new Executor(new RemediationExecutor(on)), new Calls(calls));
    }

    /** The clients that act as {@code account}. */
    private AwsClients clients(TargetAccount account) {
        if (account instanceof TargetAccount.Caller) {
            return clients;
        }
        throw new IllegalArgumentException("cannot scan " + account + ": this version scans only the account its "
                + "credentials reach");
    }

    @Override
    public void close() {
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
            recorder.reset();
        }

        @Override
        public SortedMap<String, Integer> counts() {
            return recorder.counts();
        }
    }
}
