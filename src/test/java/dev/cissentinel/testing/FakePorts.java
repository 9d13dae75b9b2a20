package dev.cissentinel.testing;

import dev.cissentinel.confirm.Answer;
import dev.cissentinel.confirm.Question;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.publish.FindingBatch;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.publish.StoredFinding;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Ownership;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.remediate.TopicCheck;
import dev.cissentinel.scan.ScanPorts;
import dev.cissentinel.scan.Target;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.Deadline;
import dev.cissentinel.snapshot.EventSelectors;
import dev.cissentinel.snapshot.MetricFilterRecord;
import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.TrailRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link ScanPorts} in memory, for unit tests of the scan and the handler: snapshots given in advance (the last one
 * repeats), every other port records what it was handed and answers as told. Each read "costs" the calls set with
 * {@link #costPerRead}, counted like the production call recorder.
 */
public final class FakePorts implements ScanPorts {

    public static final String ACCOUNT = "123456789012";

    private final Deque<AccountSnapshot> snapshots = new ArrayDeque<>();
    private final SortedMap<String, Integer> calls = new TreeMap<>();
    private Map<String, Integer> costPerRead = Map.of();
    private RuntimeException publishFailure;

    public final List<Target> opened = new ArrayList<>();
    public final List<Deadline> reads = new ArrayList<>();
    public final List<List<Question>> asked = new ArrayList<>();
    public final List<FindingBatch> published = new ArrayList<>();
    public final List<Plan> applied = new ArrayList<>();
    public final List<String> steps = new ArrayList<>();
    public boolean closed;

    /** Reads return these snapshots in turn, the last one from then on. */
    public FakePorts(AccountSnapshot... reads) {
        snapshots.addAll(List.of(reads));
    }

    /** Each read counts these calls, by IAM action. */
    public FakePorts costPerRead(Map<String, Integer> cost) {
        this.costPerRead = Map.copyOf(cost);
        return this;
    }

    /** Publishing throws {@code failure}, as the publisher does when Security Hub is unreachable. */
    public FakePorts failPublishing(PublishException failure) {
        this.publishFailure = failure;
        return this;
    }

    @Override
    public TargetPorts open(Target target) {
        opened.add(target);
        return new TargetPorts(this::read, this::ask, new Findings(), new Changes(), new Calls());
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The account the fake credentials act in: {@link #ACCOUNT}, that of the recorded events. */
    @Override
    public Optional<String> callerAccount(software.amazon.awssdk.regions.Region home) {
        return Optional.of(ACCOUNT);
    }

    private AccountSnapshot read(Deadline deadline) {
        steps.add("read");
        reads.add(deadline);
        costPerRead.forEach((action, count) -> calls.merge(action, count, Integer::sum));
        return snapshots.size() > 1 ? snapshots.poll() : snapshots.peek();
    }

    private Map<Question, Answer> ask(List<Question> questions, Deadline deadline) {
        steps.add("ask");
        asked.add(questions);
        calls.merge("logs:TestMetricFilter", questions.size(), Integer::sum);
        Map<Question, Answer> answers = new LinkedHashMap<>();
        // The answer cis-sentinel gave: AWS agrees.
        questions.forEach(question -> answers.put(question, new Answer.Matched(question.cisSentinelMatches())));
        return answers;
    }

    private PublishResult publish(FindingBatch batch) {
        steps.add("publish");
        if (publishFailure != null) {
            throw publishFailure;
        }
        published.add(batch);
        return new PublishResult(batch.results().size(), 0, List.of());
    }

    /** What Security Hub holds: by control id, the finding of the last batch that judged it. */
    private final Map<String, StoredFinding> hub = new LinkedHashMap<>();
    public int storedReads;

    /** Security Hub holds these findings, as if an earlier run had published them. */
    public FakePorts storedFindings(List<StoredFinding> findings) {
        findings.forEach(finding -> hub.put(finding.controlId(), finding));
        return this;
    }

    private final class Findings implements FindingSink {
        @Override
        public PublishResult publish(FindingBatch batch) {
            PublishResult result = FakePorts.this.publish(batch);
            for (ControlResult control : batch.results()) {
                Set<String> ids = new HashSet<>();
                control.verdict().chain().links().forEach(link -> ids.add(link.id()));
                hub.put(control.control().id(), new StoredFinding(control.control().id(), control.status(), ids));
            }
            return result;
        }

        @Override
        public List<StoredFinding> stored(String accountId, String region) {
            steps.add("stored");
            storedReads++;
            calls.merge("securityhub:GetFindings", 1, Integer::sum);
            return List.copyOf(hub.values());
        }
    }

    private final class Changes implements ChangeSink {
        @Override
        public Optional<TopicCheck> checkNamedTopic(RemediationOptions options) {
            return Optional.empty();
        }

        @Override
        public Ownership ownership(Plan plan, RemediationOptions options) {
            return Ownership.none();
        }

        @Override
        public ApplyResult apply(Plan plan) {
            steps.add("apply");
            applied.add(plan);
            return new ApplyResult(plan.changes(), List.of(), "");
        }
    }

    private final class Calls implements CallCount {
        @Override
        public void reset() {
            calls.clear();
        }

        @Override
        public SortedMap<String, Integer> counts() {
            return new TreeMap<>(calls);
        }
    }

    /** An account with no trail at all: every control FAILED {@code NO_MULTI_REGION_TRAIL}. */
    public static AccountSnapshot noTrail(String region) {
        return new AccountSnapshot(Read.ok(ACCOUNT), region, Read.ok(List.of()), Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of());
    }

    /**
     * A logging multi-region trail into log group {@code trail-logs}, whose one metric filter catches an event no
     * control cares about: every control FAILED {@code NO_COVERING_METRIC_FILTER}, which remediation can fix and
     * AWS's evaluator can be asked about.
     */
    public static AccountSnapshot uncoveredFilters(String region) {
        String group = "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:trail-logs";
        String trailArn = "arn:aws:cloudtrail:" + region + ":" + ACCOUNT + ":trail/main";
        TrailRecord trail = new TrailRecord("main", trailArn, region, true, group + ":*");
        MetricFilterRecord other = new MetricFilterRecord("other", "trail-logs", "{ $.eventName = \"Nothing\" }",
                List.of(MetricFilterRecord.MetricTransformation.of("Other", "CISBenchmark", "1", Map.of())));
        return new AccountSnapshot(Read.ok(ACCOUNT), region, Read.ok(List.of(trail)), Map.of(trailArn, Read.ok(true)),
                Map.of(trailArn, Read.ok(EventSelectors.none())), Map.of(group, Read.ok(List.of(other))),
                Map.of(region, Read.ok(List.of())), Map.of());
    }
}
