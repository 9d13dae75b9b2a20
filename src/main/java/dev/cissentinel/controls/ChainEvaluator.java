package dev.cissentinel.controls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.aws.Arn;
import dev.cissentinel.pattern.Coverage;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.pattern.Patterns;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.Deadline;
import dev.cissentinel.snapshot.AlarmRecord;
import dev.cissentinel.snapshot.AlarmRecord.MathMetric;
import dev.cissentinel.snapshot.EventSelectors;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges controls on a snapshot: a pure function from (controls, snapshot, pattern mode) to one verdict per
 * control ({@code controls.md}, "A control passes when one whole chain exists").
 *
 * <p>Every multi-region trail starts a chain; the evaluator follows each as far as it goes. Any chain that
 * passes makes the control PASSED. Otherwise, if some chain stopped at a link that could not be read, the
 * control is NOT_AVAILABLE (it might have passed: never a guessed FAILED); otherwise FAILED with the chain
 * that got furthest and its first broken link.
 */
public final class ChainEvaluator {

    private static final String CROSS_ACCOUNT = "CrossAccountResource";
    private static final int MISSES_SHOWN = 2;
    private static final Pattern SELECTOR = Pattern.compile("\\$\\.([A-Za-z0-9_.]+)");

    private final PatternMode mode;

