package dev.cissentinel.scan;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.confirm.Answer;
import dev.cissentinel.confirm.CloudWatchLogsTester;
import dev.cissentinel.confirm.ConfirmationMerge;
import dev.cissentinel.confirm.ConfirmationQuestions;
import dev.cissentinel.confirm.Question;
import dev.cissentinel.controls.ChainEvaluator;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.findings.FindingMapper;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.publish.SecurityHubPublisher;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationExecutor;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.remediate.RemediationPlanner;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.Deadline;
import dev.cissentinel.snapshot.SnapshotReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * One scan, the code path the CLI and the Lambda share: read the account once, judge the selected controls
 * (and, when asked, have AWS's own evaluator confirm the filters behind the verdicts), hand the verdicts to the
 * caller to report, then publish them to Security Hub.
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
     * Scans and reports the verdicts (before publishing, so they are never lost); with remediation, plans and
     * reports the plan, and on apply sends it and re-scans; then publishes the final verdicts when the settings
     * say so.
     *
     * @throws PublishException after the verdicts were reported, when Security Hub cannot take the findings
     */
    public ScanOutcome execute(ScanSettings settings, ScanListener listener) {
        ScanResult first = run(settings);
        listener.verdicts(first);
        RemediationOptions remediation = settings.remediation();
        Optional<Plan> plan = Optional.empty();
        Optional<ApplyResult> applied = Optional.empty();
        ScanResult last = first;
        if (remediation.mode() != RemediationMode.OFF) {
            RemediationExecutor executor = new RemediationExecutor(clients);
            Plan planned = RemediationPlanner.plan(first.results(), remediation, first.accountId(),
                    executor.checkNamedTopic(remediation));
            // A cis-sentinel-* name is not proof of ownership: leave alone what lacks the managed tag.
            planned = RemediationPlanner.respectOwnership(planned, executor.ownership(planned, remediation),
                    remediation);
            plan = Optional.of(planned);
            listener.plan(planned, remediation.mode());
            if (remediation.mode() == RemediationMode.APPLY && !planned.isEmpty()) {
                ApplyResult result = executor.apply(planned);
                applied = Optional.of(result);
                listener.applied(result);
                last = run(settings);
                listener.verdicts(last);
            }
        }
        Map<String, List<String>> notes = new java.util.LinkedHashMap<>();
        plan.ifPresent(p -> p.notes().forEach(note -> notes.computeIfAbsent(note.controlId(),
                id -> new java.util.ArrayList<>()).add(note.message())));
        Optional<PublishResult> published = settings.publish() ? Optional.of(publish(settings, last, notes))
                : Optional.empty();
        return new ScanOutcome(last, published, plan, applied);
    }

    private PublishResult publish(ScanSettings settings, ScanResult result, Map<String, List<String>> notes) {
        if (result.accountId().equals(ScanResult.UNKNOWN_ACCOUNT)) {
            throw new PublishException("could not publish findings: the account id is unknown because "
                    + "sts:GetCallerIdentity failed; fix the credentials or scan with --no-publish");
        }
        Region region = settings.region();
        return SecurityHubPublisher.create(clients.securityHub(region), clock).publish(
                new FindingMapper(result.accountId(), region.id(), ToolVersion.get()), result.accountId(),
                region.id(), result.results(), notes);
    }

    /** Reads and judges, without publishing or remediating. */
    public ScanResult run(ScanSettings settings) {
        Instant start = clock.instant();
        calls.reset();
        // The deadline covers reading only: judging and publishing what was read must still fit afterwards.
        Deadline deadline = settings.timeout().equals(ScanSettings.NO_TIMEOUT) ? Deadline.none()
                : new Deadline(clock, start.plus(settings.timeout()));
        AccountSnapshot snapshot = new SnapshotReader(clients, deadline).read(settings.region());
        List<ControlResult> results = new ChainEvaluator(settings.patternMode())
                .evaluate(settings.controls(), snapshot);
        if (settings.confirmWithAws()) {
            // A separate step after judging: decide what to ask (pure), ask, merge the answers (pure).
            List<Question> questions = ConfirmationQuestions.of(results, snapshot, settings.patternMode());
            Map<Question, Answer> answers = CloudWatchLogsTester.create(clients).ask(questions, deadline);
            results = ConfirmationMerge.merge(results, questions, answers);
        }
        String account = snapshot.accountId().isOk() ? snapshot.accountId().value() : ScanResult.UNKNOWN_ACCOUNT;
        return new ScanResult(account, settings.region().id(), start, Duration.between(start, clock.instant()),
                results, calls.counts());
    }

    @Override
    public void close() {
        clients.close();
    }
}
