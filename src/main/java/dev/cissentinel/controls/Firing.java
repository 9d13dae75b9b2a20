package dev.cissentinel.controls;

import dev.cissentinel.snapshot.AlarmRecord;
import dev.cissentinel.snapshot.AlarmRecord.MathMetric;
import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an alarm notifies on one matching log event, computed as CloudWatch computes it ({@code docs/controls.md},
 * chain link 4), for a period in which the match arrives among other, non-matching events.
 *
 * <p><b>The datapoints of a period.</b> The matching event publishes the filter's metric value {@code v}. A
 * non-matching event publishes the filter's {@code defaultValue} {@code d}, when it has one, else nothing.
 * AWS describes the default both as emitted "when a filter pattern does not match a log event"
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html) and as
 * "reported during a period when logs are ingested but no matching logs are found"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html). We judge for every
 * reading: a period with the match holds {@code v} and any number n ≥ 0 of {@code d}; a period without a match
 * (a CloudTrail log group always has other traffic) holds n ≥ 1 of {@code d}, or no datapoint at all when the
 * filter has no default. A filter with dimensions cannot have a default (same page), so such a snapshot is not
 * decided.
 *
 * <p><b>The verdict.</b> The alarm fires on the event only if its statistic breaches for every n ≥ 0 in the
 * period with the match, and does not breach in a period without one: an alarm that is already in ALARM (the
 * defaults alone breach, or missing data is treated as breaching) or stays there (missing data "ignore"d keeps
 * the state, https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html)
 * makes no transition on the event, and CloudWatch notifies only on a transition. Breaching for some n only
 * depends on the other traffic: not a pass either.
 *
 * <p><b>How n is handled exactly.</b> For every statistic we decide, its value over a range of n lies in an
 * interval we compute in closed form (Sum {@code v + n·d}, SampleCount {@code 1 + n}, Average between
 * {@code v} and {@code d}, Maximum/Minimum/percentiles between {@code v} and {@code d}); a threshold comparison is
 * a half-line, so it holds on the whole interval, on none of it, or on part of it, decided from the interval's
 * ends. Trimmed and winsorized statistics, percentile ranks, interquartile means, anomaly bands and sub-minute
 * periods are not decided.
 *
 * <p><b>Units.</b> An alarm with a {@code Unit} reads only datapoints published with that unit; a filter without
 * a unit publishes {@code None}
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html, Unit).
 *
 * <p><b>Percentiles with few datapoints.</b> With {@code EvaluateLowSampleCountPercentile} {@code ignore}, a
 * percentile between 0.5 and 1 (exclusive) needs 10/(1-p) datapoints, one below 0.5 needs 10/p, before the state
 * changes (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html, "Percentile-
 * based alarms and low data samples").
 */
final class Firing {

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d+(?:\\.\\d+)?)");
    private static final Set<String> FIXED_COMPARISONS = Set.of("GreaterThanOrEqualToThreshold",
            "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold");

    private Firing() {
    }

    /** Fires ({@code problem} null), or the reason code and why not. */
    record Outcome(ReasonCode problem, String explanation) {
        static Outcome fires(String explanation) {
            return new Outcome(null, explanation);
        }

        boolean fires() {
            return problem == null;
        }
    }

    /**
     * @param value the filter's metric value for the matching event; NaN when it comes from the event and is known
     *     only to be positive
     * @param metricAccount the account the filter's metric is published in (the log group's)
     */
    static Outcome judge(AlarmRecord alarm, MetricTransformation metric, double value, String metricAccount) {
        if (alarm.datapointsNeeded() != 1) {
            return new Outcome(ReasonCode.ALARM_CANNOT_FIRE_ON_ONE_EVENT, "it needs " + alarm.datapointsNeeded()
                    + " breaching datapoints, and one event makes one");
        }
        if (!alarm.thresholdMetricId().isEmpty() || !FIXED_COMPARISONS.contains(alarm.comparisonOperator())
                || Double.isNaN(alarm.threshold())) {
            return undecided("it compares with an anomaly-detection band (" + alarm.comparisonOperator()
                    + (alarm.thresholdMetricId().isEmpty() ? "" : ", band " + alarm.thresholdMetricId())
                    + "), whose bounds are learned from the metric's history");
        }
        if (Double.isNaN(value)) {
            return undecided("the filter's metric value '" + metric.metricValue() + "' comes from the event, so the "
                    + "datapoint it publishes is not known");
        }
        if (metric.hasDefaultValue() && !metric.dimensions().isEmpty()) {
            return undecided("the filter has both dimensions and a default value, which AWS does not allow "
                    + "(MonitoringLogData.html), so what a non-matching event publishes is not documented");
        }
        Threshold threshold = new Threshold(alarm.comparisonOperator(), alarm.threshold());
        return alarm.isMetricMath() ? judgeMath(alarm, metric, value, metricAccount, threshold)
                : judgeSingle(alarm, metric, value, threshold);
    }

    private static Outcome judgeSingle(AlarmRecord alarm, MetricTransformation metric, double v, Threshold threshold) {
        if (!alarm.unit().isEmpty() && !alarm.unit().equals(metric.publishedUnit())) {
            return new Outcome(ReasonCode.ALARM_UNIT_MISMATCH, "it reads only datapoints with unit " + alarm.unit()
                    + ", and the filter publishes its datapoints with unit " + metric.publishedUnit()
                    + (metric.unit().isEmpty() ? " (it names no unit)" : "") + ", so the alarm never sees them");
        }
        if (alarm.period() > 0 && alarm.period() < 60) {
            return undecided("its period is " + alarm.period() + " s, shorter than the one minute at which metric "
                    + "filters publish, and AWS says such an alarm may miss datapoints");
        }
        String statistic = alarm.statistic();
        double d = metric.defaultValue();
        boolean hasDefault = metric.hasDefaultValue();
        String others = hasDefault ? "with other events each emitting the default value " + format(d) : "";

        Stat any = stat(statistic, Period.withMatch(v, d, 0, hasDefault));
        if (any.undecided() != null) {
            return undecided(any.undecided());
        }
        LowSamples low = LowSamples.of(statistic, alarm.evaluateLowSampleCountPercentile());
        Truth matched = low.limit(threshold.on(any.interval()), 1, hasDefault);
        if (matched != Truth.ALL) {
            Stat busy = hasDefault ? stat(statistic, Period.withMatch(v, d, 1, true)) : any;
            Truth realistic = low.limit(threshold.on(busy.interval()), 1, hasDefault);
            String text = statistic + " of the event's period is " + busy.interval().describe()
                    + (hasDefault ? " " + others : "") + ", and the alarm needs " + threshold.describe()
                    + low.note(hasDefault);
            if (realistic == Truth.NONE) {
                return new Outcome(ReasonCode.ALARM_CANNOT_FIRE_ON_ONE_EVENT, text);
            }
            return new Outcome(ReasonCode.ALARM_DEPENDS_ON_OTHER_EVENTS, statistic + " of the event's period is "
                    + any.interval().describe() + " depending on how many other events emit the default value "
                    + format(d) + " (AWS documents it both per event and per period), so " + threshold.describe()
                    + " holds only for some of them");
        }
        if (!hasDefault) {
            return quietWithoutData(alarm, statistic + " of one event is " + format(stat(statistic,
                    Period.withMatch(v, d, 0, false)).interval().low()) + ", which is " + threshold.describe());
        }
        Stat quiet = stat(statistic, Period.withoutMatch(d));
        Truth alone = low.limit(threshold.on(quiet.interval()), 0, true);
        if (alone == Truth.ALL) {
            return new Outcome(ReasonCode.ALARM_STUCK_IN_ALARM, "in a period without a matching event the other "
                    + "events' default value " + format(d) + " alone gives " + statistic + " "
                    + quiet.interval().describe() + ", which is already " + threshold.describe()
                    + ": the alarm is in ALARM before the event, so the event changes no state and notifies nobody");
        }
        if (alone == Truth.SOME) {
            return new Outcome(ReasonCode.ALARM_DEPENDS_ON_OTHER_EVENTS, "in a period without a matching event the "
                    + "default value " + format(d) + " alone gives " + statistic + " " + quiet.interval().describe()
                    + ", which is " + threshold.describe() + " when enough other events arrive: then the alarm is "
                    + "already in ALARM and the event notifies nobody");
        }
        return Outcome.fires(statistic + " of the event's period is " + any.interval().describe() + " "
                + others + ", always " + threshold.describe() + ", and below it without the event");
    }

    /** A period without a match has no datapoint: what the alarm does then decides whether it can transition. */
    private static Outcome quietWithoutData(AlarmRecord alarm, String fired) {
        switch (alarm.treatMissingData()) {
            case "breaching":
                return new Outcome(ReasonCode.ALARM_STUCK_IN_ALARM, "without a matching event the filter publishes "
                        + "no datapoint, and the alarm treats missing data as breaching: it is in ALARM before the "
                        + "event, so the event changes no state and notifies nobody");
            case "ignore":
                return new Outcome(ReasonCode.ALARM_STUCK_IN_ALARM, "without a matching event the filter publishes "
                        + "no datapoint, and the alarm ignores missing data (it keeps its state): after the first "
                        + "matching event it stays in ALARM, so later events notify nobody");
            case "":
            case "missing":
            case "notBreaching":
                return Outcome.fires(fired);
            default:
                return undecided("its TreatMissingData is '" + alarm.treatMissingData() + "'");
        }
    }

    private static Outcome judgeMath(AlarmRecord alarm, MetricTransformation metric, double v, String account,
            Threshold threshold) {
        List<MathMetric> returned = alarm.metrics().stream().filter(MathMetric::returnData).toList();
        if (returned.size() != 1) {
            return undecided("its metric math returns " + returned.size() + " series, not one");
        }
        MathMetric result = returned.get(0);
        Map<String, MathMetric> byId = new LinkedHashMap<>();
        alarm.metrics().forEach(query -> byId.put(query.id(), query));
        Set<String> ours = new HashSet<>();
        for (MathMetric query : alarm.metrics()) {
            if (!query.isExpression() && readsMetric(query, metric, account)) {
                if (!query.unit().isEmpty() && !query.unit().equals(metric.publishedUnit())) {
                    return new Outcome(ReasonCode.ALARM_UNIT_MISMATCH, "its query " + query.id() + " reads only "
                            + "datapoints with unit " + query.unit() + ", and the filter publishes its datapoints "
                            + "with unit " + metric.publishedUnit() + ", so the query never sees them");
                }
                if (query.period() > 0 && query.period() < 60) {
                    return undecided("its query " + query.id() + " has a period of " + query.period() + " s, shorter "
                            + "than the one minute at which metric filters publish");
                }
                ours.add(query.id());
            }
        }
        if (!result.isExpression()) {
            return ours.contains(result.id()) ? judgeMathPeriods(alarm, metric, v, threshold, byId, ours, result)
                    : new Outcome(ReasonCode.ALARM_CANNOT_FIRE_ON_ONE_EVENT, "it returns query " + result.id()
                            + ", metric " + result.namespace() + "/" + result.metricName() + ", not the filter's");
        }
        Set<String> reached = reachable(result, byId);
        if (reached.stream().noneMatch(ours::contains)) {
            String dynamic = dynamicFunction(reached, byId);
            if (dynamic != null) {
                return undecided("its expression " + result.id() + " = " + result.expression() + " uses " + dynamic
                        + ", which may read the filter's metric at run time; cis-sentinel does not evaluate it");
            }
            return new Outcome(ReasonCode.ALARM_CANNOT_FIRE_ON_ONE_EVENT, "its expression " + result.id() + " = "
                    + result.expression() + " does not read the filter's metric");
        }
        return judgeMathPeriods(alarm, metric, v, threshold, byId, ours, result);
    }

    private static Outcome judgeMathPeriods(AlarmRecord alarm, MetricTransformation metric, double v,
            Threshold threshold, Map<String, MathMetric> byId, Set<String> ours, MathMetric result) {
        double d = metric.defaultValue();
        boolean hasDefault = metric.hasDefaultValue();
        String label = result.isExpression() ? result.id() + " = " + result.expression() : result.id();
        MathResult alone = mathValue(byId, ours, result, Period.withMatch(v, d, 0, false));
        if (alone.undecided() != null) {
            return undecided(alone.undecided());
        }
        MathResult busy = hasDefault ? mathValue(byId, ours, result, Period.withMatch(v, d, 1, true)) : alone;
        if (busy.undecided() != null) {
            return undecided(busy.undecided());
        }
        boolean firesAlone = threshold.breaches(alone.value());
        boolean firesBusy = threshold.breaches(busy.value());
        if (!firesBusy) {
            return new Outcome(ReasonCode.ALARM_CANNOT_FIRE_ON_ONE_EVENT, "its expression " + label + " is "
                    + describe(busy.value()) + " in the event's period" + (hasDefault ? " with other events" : "")
                    + ", and the alarm needs " + threshold.describe());
        }
        if (!firesAlone) {
            return new Outcome(ReasonCode.ALARM_DEPENDS_ON_OTHER_EVENTS, "its expression " + label + " is "
                    + describe(alone.value()) + " when the event's period holds only the event and "
                    + describe(busy.value()) + " with other events (AWS documents the default value both per "
                    + "event and per period), so whether it is " + threshold.describe() + " depends on them");
        }
        String fired = "its expression " + label + " is " + describe(busy.value()) + " in the event's period, which "
                + "is " + threshold.describe();
        MathResult quiet = mathValue(byId, ours, result, hasDefault ? Period.withoutMatch(d) : Period.empty());
        if (quiet.undecided() != null) {
            return undecided(quiet.undecided());
        }
        if (quiet.value() instanceof MetricMath.Value.Missing) {
            return quietWithoutData(alarm, fired);
        }
        if (threshold.breaches(quiet.value())) {
            return new Outcome(ReasonCode.ALARM_STUCK_IN_ALARM, "in a period without a matching event its "
                    + "expression " + label + " is already " + describe(quiet.value()) + ", which is "
                    + threshold.describe() + ": the alarm is in ALARM before the event, so the event changes no "
                    + "state and notifies nobody");
        }
        return Outcome.fires(fired + ", and " + describe(quiet.value()) + " without it");
    }

    /** The returned query's value in one period, or why it cannot be computed. */
    private record MathResult(MetricMath.Value value, String undecided) {
    }

    private static MathResult mathValue(Map<String, MathMetric> byId, Set<String> ours, MathMetric result,
            Period period) {
        Map<String, MetricMath.Value> values = new HashMap<>();
        for (MathMetric query : byId.values()) {
            if (query.isExpression()) {
                continue;
            }
            if (!ours.contains(query.id())) {
                values.put(query.id(), new MetricMath.Value.Unknown("it reads metric " + query.namespace() + "/"
                        + query.metricName() + ", whose datapoints cis-sentinel does not know"));
                continue;
            }
            if (period.isEmpty()) {
                values.put(query.id(), new MetricMath.Value.Missing());
                continue;
            }
            Stat stat = stat(query.stat(), period);
            if (stat.undecided() != null) {
                return new MathResult(null, stat.undecided());
            }
            if (!stat.interval().isPoint()) {
                return new MathResult(null, "its query " + query.id() + " (" + query.stat() + ") takes the values "
                        + stat.interval().describe() + " depending on how many other events emit the default value, "
                        + "and cis-sentinel evaluates metric math only on exact values");
            }
            values.put(query.id(), new MetricMath.Value.Number(stat.interval().low()));
        }
        MetricMath.Value value = resolve(result, byId, values, new HashSet<>());
        if (value instanceof MetricMath.Value.Unknown) {
            return new MathResult(null, "in its expression " + result.expression() + ", "
                    + ((MetricMath.Value.Unknown) value).reason());
        }
        if (value instanceof MetricMath.Value.Array) {
            return new MathResult(null, "its expression returns an array");
        }
        return new MathResult(value, null);
    }

    /** The value of one query, expressions evaluated on the values of the queries they name (cycles: unknown). */
    private static MetricMath.Value resolve(MathMetric query, Map<String, MathMetric> byId,
            Map<String, MetricMath.Value> values, Set<String> visiting) {
        if (values.containsKey(query.id())) {
            return values.get(query.id());
        }
        if (!query.isExpression()) {
            return new MetricMath.Value.Unknown("query " + query.id() + " has neither a metric nor an expression");
        }
        if (!visiting.add(query.id())) {
            return new MetricMath.Value.Unknown("query " + query.id() + " depends on itself");
        }
        MetricMath.Node node;
        try {
            node = MetricMath.parse(query.expression());
        } catch (MetricMath.SyntaxError e) {
            return new MetricMath.Value.Unknown("expression " + query.id() + " could not be read: " + e.getMessage());
        }
        Map<String, MetricMath.Value> scope = new HashMap<>();
        for (String id : MetricMath.references(node)) {
            MathMetric named = byId.get(id);
            if (named != null) {
                scope.put(id, resolve(named, byId, values, visiting));
            }
        }
        visiting.remove(query.id());
        MetricMath.Value value = MetricMath.evaluate(node, scope);
        values.put(query.id(), value);
        return value;
    }

    /** Every query id an expression reads, directly or through other expressions. */
    private static Set<String> reachable(MathMetric start, Map<String, MathMetric> byId) {
        Set<String> seen = new HashSet<>();
        List<MathMetric> work = new ArrayList<>(List.of(start));
        while (!work.isEmpty()) {
            MathMetric query = work.remove(work.size() - 1);
            if (!seen.add(query.id()) || !query.isExpression()) {
                continue;
            }
            try {
                for (String id : MetricMath.references(MetricMath.parse(query.expression()))) {
                    if (byId.containsKey(id)) {
                        work.add(byId.get(id));
                    }
                }
            } catch (MetricMath.SyntaxError unreadable) {
                // An expression we cannot read names nothing we can follow; evaluation reports it.
                continue;
            }
        }
        return seen;
    }

    /** A function outside the decided set in any expression reached (or an unreadable one), else null. */
    private static String dynamicFunction(Set<String> reached, Map<String, MathMetric> byId) {
        for (String id : reached) {
            MathMetric query = byId.get(id);
            if (query == null || !query.isExpression()) {
                continue;
            }
            try {
                String function = MetricMath.undecidedFunction(MetricMath.parse(query.expression()));
                if (function != null) {
                    return function;
                }
            } catch (MetricMath.SyntaxError unreadable) {
                return "an expression cis-sentinel cannot read (" + unreadable.getMessage() + ")";
            }
        }
        return null;
    }

    /** Whether a metric-math query reads the filter's metric: namespace, name, dimension names and account. */
    static boolean readsMetric(MathMetric query, MetricTransformation metric, String account) {
        return query.namespace().equals(metric.metricNamespace()) && query.metricName().equals(metric.metricName())
                && query.dimensions().keySet().equals(metric.dimensions().keySet())
                && (query.accountId().isEmpty() || query.accountId().equals(account));
    }

    private static Outcome undecided(String why) {
        return new Outcome(ReasonCode.ALARM_NOT_DECIDABLE, why);
    }

    private static String describe(MetricMath.Value value) {
        return value instanceof MetricMath.Value.Number ? format(((MetricMath.Value.Number) value).value())
                : "no datapoint";
    }

    static String format(double number) {
        if (Double.isInfinite(number)) {
            return number > 0 ? "unbounded" : "-unbounded";
        }
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
                : Double.toString(number);
    }

    // ---- the datapoints of a period and the statistics over them ----

    /**
     * The datapoints of one period: {@code matches} (0 or 1) times the metric value, and a number n of default
     * values with n from {@code minDefaults} up, unbounded when {@code manyDefaults}, else exactly
     * {@code minDefaults}. No default value means n is 0.
     */
    private record Period(int matches, double value, double defaultValue, int minDefaults, boolean manyDefaults) {
        static Period withMatch(double v, double d, int minDefaults, boolean manyDefaults) {
            return Double.isNaN(d) ? new Period(1, v, d, 0, false) : new Period(1, v, d, minDefaults, manyDefaults);
        }

        static Period withoutMatch(double d) {
            return new Period(0, 0, d, 1, true);
        }

        static Period empty() {
            return new Period(0, 0, Double.NaN, 0, false);
        }

        boolean isEmpty() {
            return matches == 0 && (Double.isNaN(defaultValue) || (minDefaults == 0 && !manyDefaults));
        }
    }

    /** A statistic's values over the period's range of n, or why it is not decided. */
    private record Stat(Interval interval, String undecided) {
        static Stat of(Interval interval) {
            return new Stat(interval, null);
        }

        static Stat not(String why) {
            return new Stat(null, why);
        }
    }

    private static Stat stat(String statistic, Period period) {
        if (period.isEmpty()) {
            return Stat.not("the period has no datapoint");
        }
        double v = period.value();
        double d = period.defaultValue();
        int m = period.matches();
        int lo = period.minDefaults();
        boolean many = period.manyDefaults();
        switch (statistic) {
            case "SampleCount":
                return Stat.of(many ? Interval.atLeast(m + lo) : Interval.point(m + lo));
            case "Sum": {
                double first = m * v + (lo == 0 ? 0 : lo * d);
                if (!many || d == 0) {
                    return Stat.of(Interval.point(first));
                }
                return Stat.of(d > 0 ? Interval.atLeast(first) : Interval.atMost(first));
            }
            case "Maximum":
            case "Minimum": {
                boolean max = statistic.equals("Maximum");
                double first = lo == 0 ? v : (m == 0 ? d : (max ? Math.max(v, d) : Math.min(v, d)));
                double rest = m == 0 ? d : (max ? Math.max(v, d) : Math.min(v, d));
                return Stat.of(many ? Interval.between(first, rest) : Interval.point(first));
            }
            case "Average": {
                if (m == 0 || lo + m == 0) {
                    return Stat.of(Interval.point(d));
                }
                double first = (v + lo * (lo == 0 ? 0 : d)) / (1 + lo);
                if (!many || v == d) {
                    return Stat.of(Interval.point(first));
                }
                return Stat.of(Interval.towards(first, d));
            }
            default:
                return percentile(statistic, period);
        }
    }

    private static Stat percentile(String statistic, Period period) {
        Matcher percentile = PERCENTILE.matcher(statistic);
        if (!percentile.matches()) {
            return Stat.not(statistic.isEmpty() ? "it names no statistic"
                    : "its statistic " + statistic + " is not one cis-sentinel evaluates exactly (its value on a "
                            + "handful of datapoints is not documented)");
        }
        double p = Double.parseDouble(percentile.group(1));
        if (p <= 0 || p > 100) {
            return Stat.not("its statistic " + statistic + " is not a percentile between 0 and 100");
        }
        double v = period.value();
        double d = period.defaultValue();
        boolean defaults = period.minDefaults() > 0 || period.manyDefaults();
        if (v < 0 || (defaults && d < 0)) {
            return Stat.not("percentiles of a metric with negative values are not available in CloudWatch");
        }
        if (period.matches() == 0 || v == d) {
            return Stat.of(Interval.point(period.matches() == 0 ? d : v));
        }
        if (!defaults) {
            return Stat.of(Interval.point(v));
        }
        if (p == 100) {
            double max = Math.max(v, d);
            return Stat.of(period.minDefaults() == 0 && period.manyDefaults() ? Interval.between(v, max)
                    : Interval.point(max));
        }
        // A percentile of v and some d's lies between them; with many d's it is d.
        return Stat.of(Interval.between(Math.min(v, d), Math.max(v, d)));
    }

    /** {@code EvaluateLowSampleCountPercentile ignore}: few datapoints leave the state as it is. */
    private record LowSamples(double needed) {
        static LowSamples of(String statistic, String setting) {
            Matcher percentile = PERCENTILE.matcher(statistic);
            if (!"ignore".equals(setting) || !percentile.matches()) {
                return new LowSamples(0);
            }
            double p = Double.parseDouble(percentile.group(1)) / 100;
            if (p >= 1 || p <= 0) {
                return new LowSamples(0);
            }
            return new LowSamples(p >= 0.5 ? 10 / (1 - p) : 10 / p);
        }

        /**
         * The truth once periods with fewer than the needed datapoints are ignored: with no default there is one
         * datapoint (or none), never enough; with defaults, only busy periods count.
         */
        Truth limit(Truth truth, int matches, boolean hasDefault) {
            if (needed == 0 || truth == Truth.NONE) {
                return truth;
            }
            return hasDefault ? Truth.SOME : (matches >= needed ? truth : Truth.NONE);
        }

        String note(boolean hasDefault) {
            return needed == 0 ? "" : "; the alarm ignores periods with fewer than " + format(Math.ceil(needed))
                    + " datapoints (EvaluateLowSampleCountPercentile ignore)" + (hasDefault ? "" : ", and one event "
                    + "makes one");
        }
    }

    /** How a predicate holds over a set of values. */
    enum Truth { ALL, NONE, SOME }

    /** The alarm's comparison with its threshold: a half-line. */
    record Threshold(String operator, double threshold) {
        Threshold {
            Objects.requireNonNull(operator, "operator");
        }

        boolean test(double x) {
            switch (operator) {
                case "GreaterThanOrEqualToThreshold":
                    return x >= threshold;
                case "GreaterThanThreshold":
                    return x > threshold;
                case "LessThanThreshold":
                    return x < threshold;
                case "LessThanOrEqualToThreshold":
                    return x <= threshold;
                default:
                    throw new IllegalStateException(operator);
            }
        }

        boolean breaches(MetricMath.Value value) {
            return value instanceof MetricMath.Value.Number && test(((MetricMath.Value.Number) value).value());
        }

        Threshold negated() {
            switch (operator) {
                case "GreaterThanOrEqualToThreshold":
                    return new Threshold("LessThanThreshold", threshold);
                case "GreaterThanThreshold":
                    return new Threshold("LessThanOrEqualToThreshold", threshold);
                case "LessThanThreshold":
                    return new Threshold("GreaterThanOrEqualToThreshold", threshold);
                default:
                    return new Threshold("GreaterThanThreshold", threshold);
            }
        }

        /** Whether the predicate holds on every value of the interval. */
        boolean holdsOnAll(Interval interval) {
            return end(interval.low(), interval.lowOpen(), true) && end(interval.high(), interval.highOpen(), false);
        }

        /** At a closed end, the predicate at the end; at an open end, just inside it. */
        private boolean end(double at, boolean open, boolean insideAbove) {
            if (!open) {
                return test(at);
            }
            boolean greater = operator.startsWith("Greater");
            if (insideAbove) {
                return greater ? at >= threshold : at < threshold;
            }
            return greater ? at > threshold : at <= threshold;
        }

        Truth on(Interval interval) {
            if (holdsOnAll(interval)) {
                return Truth.ALL;
            }
            return negated().holdsOnAll(interval) ? Truth.NONE : Truth.SOME;
        }

        String describe() {
            String symbol;
            switch (operator) {
                case "GreaterThanOrEqualToThreshold":
                    symbol = ">=";
                    break;
                case "GreaterThanThreshold":
                    symbol = ">";
                    break;
                case "LessThanThreshold":
                    symbol = "<";
                    break;
                default:
                    symbol = "<=";
            }
            return symbol + " " + format(threshold);
        }
    }

    /** A set of reals between two ends, each open or closed; infinite ends are open. */
    record Interval(double low, boolean lowOpen, double high, boolean highOpen) {
        static Interval point(double x) {
            return new Interval(x, false, x, false);
        }

        static Interval between(double a, double b) {
            return new Interval(Math.min(a, b), false, Math.max(a, b), false);
        }

        static Interval atLeast(double x) {
            return new Interval(x, false, Double.POSITIVE_INFINITY, true);
        }

        static Interval atMost(double x) {
            return new Interval(Double.NEGATIVE_INFINITY, true, x, false);
        }

        /** From {@code first} (reached) towards {@code limit} (approached, never reached). */
        static Interval towards(double first, double limit) {
            return first <= limit ? new Interval(first, false, limit, true) : new Interval(limit, true, first, false);
        }

        boolean isPoint() {
            return low == high && !lowOpen && !highOpen;
        }

        String describe() {
            if (isPoint()) {
                return format(low);
            }
            if (Double.isInfinite(high)) {
                return format(low) + " or more";
            }
            if (Double.isInfinite(low)) {
                return format(high) + " or less";
            }
            return "between " + format(low) + (lowOpen ? " (exclusive)" : "") + " and " + format(high)
                    + (highOpen ? " (exclusive)" : "");
        }
    }
}