    public ChainEvaluator(PatternMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** One result per control, in the order given. A bug judging one control never hides the others. */
    public List<ControlResult> evaluate(List<Control> controls, AccountSnapshot snapshot) {
        List<ControlResult> results = new ArrayList<>();
        for (Control control : controls) {
            Verdict verdict;
            try {
                verdict = evaluate(control, snapshot);
            } catch (RuntimeException bug) {
                verdict = new Verdict.NotAvailable(ReasonCode.EVALUATION_ERROR, Chain.empty(),
                        "cis-sentinel could not judge this control (" + bug + "); please report it.", null);
            }
            results.add(new ControlResult(control, verdict));
        }
        return List.copyOf(results);
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
                Map.of("homeRegion", trail.homeRegion())));
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
                    + " does not record all management events " + control.id() + " needs: " + selectorProblem.get()
                    + ". Record all management events, read and write.", null);
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
                Map.of("accountId", groupArn.get().accountId())));
        Read<List<MetricFilterRecord>> filters = lookup(snapshot.metricFilters(), groupKey,
                "logs:DescribeMetricFilters", groupRegion);
        if (!filters.isOk()) {
            return notAvailable(chain, filters.failure());
        }
        return followFilters(control, snapshot, chain, groupName.get(), groupRegion, filters.value());
    }

    private Verdict followFilters(Control control, AccountSnapshot snapshot, Chain chain, String groupName,
            String region, List<MetricFilterRecord> filters) {
        List<Miss> misses = new ArrayList<>();
        List<Verdict> attempts = new ArrayList<>();
        for (MetricFilterRecord filter : sorted(filters)) {
            Coverage coverage = judge(filter.filterPattern(), control);
            if (coverage.kind() != Coverage.Kind.COVERS) {
                ObjectNode example = coverage instanceof Coverage.DoesNotCover
                        ? ((Coverage.DoesNotCover) coverage).counterexample() : null;
                misses.add(new Miss(filter, describeMiss(filter, coverage), example, relevance(filter, control)));
                continue;
            }
            for (MetricTransformation metric : filter.metricTransformations()) {
                Optional<Double> value = positiveValue(metric.metricValue());
                if (value.isEmpty()) {
                    misses.add(new Miss(filter, "filter '" + filter.filterName() + "' covers the reference but its "
                            + "metric value '" + metric.metricValue() + "' is not a positive number, so its metric "
                            + "never counts an event", null, relevance(filter, control)));
                    continue;
                }
                Chain withFilter = chain.with(filterLink(filter, metric, region));
                Verdict attempt = followMetric(snapshot, withFilter, region, metric, value.get());
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
            return new Verdict.Failed(ReasonCode.NO_COVERING_METRIC_FILTER, chain, "Log group " + groupName
                    + " has no metric filters. Add one with the CIS pattern for " + control.id() + ".", null);
        }
        // Explain with the filters that look meant for this control (they share its terms), closest first; the
        // others are about something else and would only be noise.
        misses.sort(Comparator.comparingInt((Miss miss) -> -miss.relevance())
                .thenComparing(miss -> miss.filter().filterName()));
        List<Miss> related = misses.stream().filter(miss -> miss.relevance() > 0).toList();
        ObjectNode example = (related.isEmpty() ? misses : related).stream().map(Miss::example)
                .filter(Objects::nonNull).findFirst().orElse(null);
        String found;
        if (related.isEmpty()) {
            found = "None of the " + filters.size() + " metric filter(s) on log group " + groupName + " is about "
                    + control.id() + " (" + control.title().toLowerCase(Locale.ROOT) + ")";
        } else {
            List<String> shown = related.stream().limit(MISSES_SHOWN).map(Miss::text).toList();
            String more = related.size() > MISSES_SHOWN ? "; and " + (related.size() - MISSES_SHOWN) + " more" : "";
            found = "No metric filter on log group " + groupName + " catches every event the " + control.id()
                    + " reference catches: " + String.join("; ", shown) + more;
        }
        return new Verdict.Failed(ReasonCode.NO_COVERING_METRIC_FILTER, chain, found + ". Add a metric filter with "
                + "the CIS pattern" + (related.isEmpty() ? "" : ", or widen the closest one") + ".", example);
    }

    /** A filter that does not qualify, why, the event it misses (when there is one), and how related it is. */
    private record Miss(MetricFilterRecord filter, String text, ObjectNode example, int relevance) {
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

    private Verdict followMetric(AccountSnapshot snapshot, Chain chain, String region, MetricTransformation metric,
            double value) {
        Read<List<AlarmRecord>> alarms = lookup(snapshot.alarms(), region, "cloudwatch:DescribeAlarms", region);
        if (!alarms.isOk()) {
            return notAvailable(chain, alarms.failure());
        }
        List<AlarmRecord> onMetric = alarms.value().stream().filter(alarm -> watches(alarm, metric))
                .sorted(Comparator.comparing(AlarmRecord::alarmArn)).toList();
        if (onMetric.isEmpty()) {
            return new Verdict.Failed(ReasonCode.NO_ALARM_ON_METRIC, chain, "No CloudWatch alarm in " + region
                    + " watches metric " + metricLabel(metric) + ". Create an alarm on it that fires on one event and "
                    + "notifies an SNS topic.", null);
        }
        List<Verdict> attempts = new ArrayList<>();
        for (AlarmRecord alarm : onMetric) {
            Verdict attempt = followAlarm(snapshot, chain.with(alarmLink(alarm, region)), alarm, metric, value);
            if (attempt.status() == Status.PASSED) {
                return attempt;
            }
            attempts.add(attempt);
        }
        return best(attempts);
    }

    private Verdict followAlarm(AccountSnapshot snapshot, Chain chain, AlarmRecord alarm, MetricTransformation metric,
            double value) {
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
        Optional<String> cannotFire = cannotFireOnOneEvent(alarm, metric, value);
        if (cannotFire.isPresent()) {
            return new Verdict.Failed(ReasonCode.ALARM_CANNOT_FIRE_ON_ONE_EVENT, chain, "Alarm " + alarm.alarmName()
                    + " would not fire on a single matching event: " + cannotFire.get() + ". Use Sum >= 1 over one "
                    + "period with one datapoint to alarm.", null);
        }
        List<Verdict> attempts = new ArrayList<>();
        for (String topicArn : topics) {
            Verdict attempt = followTopic(snapshot, chain, topicArn);
            if (attempt.status() == Status.PASSED) {
                return attempt;
            }
            attempts.add(attempt);
        }
        return best(attempts);
    }

    private static Verdict followTopic(AccountSnapshot snapshot, Chain chain, String topicArn) {
        String region = Arn.parse(topicArn).map(Arn::region).orElse("");
        String name = Arn.parse(topicArn).map(Arn::resource).orElse(topicArn);
        Read<TopicRecord> topic = lookup(snapshot.topics(), topicArn, "sns:ListSubscriptionsByTopic", region);
        if (!topic.isOk()) {
            return notAvailable(chain.with(new Link(Link.Kind.TOPIC, name, topicArn, region, Map.of())),
                    topic.failure());
        }
        if (!topic.value().exists()) {
            return new Verdict.Failed(ReasonCode.TOPIC_NOT_FOUND,
                    chain.with(new Link(Link.Kind.TOPIC, name, topicArn, region, Map.of("exists", "false"))),
                    "The alarm notifies SNS topic " + topicArn + ", which does not exist. Point the alarm at an "
                            + "existing topic.", null);
        }
        long confirmed = topic.value().confirmedSubscriptions();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("confirmedSubscriptions", Long.toString(confirmed));
        evidence.put("subscriptions", Integer.toString(topic.value().subscriptions().size()));
        Chain withTopic = chain.with(new Link(Link.Kind.TOPIC, name, topicArn, region, evidence));
        if (confirmed == 0) {
            return new Verdict.Failed(ReasonCode.NO_CONFIRMED_SUBSCRIPTION, withTopic, "SNS topic " + name + " has "
                    + topic.value().subscriptions().size() + " subscription(s), none confirmed, so nobody is "
                    + "notified. Subscribe someone and confirm the subscription.", null);
        }
        return new Verdict.Passed(withTopic, "Trail, metric filter, alarm and topic form a complete chain: "
                + withTopic.describe() + " (" + confirmed + " confirmed subscription(s)).");
    }

    /** Same namespace, name and dimension names as the filter emits; a metric-math alarm reading it counts. */
    static boolean watches(AlarmRecord alarm, MetricTransformation metric) {
        if (alarm.isMetricMath()) {
            return alarm.metrics().stream().anyMatch(m -> sameMetric(m.namespace(), m.metricName(), m.dimensions(),
                    metric));
        }
        return sameMetric(alarm.namespace(), alarm.metricName(), alarm.dimensions(), metric);
    }

    private static boolean sameMetric(String namespace, String name, Map<String, String> dimensions,
            MetricTransformation metric) {
        return namespace.equals(metric.metricNamespace()) && name.equals(metric.metricName())
                && dimensions.keySet().equals(metric.dimensions().keySet());
    }

    /**
     * Empty when one event, giving the metric {@code value} in one period, breaches: the statistic of one
     * datapoint is the value (1 for SampleCount), the comparison is a "greater than" one that the value passes,
     * and one datapoint is enough. For metric math we read the statistic of the query on our metric and assume
     * the expression passes it through (we cannot evaluate arbitrary expressions).
     */
    static Optional<String> cannotFireOnOneEvent(AlarmRecord alarm, MetricTransformation metric, double value) {
        List<String> problems = new ArrayList<>();
        if (alarm.datapointsNeeded() != 1) {
            problems.add("it needs " + alarm.datapointsNeeded() + " breaching datapoints");
        }
        String statistic = alarm.statistic();
        if (alarm.isMetricMath()) {
            statistic = alarm.metrics().stream().filter(m -> sameMetric(m.namespace(), m.metricName(),
                    m.dimensions(), metric)).map(MathMetric::stat).findFirst().orElse("");
        }
        double datapoint = "SampleCount".equals(statistic) ? 1 : value;
        String comparison = alarm.comparisonOperator();
        boolean breaches;
        switch (comparison) {
            case "GreaterThanOrEqualToThreshold":
                breaches = datapoint >= alarm.threshold();
                break;
            case "GreaterThanThreshold":
                breaches = datapoint > alarm.threshold();
                break;
            default:
                breaches = false;
        }
        if (!breaches) {
            problems.add(statistic + " of one event is " + format(datapoint) + ", which is not " + comparison
                    + " " + format(alarm.threshold()));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", problems));
    }

    private static Optional<Double> positiveValue(String metricValue) {
        try {
            double value = Double.parseDouble(metricValue.trim());
            return value > 0 && Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException fromTheEvent) {
            // "$.field": the value depends on the event and may be zero or absent.
            return Optional.empty();
        }
    }

    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }

    private static List<MetricFilterRecord> sorted(List<MetricFilterRecord> filters) {
        return filters.stream().sorted(Comparator.comparing(MetricFilterRecord::filterName)).toList();
    }

    private static Link filterLink(MetricFilterRecord filter, MetricTransformation metric, String region) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("filterPattern", filter.filterPattern());
        evidence.put("metricName", metric.metricName());
        evidence.put("metricNamespace", metric.metricNamespace());
        evidence.put("metricValue", metric.metricValue());
        if (!metric.dimensions().isEmpty()) {
            evidence.put("dimensions", String.join(",", metric.dimensions().keySet().stream().sorted().toList()));
        }
        return new Link(Link.Kind.METRIC_FILTER, filter.filterName(), filter.filterName(), region, evidence);
    }

    private static Link alarmLink(AlarmRecord alarm, String region) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("statistic", alarm.isMetricMath() ? "metric math" : alarm.statistic());
        evidence.put("threshold", alarm.comparisonOperator() + " " + format(alarm.threshold()));
        evidence.put("period", Integer.toString(alarm.period()));
        evidence.put("datapointsToAlarm", Integer.toString(alarm.datapointsNeeded()));
        evidence.put("actionsEnabled", Boolean.toString(alarm.actionsEnabled()));
        return new Link(Link.Kind.ALARM, alarm.alarmName(), alarm.alarmArn(), region, evidence);
    }

    private static String metricLabel(MetricTransformation metric) {
        return metric.metricNamespace() + "/" + metric.metricName()
                + (metric.dimensions().isEmpty() ? "" : " with dimensions " + metric.dimensions().keySet());
    }

    private static Verdict notAvailable(Chain chain, ReadFailure failure) {
        String settle;
        ReasonCode reason;
        switch (failure.errorCode()) {
            case CROSS_ACCOUNT:
                reason = ReasonCode.CROSS_ACCOUNT_RESOURCE;
                settle = " Scan from the account that owns it to judge this control.";
                break;
            case Deadline.ERROR_CODE:
                reason = ReasonCode.DEADLINE;
                settle = " The scan ran out of time before this link was read; give it more time.";
                break;
            default:
                reason = ReasonCode.READ_FAILED;
                settle = " Grant " + failure.api() + " to the scanning role, or fix the error, to judge this control.";
        }
        return new Verdict.NotAvailable(reason, chain, "Could not judge: " + failure.describe() + "." + settle,
                failure);
    }

    /** A missing key means the collector did not read it, which is a bug or a deadline: never "empty". */
    private static <T> Read<T> lookup(Map<String, Read<T>> map, String key, String api, String region) {
        Read<T> read = map.get(key);
        return read != null ? read : Read.unreadable(new ReadFailure(api, region, key, "NotRead",
                "the scan did not read this resource"));
    }
}
