package dev.cissentinel.controls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.aws.Arn;
import dev.cissentinel.pattern.Coverage;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.pattern.Patterns;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.AlarmRecord;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.PatternSyntaxException;
import dev.cissentinel.snapshot.EventSelectors;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.MetricFilterRecord;
import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.ReadFailure;
import dev.cissentinel.snapshot.TopicRecord;
import dev.cissentinel.snapshot.TrailRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges controls on a snapshot: a pure function from (controls, snapshot, pattern mode) to one verdict per
 * control ({@code docs/controls.md}, "A control passes when one whole chain exists").
 *
 * <p>Every multi-region trail starts a chain; the evaluator follows each as far as it goes. Any chain that
 * passes makes the control PASSED. Otherwise, if some chain stopped at a link that could not be read, the
 * control is NOT_AVAILABLE (it might have passed: never a guessed FAILED); otherwise FAILED with the chain
 * that got furthest and its first broken link.
 */
public final class ChainEvaluator {

    private static final int MISSES_SHOWN = 2;
    private static final Pattern SELECTOR = Pattern.compile("\\$\\.([A-Za-z0-9_.]+)");

    private final PatternMode mode;
    private final Judge judge;

    public ChainEvaluator(PatternMode mode) {
        this(mode, UnaryOperator.identity());
    }

