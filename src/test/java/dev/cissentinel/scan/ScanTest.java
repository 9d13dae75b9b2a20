package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.controls.AwsConfirmation;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.publish.FindingBatch;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.ReadFailure;
import dev.cissentinel.testing.FakePorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * {@link Scan}'s order of steps, on ports in memory (no emulator, no system properties): read, judge, report,
 * remediate, publish what the run owns, and count what reading cost.
 */
class ScanTest {

    private static final String REGION = "eu-west-1";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void execute_defaults_readsOnceJudgesEveryControlReportsThenPublishesOwningAll() {
        FakePorts ports = new FakePorts(FakePorts.noTrail(REGION));
        List<String> events = new ArrayList<>();

        ScanOutcome outcome = new Scan(ports, CLOCK).execute(ScanRequest.parse(REGION, null, null, true),
                recording(events, ports));

        assertThat(ports.opened).containsExactly(Target.caller(Region.EU_WEST_1));
        assertThat(ports.steps).containsExactly("read", "publish");
        assertThat(events).containsExactly("verdicts after read");
        assertThat(outcome.result().results()).hasSameSizeAs(ControlTable.defaults())
                .allSatisfy(result -> assertThat(result.verdict().reason())
                        .isEqualTo(ReasonCode.NO_MULTI_REGION_TRAIL));
        FindingBatch batch = ports.published.get(0);
        assertThat(batch.accountId()).isEqualTo(FakePorts.ACCOUNT);
        assertThat(batch.region()).isEqualTo(REGION);
        assertThat(batch.scope()).isEqualTo(FindingScope.ALL);
        assertThat(batch.results()).isEqualTo(outcome.result().results());
        assertThat(outcome.published())
                .hasValueSatisfying(p -> assertThat(p.imported()).isEqualTo(ControlTable.defaults().size()));
    }

    @Test
    void execute_namedControls_publishesOnlyThemOwningOnlyThem() {
        FakePorts ports = new FakePorts(FakePorts.noTrail(REGION));

        new Scan(ports, CLOCK).execute(ScanRequest.parse(REGION, "CloudWatch.4", null, true), result -> { });

        FindingBatch batch = ports.published.get(0);
        assertThat(batch.scope()).isEqualTo(FindingScope.JUDGED);
        assertThat(batch.results()).extracting(result -> result.control().id()).containsExactly("CloudWatch.4");
    }

    @Test
    void execute_publishOff_neverCallsTheSink() {
        FakePorts ports = new FakePorts(FakePorts.noTrail(REGION));

        ScanOutcome outcome = new Scan(ports, CLOCK).execute(ScanRequest.parse(REGION, null, null, false),
                result -> { });

        assertThat(outcome.published()).isEmpty();
        assertThat(ports.steps).containsExactly("read");
    }

    @Test
    void execute_publishFails_verdictsWereReportedFirst() {
        FakePorts ports = new FakePorts(FakePorts.noTrail(REGION)).failPublishing(new PublishException("no hub"));
        List<String> events = new ArrayList<>();

        assertThatThrownBy(() -> new Scan(ports, CLOCK).execute(ScanRequest.parse(REGION, null, null, true),
                recording(events, ports))).isInstanceOf(PublishException.class).hasMessage("no hub");
        assertThat(events).containsExactly("verdicts after read");
    }

    @Test
    void execute_accountIdUnread_refusesToPublishAndSaysWhy() {
        FakePorts ports = new FakePorts(accountUnread());

        assertThatThrownBy(() -> new Scan(ports, CLOCK).execute(ScanRequest.parse(REGION, null, null, true),
                result -> { })).isInstanceOf(PublishException.class).hasMessageContaining("sts:GetCallerIdentity")
                .hasMessageContaining("ExpiredToken");
        assertThat(ports.published).isEmpty();
    }

    @Test
    void run_accountIdUnread_resultKeepsTheFailureAndPrintsUnknown() {
        ScanResult result = new Scan(new FakePorts(accountUnread()), CLOCK).run(ScanRequest.parse(REGION, null, null,
                false));

        assertThat(result.account().isOk()).isFalse();
        assertThat(result.account().failure().errorCode()).isEqualTo("ExpiredToken");
        assertThat(result.accountId()).isEqualTo("unknown");
        assertThat(ResultJson.of(result).path("accountId").asText()).isEqualTo("unknown");
    }

    private static AccountSnapshot accountUnread() {
        AccountSnapshot known = FakePorts.noTrail(REGION);
        return new AccountSnapshot(Read.unreadable(new ReadFailure("sts:GetCallerIdentity", REGION, "*",
                new FailureCause.AwsError("ExpiredToken", ""))), REGION, known.trails(), Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of());
    }

