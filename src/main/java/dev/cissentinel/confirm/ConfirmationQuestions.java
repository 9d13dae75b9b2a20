package dev.cissentinel.confirm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.Evidence;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.pattern.Coverage;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.pattern.Patterns;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.MetricFilterRecord;
import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.TrailRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what to ask AWS's evaluator about a scan's verdicts (package documentation): at most one {@link Question}
 * per control, none for a verdict that no filter stands behind. Pure.
 */
public final class ConfirmationQuestions {

    /**
     * A pattern no CloudTrail event satisfies: its counterexample against a control's reference is an event the
     * reference matches, which is the sample a PASSED verdict's filter is asked about.
     */
    public static final String PROBE = "{ $.eventName = \"cis-sentinel-probe:no-such-event\" }";

    /**
     * The largest message sent: CloudWatch Logs takes no larger log event (PutLogEvents quotas,
     * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html), so a larger
     * "event" could not occur.
     */
    static final int MAX_EVENT_BYTES = 256 * 1024;

    private static final FilterPattern PROBE_PATTERN = FilterPattern.parse(PROBE);

    private ConfirmationQuestions() {
    }

    /** The questions for these results, in their order, read against the snapshot they were judged on. */
    public static List<Question> of(List<ControlResult> results, AccountSnapshot snapshot, PatternMode mode) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(mode, "mode");
        List<Question> questions = new ArrayList<>();
        for (ControlResult result : results) {
            Verdict verdict = result.verdict();
            Optional<Question> question = Optional.empty();
            if (verdict.status() == Status.PASSED) {
                question = aboutPassed(result.control(), verdict.chain(), snapshot);
            } else if (verdict.status() == Status.FAILED && verdict.reason() == ReasonCode.NO_COVERING_METRIC_FILTER
                    && verdict.counterexample().isPresent()) {
                question = aboutMiss(result.control(), verdict.chain(), verdict.counterexample().get(), snapshot,
                        mode);
            }
            question.ifPresent(questions::add);
        }
        return List.copyOf(questions);
    }

    /** The passing filter and an event the reference matches: the filter must match it. */
    private static Optional<Question> aboutPassed(Control control, Chain chain, AccountSnapshot snapshot) {
        Optional<Link> filterLink = chain.find(Link.Kind.METRIC_FILTER);
        if (filterLink.isEmpty()) {
            return Optional.empty();
        }
        String name = filterLink.get().name();
        String region = filterLink.get().region();
        String pattern = filters(chain, snapshot).stream().filter(f -> f.filterName().equals(name))
                .map(MetricFilterRecord::filterPattern).findFirst()
                .orElse(filterLink.get().evidence(Evidence.FilterEvidence.class)
                        .map(Evidence.FilterEvidence::filterPattern).orElse(""));
        Optional<ObjectNode> sample = sample(control);
        if (sample.isEmpty()) {
            return Optional.of(new Question(control.id(), region, name, pattern, "", true, "the pattern engine gave "
                    + "no event the " + control.id() + " reference matches"));
        }
        return Optional.of(question(control, region, name, pattern, sample.get(), true));
    }

    /** The filter whose counterexample the verdict shows: it must not match it. */
    private static Optional<Question> aboutMiss(Control control, Chain chain, ObjectNode counterexample,
            AccountSnapshot snapshot, PatternMode mode) {
        Optional<Link> group = chain.find(Link.Kind.LOG_GROUP);
        if (group.isEmpty()) {
            return Optional.empty();
        }
        String region = group.get().region();
        // The chain may name the filter; otherwise judge the group's filters again (the engine is deterministic)
        // and take the one whose counterexample this is.
        String named = chain.find(Link.Kind.METRIC_FILTER).map(Link::name).orElse("");
        List<MetricFilterRecord> candidates = new ArrayList<>(filters(chain, snapshot));
        candidates.sort(Comparator.comparing((MetricFilterRecord f) -> !f.filterName().equals(named))
                .thenComparing(MetricFilterRecord::filterName));
        for (MetricFilterRecord filter : candidates) {
            Coverage coverage = Patterns.judge(filter.filterPattern(), control.reference(), mode);
            if (coverage instanceof Coverage.DoesNotCover
                    && counterexample.equals(((Coverage.DoesNotCover) coverage).counterexample())) {
                return Optional.of(question(control, region, filter.filterName(), filter.filterPattern(),
                        counterexample, false));
            }
        }
        return Optional.of(new Question(control.id(), region, named.isEmpty() ? "?" : named, "",
                counterexample.toString(), false, "cis-sentinel could not tell again which filter gave the "
                        + "counterexample"));
    }

    private static Question question(Control control, String region, String filterName, String pattern,
            ObjectNode event, boolean matches) {
        String message = event.toString();
        String notAsked = "";
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            notAsked = "the event is larger than a CloudWatch Logs event may be (256 KiB)";
        } else if (pattern.length() > FilterPattern.MAX_LENGTH) {
            notAsked = "the filter pattern is longer than CloudWatch Logs accepts";
        }
        return new Question(control.id(), region, filterName, pattern, message, matches, notAsked);
    }

    /** An event the control's reference matches, from the pattern engine, re-checked. */
    static Optional<ObjectNode> sample(Control control) {
        Coverage probe = Patterns.covers(PROBE_PATTERN, control.reference());
        if (!(probe instanceof Coverage.DoesNotCover)) {
            return Optional.empty();
        }
        ObjectNode event = ((Coverage.DoesNotCover) probe).counterexample();
        return event != null && control.reference().matches(event) ? Optional.of(event) : Optional.empty();
    }

    /** The metric filters of the chain's log group, from the snapshot; empty when they are not there. */
    private static List<MetricFilterRecord> filters(Chain chain, AccountSnapshot snapshot) {
        List<String> keys = new ArrayList<>();
        chain.find(Link.Kind.LOG_GROUP).ifPresent(group -> keys.add(group.id()));
        chain.find(Link.Kind.TRAIL).flatMap(trail -> trailRecord(snapshot, trail.id()))
                .flatMap(TrailRecord::logGroupArn).map(AccountSnapshot::logGroupKey).ifPresent(keys::add);
        for (String key : keys) {
            Read<List<MetricFilterRecord>> filters = snapshot.metricFilters().get(key);
            if (filters != null && filters.isOk()) {
                return filters.value();
            }
        }
        return List.of();
    }

    private static Optional<TrailRecord> trailRecord(AccountSnapshot snapshot, String trailArn) {
        if (!snapshot.trails().isOk()) {
            return Optional.empty();
        }
        return snapshot.trails().value().stream().filter(t -> t.trailArn().equals(trailArn)).findFirst();
    }
}
