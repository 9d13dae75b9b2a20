package dev.cissentinel.scan;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.ChainEvaluator;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.findings.FindingMapper;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.publish.SecurityHubPublisher;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.SnapshotReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;

/**
 * One scan, the code path the CLI and the Lambda share: read the account once, judge the selected controls,
 * hand the verdicts to the caller to report, then publish them to Security Hub.
 */
public final class Scan implements AutoCloseable {

    private final AwsClients clients;
    private final CallRecorder calls;
    private final Clock clock;

    /**
     * @param clients clients built with {@code calls} as an interceptor, so every AWS call is counted
     */
    public Scan(AwsClients clients, CallRecorder calls, Clock clock) {
        this.clients = clients;
        this.calls = calls;
        this.clock = clock;
    }

    /** A scan with the SDK's defaults (credentials chain, endpoint resolution incl. AWS_ENDPOINT_URL). */
    public static Scan create() {
        CallRecorder calls = new CallRecorder();
        return new Scan(AwsClients.builder().interceptor(calls).build(), calls, Clock.systemUTC());
    }

    public AwsClients clients() {
        return clients;
    }

    /**
     * Scans, reports the verdicts through {@code report} (before publishing, so they are never lost), then
     * publishes when the settings say so.
     *
     * @throws PublishException after {@code report} ran, when Security Hub cannot take the findings
     */
    public ScanOutcome execute(ScanSettings settings, Consumer<ScanResult> report) {
        ScanResult result = run(settings);
        report.accept(result);
        if (!settings.publish()) {
            return new ScanOutcome(result, Optional.empty());
        }
        if (result.accountId().equals(ScanResult.UNKNOWN_ACCOUNT)) {
            throw new PublishException("could not publish findings: the account id is unknown because "
                    + "sts:GetCallerIdentity failed; fix the credentials or scan with --no-publish");
        }
        Region region = settings.region();
        PublishResult published = SecurityHubPublisher.create(clients.securityHub(region), clock).publish(
                new FindingMapper(result.accountId(), region.id(), ToolVersion.get()), result.accountId(),
                region.id(), result.results());
        return new ScanOutcome(result, Optional.of(published));
    }

    /** Reads and judges, without publishing. */
    public ScanResult run(ScanSettings settings) {
        Instant start = clock.instant();
        calls.reset();
        AccountSnapshot snapshot = SnapshotReader.create(clients).read(settings.region());
        List<ControlResult> results = new ChainEvaluator(settings.patternMode())
                .evaluate(settings.controls(), snapshot);
        String account = snapshot.accountId().isOk() ? snapshot.accountId().value() : ScanResult.UNKNOWN_ACCOUNT;
        return new ScanResult(account, settings.region().id(), start, Duration.between(start, clock.instant()),
                results, calls.counts());
    }

    @Override
    public void close() {
        clients.close();
    }
}