    @Test
    void execute_apply_sendsThePlanReScansAndPublishesTheReScanOnce() {
        FakePorts ports = new FakePorts(FakePorts.uncoveredFilters(REGION), FakePorts.noTrail(REGION));
        List<String> events = new ArrayList<>();
        ScanRequest request = ScanRequest.parse(REGION, null, null, true).withRemediation(ScanInput.remediation(
                "apply", null, "secops@example.com", null));

        ScanOutcome outcome = new Scan(ports, CLOCK).execute(request, recording(events, ports));

        assertThat(ports.steps).containsExactly("read", "apply", "read", "publish");
        assertThat(events).containsExactly("verdicts after read", "plan apply", "applied", "verdicts after read");
        assertThat(ports.applied).singleElement().satisfies(plan -> assertThat(plan.changes()).isNotEmpty());
        assertThat(outcome.plan()).contains(ports.applied.get(0));
        assertThat(outcome.result().results()).allSatisfy(result -> assertThat(result.verdict().reason())
                .isEqualTo(ReasonCode.NO_MULTI_REGION_TRAIL));
        assertThat(ports.published).singleElement().satisfies(batch -> assertThat(batch.results())
                .isEqualTo(outcome.result().results()));
    }

    @Test
    void execute_dryRun_plansAndSendsNothing() {
        FakePorts ports = new FakePorts(FakePorts.uncoveredFilters(REGION));
        ScanRequest request = ScanRequest.parse(REGION, null, null, false).withRemediation(ScanInput.remediation(
                "dry-run", null, "secops@example.com", null));

        ScanOutcome outcome = new Scan(ports, CLOCK).execute(request, result -> { });

        assertThat(ports.steps).containsExactly("read");
        assertThat(outcome.plan()).hasValueSatisfying(plan -> assertThat(plan.changes()).isNotEmpty());
        assertThat(outcome.applied()).isEmpty();
    }

    @Test
    void run_confirmWithAws_asksTheTesterAfterJudgingAndMergesItsAnswers() {
        FakePorts ports = new FakePorts(FakePorts.uncoveredFilters(REGION));

        ScanResult result = new Scan(ports, CLOCK).run(ScanRequest.parse(REGION, null, null, false)
                .withConfirmWithAws(true));

        assertThat(ports.steps).containsExactly("read", "ask");
        assertThat(ports.asked.get(0)).isNotEmpty();
        assertThat(result.results()).filteredOn(r -> r.status() == Status.FAILED).isNotEmpty()
                .allSatisfy(r -> assertThat(r.confirmation()).hasValueSatisfying(c -> assertThat(c.outcome())
                        .isEqualTo(AwsConfirmation.Outcome.AGREES)));
    }

    @Test
    void run_noConfirmation_neverAsks() {
        FakePorts ports = new FakePorts(FakePorts.uncoveredFilters(REGION));

        ScanResult result = new Scan(ports, CLOCK).run(ScanRequest.parse(REGION, null, null, false));

        assertThat(ports.asked).isEmpty();
        assertThat(result.results()).allSatisfy(r -> assertThat(r.confirmation()).isEmpty());
    }

    @Test
    void run_timeout_readingDeadlineIsStartPlusTimeout() {
        FakePorts ports = new FakePorts(FakePorts.noTrail(REGION));

        new Scan(ports, CLOCK).run(ScanRequest.parse(REGION, null, null, false).withTimeout(Duration.ofSeconds(90)));
        new Scan(ports, CLOCK).run(ScanRequest.parse(REGION, null, null, false));

        assertThat(ports.reads.get(0).at()).isEqualTo(NOW.plusSeconds(90));
        assertThat(ports.reads.get(1).at()).isEqualTo(Instant.MAX);
    }

    @Test
    void run_awsCalls_countOnlyThisRunsReadingAndConfirming() {
        FakePorts ports = new FakePorts(FakePorts.uncoveredFilters(REGION)).costPerRead(Map.of(
                "sts:GetCallerIdentity", 1, "cloudtrail:DescribeTrails", 1));
        Scan scan = new Scan(ports, CLOCK);
        scan.run(ScanRequest.parse(REGION, null, null, false));

        ScanResult second = scan.run(ScanRequest.parse(REGION, null, null, false).withConfirmWithAws(true));

        assertThat(second.awsCalls()).containsEntry("sts:GetCallerIdentity", 1)
                .containsEntry("cloudtrail:DescribeTrails", 1).containsKey("logs:TestMetricFilter");
        assertThat(second.totalAwsCalls()).isEqualTo(2 + ports.asked.get(0).size());
        assertThat(second.startedAt()).isEqualTo(NOW);
        assertThat(second.region()).isEqualTo(REGION);
    }

    @Test
    void close_closesThePorts() {
        FakePorts ports = new FakePorts(FakePorts.noTrail(REGION));

        new Scan(ports, CLOCK).close();

        assertThat(ports.closed).isTrue();
    }

    /** Records the listener's calls, each named with the step the ports had reached. */
    private static ScanListener recording(List<String> events, FakePorts ports) {
        return new ScanListener() {
            @Override
            public void verdicts(ScanResult result) {
                events.add("verdicts after " + ports.steps.get(ports.steps.size() - 1));
            }

            @Override
            public void plan(Plan plan, RemediationMode mode) {
                events.add("plan " + mode.text());
            }

            @Override
            public void applied(ApplyResult result) {
                events.add("applied");
            }
        };
    }
}