    /** A fault-injection seam for tests: {@code around} wraps the judge of one control. */
    ChainEvaluator(PatternMode mode, UnaryOperator<Judge> around) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.judge = Objects.requireNonNull(around.apply(this::evaluate), "judge");
    }

    /** Judges one control on a snapshot. */
    @FunctionalInterface
    interface Judge {
        Verdict judge(Control control, AccountSnapshot snapshot);
    }

    /**
     * One result per control, in the order given. Judging one control can never take the others down: a bug, a
     * stack overflow or running out of memory while judging it makes that control NOT_AVAILABLE
     * {@code EVALUATION_ERROR}, and the next control is judged. (An OutOfMemoryError here is thrown by this
     * control's own allocation; what it held is unreachable once its stack unwinds, so the scan goes on.)
     */
    public List<ControlResult> evaluate(List<Control> controls, AccountSnapshot snapshot) {
        List<ControlResult> results = new ArrayList<>();
        for (Control control : controls) {
            Verdict verdict;
            try {
                verdict = judge.judge(control, snapshot);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError bug) {
                verdict = evaluationError(bug);
            }
            results.add(new ControlResult(control, verdict));
        }
        return List.copyOf(results);
    }

    private static Verdict evaluationError(Throwable bug) {
        String what = bug instanceof OutOfMemoryError ? "ran out of memory judging it"
                : bug instanceof StackOverflowError ? "overflowed its stack judging it" : "hit a bug judging it";
        String detail = bug.getClass().getSimpleName() + (bug.getMessage() == null ? ""
                : ": " + bug.getMessage().substring(0, Math.min(200, bug.getMessage().length())));
        return new Verdict.NotAvailable(ReasonCode.EVALUATION_ERROR, Chain.empty(), "cis-sentinel could not judge "
                + "this control: it " + what + " (" + detail + "). The other controls are judged as usual; please "
                + "report this.", null);
    }

    Verdict evaluate(Control control, AccountSnapshot snapshot) {
        if (!snapshot.trails().isOk()) {
            return notAvailable(Chain.empty(), snapshot.trails().failure());
        }
        List<TrailRecord> multiRegion = snapshot.trails().value().stream().filter(TrailRecord::isMultiRegionTrail)
                .sorted(Comparator.comparing(TrailRecord::trailArn)).toList();
        if (multiRegion.isEmpty()) {
            return new Verdict.Failed(ReasonCode.NO_MULTI_REGION_TRAIL, Chain.empty(),
                    "No multi-region CloudTrail trail is visible from " + snapshot.region() + " ("
                            + snapshot.trails().value().size() + " trail(s) found). Create a multi-region trail that "
                            + "logs all management events to a CloudWatch Logs group.", null);
        }
        List<Verdict> attempts = new ArrayList<>();
        for (TrailRecord trail : multiRegion) {
            Verdict attempt = followTrail(control, snapshot, trail);
            if (attempt.status() == Status.PASSED) {
                return attempt;
            }
            attempts.add(attempt);
        }
        return best(attempts);
    }

    /** NOT_AVAILABLE first (the control could not be judged), then the chain that got furthest. */
    private static Verdict best(List<Verdict> attempts) {
        Comparator<Verdict> furthest = Comparator.<Verdict>comparingInt(v -> v.chain().links().size())
                .thenComparing(v -> v.reason().ordinal());
        Optional<Verdict> unreadable = attempts.stream().filter(v -> v.status() == Status.NOT_AVAILABLE)
                .max(furthest);
        return unreadable.orElseGet(() -> attempts.stream().max(furthest).orElseThrow());
    }

    private Verdict followTrail(Control control, AccountSnapshot snapshot, TrailRecord trail) {
        Chain chain = Chain.empty().with(new Link(Link.Kind.TRAIL, trail.name(), trail.trailArn(), trail.homeRegion(),
                new Evidence.Trail(trail.homeRegion())));
        Read<Boolean> logging = lookup(snapshot.trailLogging(), trail.trailArn(), "cloudtrail:GetTrailStatus",
                trail.homeRegion());
        if (!logging.isOk()) {
            return notAvailable(chain, logging.failure());
        }
        if (!logging.value()) {
            return new Verdict.Failed(ReasonCode.TRAIL_NOT_LOGGING, chain, "Trail " + trail.name()
                    + " is multi-region but is not logging. Start logging on it (cloudtrail:StartLogging).", null);
        }
        Read<EventSelectors> selectors = lookup(snapshot.eventSelectors(), trail.trailArn(),
                "cloudtrail:GetEventSelectors", trail.homeRegion());
        if (!selectors.isOk()) {
            return notAvailable(chain, selectors.failure());
        }
        Optional<String> selectorProblem = TrailQualification.problem(selectors.value(), control);
        if (selectorProblem.isPresent()) {
            return new Verdict.Failed(ReasonCode.TRAIL_MANAGEMENT_EVENTS_INCOMPLETE, chain, "Trail " + trail.name()
                    + " drops management events: " + selectorProblem.get() + ". The CIS benchmark needs a trail "
                    + "that records every management event, read and write: record them all.", null);
        }
        Optional<Arn> groupArn = trail.logGroupArn().flatMap(Arn::parse);
        Optional<String> groupName = groupArn.flatMap(Arn::logGroupName);
        if (groupName.isEmpty()) {
            return new Verdict.Failed(ReasonCode.TRAIL_WITHOUT_LOG_GROUP, chain, "Trail " + trail.name()
                    + " does not deliver to a CloudWatch Logs group"
                    + trail.logGroupArn().map(arn -> " (its log group ARN " + arn + " is not valid)").orElse("")
                    + ". Configure CloudWatch Logs delivery on the trail.", null);
        }
        String groupRegion = groupArn.get().region();
        String groupKey = AccountSnapshot.logGroupKey(trail.cloudWatchLogsLogGroupArn());
        chain = chain.with(new Link(Link.Kind.LOG_GROUP, groupName.get(), groupKey, groupRegion,
                new Evidence.LogGroup(groupArn.get().accountId())));
        Read<List<MetricFilterRecord>> filters = lookup(snapshot.metricFilters(), groupKey,
                "logs:DescribeMetricFilters", groupRegion);
        if (!filters.isOk()) {
            return notAvailable(chain, filters.failure());
        }
        return followFilters(control, snapshot, chain, new Group(groupName.get(), groupKey, groupRegion,
                groupArn.get().accountId()), filters.value());
    }

    /** The log group a chain reached: its name, ARN (without {@code :*}), region and account. */
    private record Group(String name, String arn, String region, String accountId) {
    }

    private Verdict followFilters(Control control, AccountSnapshot snapshot, Chain chain, Group group,
            List<MetricFilterRecord> filters) {
        List<Miss> misses = new ArrayList<>();
        List<Verdict> attempts = new ArrayList<>();
        for (MetricFilterRecord filter : sorted(filters)) {
            Coverage coverage = judge(filter.filterPattern(), control);
            if (coverage.kind() != Coverage.Kind.COVERS) {
                ObjectNode example = coverage instanceof Coverage.DoesNotCover
                        ? ((Coverage.DoesNotCover) coverage).counterexample() : null;
                misses.add(new Miss(filter, null, describeMiss(filter, coverage), example,
                        relevance(filter, control)));
                continue;
            }
            for (MetricTransformation metric : filter.metricTransformations()) {
                MetricValue value = metricValue(metric, control);
                if (value.problem() != null) {
                    misses.add(new Miss(filter, metric, "filter '" + filter.filterName() + "' covers the reference "
                            + "but " + value.problem(), value.example(), relevance(filter, control)));
                    continue;
                }
                Chain withFilter = chain.with(filterLink(filter, metric, group));
                Verdict attempt = followMetric(control, snapshot, withFilter, group, metric, value.value());
                if (attempt.status() == Status.PASSED) {
                    return attempt;
                }
                attempts.add(attempt);
            }
        }
        if (!attempts.isEmpty()) {
            return best(attempts);
        }
        if (filters.isEmpty()) {
            return new Verdict.Failed(ReasonCode.NO_COVERING_METRIC_FILTER, chain, "Log group " + group.name()
                    + " has no metric filters. Add one with the CIS pattern for " + control.id() + ".", null);
        }
        // Explain with the filters that look meant for this control (they share its terms), closest first; the
        // others are about something else and would only be noise.
        misses.sort(Comparator.comparingInt((Miss miss) -> -miss.relevance())
                .thenComparing(miss -> miss.filter().filterName()));
        List<Miss> related = misses.stream().filter(miss -> miss.relevance() > 0).toList();
        Optional<Miss> shownExample = (related.isEmpty() ? misses : related).stream()
                .filter(miss -> miss.example() != null).findFirst();
        ObjectNode example = shownExample.map(Miss::example).orElse(null);
        String found;
        if (related.isEmpty()) {
            found = "None of the " + filters.size() + " metric filter(s) on log group " + group.name() + " is about "
                    + control.id() + " (" + control.title().toLowerCase(Locale.ROOT) + ")";
        } else {
            List<String> shown = related.stream().limit(MISSES_SHOWN).map(Miss::text).toList();
            String more = related.size() > MISSES_SHOWN ? "; and " + (related.size() - MISSES_SHOWN) + " more" : "";
            found = "No metric filter on log group " + group.name() + " catches every event the " + control.id()
                    + " reference catches: " + String.join("; ", shown) + more;
        }
        // The filter the explanation is about (the one whose missed event is shown, else the closest) is evidence.
        Optional<Miss> about = shownExample.or(() -> related.stream().findFirst());
        Chain withMiss = about.map(miss -> chain.with(missLink(miss, group))).orElse(chain);
        return new Verdict.Failed(ReasonCode.NO_COVERING_METRIC_FILTER, withMiss, found + ". Add a metric filter "
                + "with the CIS pattern" + (related.isEmpty() ? "" : ", or widen the closest one") + ".", example);
    }

    /**
     * A filter that does not qualify, why, the event it misses (when there is one), and how related it is.
     *
     * @param metric the transformation that does not count events, or null when the pattern is the problem
     */
    private record Miss(MetricFilterRecord filter, MetricTransformation metric, String text, ObjectNode example,
            int relevance) {
    }

    /**
     * What one matching event publishes: a positive number, NaN for a value taken from the event that is
     * positive on every event the reference catches, or the problem (with an event whose value is not positive,
     * when there is one).
     */
    private record MetricValue(double value, String problem, ObjectNode example) {
    }

    /**
     * A metric value of {@code 0} (or any non-positive number) never counts an event. A value {@code $.field}
     * counts an event only if the field holds a positive number there; the pattern engine decides whether every
     * event the reference catches has one ({@code { $.field > 0 }} covers the reference), and shows one that
     * does not otherwise.
     */
    private static MetricValue metricValue(MetricTransformation metric, Control control) {
        String text = metric.metricValue().trim();
        try {
            double value = Double.parseDouble(text);
            return value > 0 && Double.isFinite(value) ? new MetricValue(value, null, null)
                    : new MetricValue(0, "its metric value '" + metric.metricValue() + "' is not a positive number, "
                            + "so its metric never counts an event", null);
        } catch (NumberFormatException fromTheEvent) {
            // "$.field": the value is the event's, so it counts only events where that field is a positive number.
        }
        Coverage positive;
        try {
            positive = Patterns.covers(FilterPattern.parse("{ " + text + " > 0 }"), control.reference());
        } catch (PatternSyntaxException notASelector) {
            return new MetricValue(0, "its metric value '" + metric.metricValue() + "' is neither a number nor a "
                    + "JSON selector, so what it publishes is not known", null);
        }
        switch (positive.kind()) {
            case COVERS:
                return new MetricValue(Double.NaN, null, null);
            case DOES_NOT_COVER:
                ObjectNode example = ((Coverage.DoesNotCover) positive).counterexample();
                return new MetricValue(0, "its metric value " + text + " is taken from the event, and some events "
                        + "the reference catches have no positive number there" + (example == null ? ""
                                : ", such as " + example) + ", so they count nothing", example);
            default:
                return new MetricValue(0, "its metric value " + text + " is taken from the event, and whether every "
                        + "event the reference catches has a positive number there could not be decided ("
                        + ((Coverage.Undecided) positive).reason() + ")", null);
        }
    }

    /** How many of the reference's values (event names, error codes; not field names) a filter's text uses. */
    static int relevance(MetricFilterRecord filter, Control control) {
        String text = filter.filterPattern();
        Set<String> fields = new HashSet<>();
        Matcher selector = SELECTOR.matcher(control.cisPattern());
        while (selector.find()) {
            fields.addAll(List.of(selector.group(1).split("\\.")));
        }
        int score = 0;
        for (String word : control.cisPattern().split("[^A-Za-z0-9_*]+")) {
            String value = word.replace("*", "");
            if (value.length() > 3 && !fields.contains(value) && !value.equals("amazonaws") && text.contains(value)) {
                score++;
            }
        }
        return score;
    }

    private Coverage judge(String deployed, Control control) {
        if (mode == PatternMode.EXACT) {
            String text = Patterns.normalizeWhitespace(deployed);
            boolean same = control.exactTexts().stream().map(Patterns::normalizeWhitespace).anyMatch(text::equals);
            return same ? new Coverage.Covers()
                    : new Coverage.DoesNotCover(null, "its text is not the CIS text (exact mode ignores only "
                            + "whitespace)");
        }
        return Patterns.judge(deployed, control.reference(), PatternMode.SEMANTIC);
    }

    private static String describeMiss(MetricFilterRecord filter, Coverage coverage) {
        String name = "filter '" + filter.filterName() + "'";
        if (coverage instanceof Coverage.DoesNotCover) {
            Coverage.DoesNotCover miss = (Coverage.DoesNotCover) coverage;
            return miss.counterexample() == null ? name + ": " + miss.explanation()
                    : name + " misses " + miss.counterexample();
        }
        return name + " could not be proven to cover it (" + ((Coverage.Undecided) coverage).reason() + ")";
    }

    private Verdict followMetric(Control control, AccountSnapshot snapshot, Chain chain, Group group,
            MetricTransformation metric, double value) {
        String region = group.region();
        Read<List<AlarmRecord>> alarms = lookup(snapshot.alarms(), AccountSnapshot.alarmsKey(snapshot.accountId(),
                group.accountId(), region), "cloudwatch:DescribeAlarms", region);
        if (!alarms.isOk()) {
            return notAvailable(chain, alarms.failure());
        }
        List<AlarmRecord> onMetric = alarms.value().stream().filter(alarm -> watches(alarm, metric, group.accountId()))
                .sorted(Comparator.comparing(AlarmRecord::alarmArn)).toList();
        if (onMetric.isEmpty()) {
            return new Verdict.Failed(ReasonCode.NO_ALARM_ON_METRIC, chain, "No CloudWatch alarm in " + region
                    + " watches metric " + metricLabel(metric) + ". Create an alarm on it that fires on one event and "
                    + "notifies an SNS topic.", null);
        }
        List<Verdict> attempts = new ArrayList<>();
        List<Verdict> passed = new ArrayList<>();
        Map<Verdict, Map<String, String>> valuesOf = new LinkedHashMap<>();
        for (AlarmRecord alarm : onMetric) {
            Verdict attempt = followAlarm(snapshot, chain.with(alarmLink(alarm, region, metric)), alarm, metric, value,
                    group);
            if (attempt.status() == Status.PASSED) {
                if (metric.dimensions().isEmpty()) {
                    return attempt;
                }
                passed.add(attempt);
                valuesOf.put(attempt, dimensionValues(alarm, metric, group.accountId()));
            } else {
                attempts.add(attempt);
            }
        }
        if (passed.isEmpty()) {
            return best(attempts);
        }
        return together(control, chain, metric, passed, valuesOf, attempts);
    }

    /**
     * A filter with dimensions: the alarms that work, each on one value set, must together see every event the
     * reference catches ({@link DimensionCoverage}). The chain names each of them and its topic.
     */
    private static Verdict together(Control control, Chain chain, MetricTransformation metric, List<Verdict> passed,
            Map<Verdict, Map<String, String>> valuesOf, List<Verdict> others) {
        Chain all = chain;
        for (Verdict verdict : passed) {
            for (Link link : verdict.chain().links().subList(chain.links().size(), verdict.chain().links().size())) {
                all = all.with(link);
            }
        }
        List<Map<String, String>> values = passed.stream().map(valuesOf::get).distinct().toList();
        String which = values.size() + " alarm value set(s) " + values + " of dimensions "
                + metric.dimensions();
        Coverage coverage = DimensionCoverage.decide(metric.dimensions(), values, control.reference());
        switch (coverage.kind()) {
            case COVERS:
                return new Verdict.Passed(all, "Trail, metric filter, the alarms on its dimension values and their "
                        + "topics form a complete chain: " + all.describe() + ". Every event the " + control.id()
                        + " reference catches gets a dimension value one of these alarms watches (" + which + ").");
            case DOES_NOT_COVER:
                Optional<Verdict> unreadable = others.stream().filter(v -> v.status() == Status.NOT_AVAILABLE)
                        .findFirst();
                if (unreadable.isPresent()) {
                    return unreadable.get();
                }
                ObjectNode missed = ((Coverage.DoesNotCover) coverage).counterexample();
                return new Verdict.Failed(ReasonCode.ALARMS_MISS_DIMENSION_VALUES, all, "The filter's metric "
                        + metricLabel(metric) + " is published per dimension value, and the working alarms watch only "
                        + which + ", so an event such as " + missed + " notifies nobody. Alarm on the metric "
                        + "without dimensions (a filter without dimensions), or add alarms for the other values.",
                        missed);
            default:
                return new Verdict.NotAvailable(ReasonCode.ALARM_NOT_DECIDABLE, all, "Could not decide whether the "
                        + "alarms on the dimension values of " + metricLabel(metric) + " see every event the "
                        + control.id() + " reference catches: " + ((Coverage.Undecided) coverage).reason() + ".",
                        null);
        }
    }

    /** The fixed dimension values an alarm watches on the filter's metric (for metric math, its query's). */
    private static Map<String, String> dimensionValues(AlarmRecord alarm, MetricTransformation metric,
            String account) {
        if (!alarm.isMetricMath()) {
            return alarm.dimensions();
        }
        return alarm.metrics().stream().filter(query -> !query.isExpression()
                && Firing.readsMetric(query, metric, account)).map(AlarmRecord.MathMetric::dimensions).findFirst()
                .orElse(Map.of());
    }

    private Verdict followAlarm(AccountSnapshot snapshot, Chain chain, AlarmRecord alarm, MetricTransformation metric,
            double value, Group group) {
        String region = group.region();
        if (!alarm.actionsEnabled()) {
            return new Verdict.Failed(ReasonCode.ALARM_ACTIONS_DISABLED, chain, "Alarm " + alarm.alarmName()
                    + " watches the metric but its actions are disabled, so it notifies no one. Enable its actions.",
                    null);
        }
        List<String> topics = alarm.alarmActions().stream().filter(action -> action.startsWith("arn:")
                && Arn.parse(action).map(arn -> arn.service().equals("sns")).orElse(false)).sorted().toList();
        if (topics.isEmpty()) {
            String others = alarm.okActions().isEmpty() && alarm.insufficientDataActions().isEmpty() ? ""
                    : " (it has only OK or INSUFFICIENT_DATA actions)";
            return new Verdict.Failed(ReasonCode.ALARM_WITHOUT_SNS_ACTION, chain, "Alarm " + alarm.alarmName()
                    + " has no SNS topic among its ALARM actions" + others + ". Add an SNS topic to its alarm actions.",
                    null);
        }
        List<String> local = topics.stream().filter(topic -> TopicRegion.notifiable(region, topic)).toList();
        if (local.isEmpty()) {
            String topic = topics.get(0);
            return new Verdict.Failed(ReasonCode.ALARM_TOPIC_IN_OTHER_REGION, chain.with(new Link(Link.Kind.TOPIC,
                    Arn.parse(topic).map(Arn::resource).orElse(topic), topic, TopicRegion.of(topic),
                    new Evidence.TopicElsewhere())), "Alarm " + alarm.alarmName() + " notifies no topic it can "
                    + "reach: " + TopicRegion.why(region, topic) + (topics.size() > 1 ? " (and so are its other "
                    + (topics.size() - 1) + " topic(s))" : "") + ". Point the alarm at an SNS topic in " + region + ".",
                    null);
        }
        if (!metric.dimensions().isEmpty() && alarm.isMetricMath() && alarm.metrics().stream()
                .filter(query -> !query.isExpression() && Firing.readsMetric(query, metric, group.accountId()))
                .map(AlarmRecord.MathMetric::dimensions).distinct().count() > 1) {
            return new Verdict.NotAvailable(ReasonCode.ALARM_NOT_DECIDABLE, chain, "Alarm " + alarm.alarmName()
                    + " combines several dimension values of the filter's metric in one expression, which "
                    + "cis-sentinel does not decide. Alarm on each value, or on a metric without dimensions.", null);
        }
        Firing.Outcome outcome = Firing.judge(alarm, metric, value, group.accountId());
        if (!outcome.fires()) {
            String lead = "Alarm " + alarm.alarmName() + " would not notify on a single matching event: ";
            if (outcome.problem() == ReasonCode.ALARM_NOT_DECIDABLE) {
                return new Verdict.NotAvailable(outcome.problem(), chain, "Could not decide whether alarm "
                        + alarm.alarmName() + " notifies on a single matching event: " + outcome.explanation()
                        + ". " + advice(outcome.problem()), null);
            }
            return new Verdict.Failed(outcome.problem(), chain, lead + outcome.explanation() + ". "
                    + advice(outcome.problem()), null);
        }
        List<Verdict> attempts = new ArrayList<>();
        for (String topicArn : local) {
            Verdict attempt = followTopic(snapshot, chain, topicArn);
            if (attempt.status() == Status.PASSED) {
                return attempt;
            }
            attempts.add(attempt);
        }
        return best(attempts);
    }

    private static String advice(ReasonCode reason) {
        switch (reason) {
            case ALARM_UNIT_MISMATCH:
                return "Remove the alarm's unit, or give the metric filter the same unit.";
            case ALARM_DEPENDS_ON_OTHER_EVENTS:
                return "Use Sum >= 1 (or Maximum >= 1) on a filter with no default value or a default value of 0.";
            case ALARM_STUCK_IN_ALARM:
                return "Treat missing data as notBreaching (or missing), and keep the default value below the "
                        + "threshold (0, or none).";
            case ALARM_NOT_DECIDABLE:
                return "An alarm with Sum >= 1 over one period on the filter's metric can be judged.";
            default:
                return "Use Sum >= 1 over one period with one datapoint to alarm.";
        }
    }

    private static Verdict followTopic(AccountSnapshot snapshot, Chain chain, String topicArn) {
        String region = Arn.parse(topicArn).map(Arn::region).orElse("");
        String name = Arn.parse(topicArn).map(Arn::resource).orElse(topicArn);
        Read<TopicRecord> topic = lookup(snapshot.topics(), topicArn, "sns:ListSubscriptionsByTopic", region);
        if (!topic.isOk()) {
            return notAvailable(chain.with(new Link(Link.Kind.TOPIC, name, topicArn, region,
                    new Evidence.UnreadTopic())),
                    topic.failure());
        }
        if (!topic.value().exists()) {
            return new Verdict.Failed(ReasonCode.TOPIC_NOT_FOUND,
                    chain.with(new Link(Link.Kind.TOPIC, name, topicArn, region, new Evidence.Topic(topic.value()))),
                    "The alarm notifies SNS topic " + topicArn + ", which does not exist. Point the alarm at an "
                            + "existing topic.", null);
        }
        long confirmed = topic.value().confirmedSubscriptions();
        Chain withTopic = chain.with(new Link(Link.Kind.TOPIC, name, topicArn, region,
                new Evidence.Topic(topic.value())));
        if (confirmed == 0) {
            return new Verdict.Failed(ReasonCode.NO_CONFIRMED_SUBSCRIPTION, withTopic, "SNS topic " + name + " has "
                    + topic.value().subscriptions().size() + " subscription(s), none confirmed, so nobody is "
                    + "notified. Subscribe someone and confirm the subscription.", null);
        }
        return new Verdict.Passed(withTopic, "Trail, metric filter, alarm and topic form a complete chain: "
                + withTopic.describe() + " (" + confirmed + " confirmed subscription(s)).");
    }

    /**
     * Same namespace, name and dimension names as the filter emits, in the log group's account; a metric-math
     * alarm with a query reading it counts.
     */
    static boolean watches(AlarmRecord alarm, MetricTransformation metric, String account) {
        if (alarm.isMetricMath()) {
            return alarm.metrics().stream().anyMatch(query -> !query.isExpression()
                    && Firing.readsMetric(query, metric, account));
        }
        return alarm.namespace().equals(metric.metricNamespace()) && alarm.metricName().equals(metric.metricName())
                && alarm.dimensions().keySet().equals(metric.dimensions().keySet());
    }

    private static List<MetricFilterRecord> sorted(List<MetricFilterRecord> filters) {
        return filters.stream().sorted(Comparator.comparing(MetricFilterRecord::filterName)).toList();
    }

    /**
     * A metric filter's identity in a chain and a finding: it has no ARN, and its name is unique only within its
     * log group, so it is the log group's ARN (which names the region and account) followed by
     * {@code :metric-filter:} and the filter's name. Log group names and filter names cannot contain a colon, so
     * the form reads back unambiguously. Documented in the README (JSON output).
     */
    static String filterId(String logGroupArn, String filterName) {
        return logGroupArn + ":metric-filter:" + filterName;
    }

    private static Link filterLink(MetricFilterRecord filter, MetricTransformation metric, Group group) {
        return new Link(Link.Kind.METRIC_FILTER, filter.filterName(), filterId(group.arn(), filter.filterName()),
                group.region(), new Evidence.Filter(filter.filterPattern(), group.name(), metric));
    }

    /** The filter a NO_COVERING_METRIC_FILTER explanation is about, marked as not covering. */
    private static Link missLink(Miss miss, Group group) {
        MetricFilterRecord filter = miss.filter();
        return new Link(Link.Kind.METRIC_FILTER, filter.filterName(), filterId(group.arn(), filter.filterName()),
                group.region(), new Evidence.MissedFilter(filter.filterPattern(), group.name(), miss.metric() != null,
                        miss.metric() == null ? "" : miss.metric().metricValue()));
    }

    private static Link alarmLink(AlarmRecord alarm, String region, MetricTransformation metric) {
        return new Link(Link.Kind.ALARM, alarm.alarmName(), alarm.alarmArn(), region,
                new Evidence.Alarm(alarm, !metric.dimensions().isEmpty()));
    }

    private static String metricLabel(MetricTransformation metric) {
        return metric.metricNamespace() + "/" + metric.metricName()
                + (metric.dimensions().isEmpty() ? "" : " with dimensions " + metric.dimensions().keySet());
    }

    private static Verdict notAvailable(Chain chain, ReadFailure failure) {
        ReasonCode reason = switch (failure.cause().kind()) {
            case CROSS_ACCOUNT_RESOURCE -> ReasonCode.CROSS_ACCOUNT_RESOURCE;
            case DEADLINE -> ReasonCode.DEADLINE;
            case AWS_ERROR, PAGINATION_LOOP, INVALID_ARN, NOT_READ -> ReasonCode.READ_FAILED;
        };
        String settle = switch (failure.cause().kind()) {
            case CROSS_ACCOUNT_RESOURCE -> " Scan from the account that owns it to judge this control.";
            case DEADLINE -> " The scan ran out of time before this link was read; give it more time.";
            case AWS_ERROR, PAGINATION_LOOP, INVALID_ARN, NOT_READ -> " Grant " + failure.api()
                    + " to the scanning role, or fix the error, to judge this control.";
        };
        return new Verdict.NotAvailable(reason, chain, "Could not judge: " + failure.describe() + "." + settle,
                failure);
    }

    /** A missing key means the collector did not read it, which is a bug or a deadline: never "empty". */
    private static <T> Read<T> lookup(Map<String, Read<T>> map, String key, String api, String region) {
        Read<T> read = map.get(key);
        return read != null ? read : Read.unreadable(new ReadFailure(api, region, key, new FailureCause.NotRead()));
    }
}
