package dev.cissentinel.scan;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.confirm.Answer;
import dev.cissentinel.confirm.ConfirmationMerge;
import dev.cissentinel.confirm.ConfirmationQuestions;
import dev.cissentinel.confirm.Question;
import dev.cissentinel.controls.ChainEvaluator;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.publish.FindingBatch;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.remediate.RemediationPlanner;
import dev.cissentinel.scan.ScanPorts.TargetPorts;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scan of one target, the code path the CLI and the Lambda share: read the target once, judge the requested
 * controls (and, when asked, have AWS's own evaluator confirm the filters behind the verdicts), hand the verdicts
 * to the caller to report, remediate when asked, then publish the findings the run owns.
 *
 * <p>Everything outside comes through {@link ScanPorts}, so this class decides the order of the steps and nothing
 * else: it builds no client, reader, publisher or executor.
 */
public final class Scan implements AutoCloseable {

    private final ScanPorts ports;
    private final Clock clock;

    public Scan(ScanPorts ports, Clock clock) {
        this.ports = ports;
        this.clock = clock;
    }

    /** The production ports over {@code clients}, which must count their calls with {@code calls}. */
    public Scan(AwsClients clients, CallRecorder calls, Clock clock) {
        this(new AwsPorts(clients, calls, clock), clock);
    }

    /** A scan with the SDK's defaults (credentials chain, endpoint resolution incl. AWS_ENDPOINT_URL). */
    public static Scan create() {
        Clock clock = Clock.systemUTC();
        return new Scan(AwsPorts.create(clock), clock);
    }

    /**
     * Scans the request's one target and reports the verdicts (before publishing, so they are never lost); with
     * remediation, plans and reports the plan, and on apply sends it and re-scans; then publishes the final
     * verdicts when the request says so, archiving only what {@link ScanRequest#findingScope} owns.
     *
     * @throws PublishException after the verdicts were reported, when Security Hub cannot take the findings
     */
    public ScanOutcome execute(ScanRequest request, ScanListener listener) {
        Target where = request.target();
        TargetPorts target = ports.open(where);
        ScanResult first = run(request, where, target);
        listener.verdicts(first);
        RemediationOptions remediation = request.remediation();
        Optional<Plan> plan = Optional.empty();
        Optional<ApplyResult> applied = Optional.empty();
        ScanResult last = first;
        if (remediation.mode() != RemediationMode.OFF) {
            Plan planned = RemediationPlanner.plan(first.results(), remediation, first.account(),
                    target.changes().checkNamedTopic(remediation));
            // A cis-sentinel-* name is not proof of ownership: leave alone what lacks the managed tag.
            planned = RemediationPlanner.respectOwnership(planned, target.changes().ownership(planned, remediation),
                    remediation);
            plan = Optional.of(planned);
            listener.plan(planned, remediation.mode());
            if (remediation.mode() == RemediationMode.APPLY && !planned.isEmpty()) {
                ApplyResult result = target.changes().apply(planned);
                applied = Optional.of(result);
                listener.applied(result);
                last = run(request, where, target);
                listener.verdicts(last);
            }
        }
        Map<String, List<String>> notes = new LinkedHashMap<>();
        plan.ifPresent(p -> p.notes().forEach(note -> notes.computeIfAbsent(note.controlId(),
                id -> new ArrayList<>()).add(note.message())));
        Optional<PublishResult> published = request.publish() ? Optional.of(publish(request, target, last, notes))
                : Optional.empty();
        return new ScanOutcome(last, published, plan, applied);
    }

    private static PublishResult publish(ScanRequest request, TargetPorts target, ScanResult result,
            Map<String, List<String>> notes) {
        if (!result.account().isOk()) {
            throw new PublishException("could not publish findings: the account id is unknown because "
                    + result.account().failure().describe() + "; fix the credentials or scan with --no-publish");
        }
        return target.findings().publish(new FindingBatch(result.account().value(), result.region(), result.results(),
                notes, request.findingScope(), result.startedAt(), request.trigger().describe()));
    }

    /** Reads and judges the request's one target, without publishing or remediating. */
    public ScanResult run(ScanRequest request) {
        return run(request, request.target(), ports.open(request.target()));
    }

    private ScanResult run(ScanRequest request, Target where, TargetPorts target) {
        Instant start = clock.instant();
        target.calls().reset();
        // The deadline covers reading only: judging and publishing what was read must still fit afterwards.
        Deadline deadline = request.timeout().equals(ScanRequest.NO_TIMEOUT) ? Deadline.none()
                : new Deadline(clock, start.plus(request.timeout()));
        AccountSnapshot snapshot = target.snapshots().read(deadline);
        List<ControlResult> results = new ChainEvaluator(request.patternMode())
                .evaluate(request.controls(), snapshot);
        if (request.confirmWithAws()) {
            // A separate step after judging: decide what to ask (pure), ask, merge the answers (pure).
            List<Question> questions = ConfirmationQuestions.of(results, snapshot, request.patternMode());
            Map<Question, Answer> answers = target.filterTester().ask(questions, deadline);
            results = ConfirmationMerge.merge(results, questions, answers);
        }
        return new ScanResult(snapshot.accountId(), where.region().id(), start, Duration.between(start,
                clock.instant()), results, target.calls().counts());
    }

    @Override
    public void close() {
        ports.close();
    }
}
