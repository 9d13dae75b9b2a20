package dev.cissentinel.snapshot;

import dev.cissentinel.aws.Arn;
import dev.cissentinel.aws.AwsClients;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;

/**
 * Reads one account's {@link AccountSnapshot} from AWS, following the chain lazily with as few calls as it needs:
 * the only AWS reads in a scan.
 *
 * <ol>
 *   <li>{@code GetCallerIdentity} in the scanned region: the account id.</li>
 *   <li>{@code DescribeTrails} with shadow trails, in the scanned region.</li>
 *   <li>For each multi-region trail, {@code GetTrailStatus} and {@code GetEventSelectors} asked with its ARN in its
 *   home region (AWS and the emulator answer selectors for a shadow trail only there: {@code docs/controls.md},
 *   chain link 1).
 *   Selectors are always asked: {@code HasCustomEventSelectors} is not trusted.</li>
 *   <li>For each log group a multi-region trail names and that trail is logging (or its status is unknown),
 *   {@code DescribeMetricFilters} in the group's region, once per group. A group in another account is read
 *   there through {@link CrossAccountLinks} (a role in the owning account), or, when that account cannot be
 *   reached, not at all: its slot is {@link FailureCause.CrossAccountResource}.</li>
 *   <li>Alarms, once per region that has read filters, only when those filters emit a metric (see below).</li>
 *   <li>For each SNS topic in the {@code AlarmActions} of an alarm on one of those metrics (directly or through
 *   a metric-math query), {@code ListSubscriptionsByTopic} in the topic's region; {@code NotFound} means the
 *   topic does not exist. A topic in another account is read there through {@link CrossAccountLinks}, or not at
 *   all.</li>
 * </ol>
 *
 * <p><b>Alarms: listing or per metric.</b> The candidate metrics of a region are the (namespace, name) pairs of the
 * metric transformations of its filters; say there are k. Listing all alarms ({@code DescribeAlarms}, metric
 * alarms, 100 a page) costs one call per page, P pages, and P is unknown until the last page.
 * {@code DescribeAlarmsForMetric} costs k calls. The rule: read the first page; while there is a next token and
 * fewer than k pages have been read, read the next page; once k pages have been read and more remain, ask per
 * metric instead. So a region costs P calls when P ≤ k and 2k otherwise: never more than twice the cheaper
 * choice (the break-even rule for a cost you learn only by paying it), and a region with at most 100 alarms
 * costs one call. The per-metric list is what the pages already read showed about the candidates plus what
 * {@code DescribeAlarmsForMetric} returns, by alarm ARN; if one of those calls fails, the region's alarms are
 * unreadable.
 *
 * <p>Two limits keep per-metric asking honest, both from the API reference
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmsForMetric.html):
 * <ul>
 *   <li>It "does not return alarms based on math expressions that use the specified metric". A metric-math
 *   alarm on a candidate metric is therefore seen only if it is on a page read before the switch; in an
 *   account with more than 100·k alarms it may be missed and its control reported without an alarm.</li>
 *   <li>"If the metric has any associated dimensions, you must specify them". A filter with dimensions takes
 *   their values from each event, so they cannot be known up front: when any candidate metric has dimensions,
 *   the region is listed to the end, never asked per metric.</li>
 * </ul>
 *
 * <p><b>Failures.</b> A call that fails ({@link SdkException}: an AWS error or no answer) becomes a
 * {@link ReadFailure} in the slot it would have filled (IAM action, region, resource, AWS error code) and the
 * scan goes on. If {@code GetCallerIdentity} fails, log groups and topics are treated as the caller's. A paginated
 * read stops with {@link FailureCause.PaginationLoop} when a next token repeats or after {@value #MAX_PAGES} pages.
 */
public final class SnapshotReader {

    private static final String GET_CALLER_IDENTITY = "sts:GetCallerIdentity";
    private static final String DESCRIBE_TRAILS = "cloudtrail:DescribeTrails";
    private static final String GET_TRAIL_STATUS = "cloudtrail:GetTrailStatus";
    private static final String GET_EVENT_SELECTORS = "cloudtrail:GetEventSelectors";
    private static final String DESCRIBE_METRIC_FILTERS = "logs:DescribeMetricFilters";
    private static final String DESCRIBE_ALARMS = "cloudwatch:DescribeAlarms";
    private static final String DESCRIBE_ALARMS_FOR_METRIC = "cloudwatch:DescribeAlarmsForMetric";
    private static final String LIST_SUBSCRIPTIONS_BY_TOPIC = "sns:ListSubscriptionsByTopic";

    /** Every IAM action {@link #read} may call, for the function's policy. */
    public static final List<String> IAM_ACTIONS = List.of(GET_CALLER_IDENTITY, DESCRIBE_TRAILS, GET_TRAIL_STATUS,
            GET_EVENT_SELECTORS, DESCRIBE_METRIC_FILTERS, DESCRIBE_ALARMS, DESCRIBE_ALARMS_FOR_METRIC,
            LIST_SUBSCRIPTIONS_BY_TOPIC);

    /** Pages one paginated read may take before it is recorded as a {@link FailureCause.PaginationLoop}. */
    static final int MAX_PAGES = 1000;
    /** {@code DescribeAlarms} allows 1–100 a page. */
    static final int ALARM_PAGE_SIZE = 100;
    /** {@code DescribeMetricFilters} allows 1–50 a page. */
    static final int FILTER_PAGE_SIZE = 50;

    private final AwsClients clients;
    private final Deadline deadline;
    private final CrossAccountLinks links;

    /** @param links how links in other accounts are read; {@link CrossAccountLinks#none} records them unread */
    public SnapshotReader(AwsClients clients, Deadline deadline, CrossAccountLinks links) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.links = Objects.requireNonNull(links, "links");
    }

    public SnapshotReader(AwsClients clients, Deadline deadline) {
        this(clients, deadline, CrossAccountLinks.none(owner -> "scan from that account"));
    }

    public SnapshotReader(AwsClients clients) {
        this(clients, Deadline.none());
    }

    public static SnapshotReader create(AwsClients clients) {
        return new SnapshotReader(clients);
    }

    /** Reads the account as seen from {@code scannedRegion}. Never throws for an AWS error: it is recorded. */
    public AccountSnapshot read(Region scannedRegion) {
        Read<String> accountId = call(GET_CALLER_IDENTITY, scannedRegion, "*",
                () -> Objects.requireNonNullElse(clients.sts(scannedRegion).getCallerIdentity().account(), ""));
        String account = accountId.isOk() && !accountId.value().isEmpty() ? accountId.value() : "*";
        Read<List<TrailRecord>> trails = call(DESCRIBE_TRAILS, scannedRegion,
                "arn:" + partition(scannedRegion) + ":cloudtrail:" + scannedRegion.id() + ":" + account + ":trail/*",
                () -> clients.cloudTrail(scannedRegion).describeTrails(r -> r.includeShadowTrails(true)).trailList()
                        .stream().map(trail -> SdkRecords.trail(trail, scannedRegion)).toList());

        Map<String, Read<Boolean>> trailLogging = new LinkedHashMap<>();
        Map<String, Read<EventSelectors>> eventSelectors = new LinkedHashMap<>();
        Map<String, Read<List<MetricFilterRecord>>> metricFilters = new LinkedHashMap<>();
        Map<String, Where> logGroupRegions = new LinkedHashMap<>();
        for (TrailRecord trail : trails.isOk() ? trails.value() : List.<TrailRecord>of()) {
            if (!trail.isMultiRegionTrail() || trailLogging.containsKey(trail.trailArn())) {
                continue;
            }
            Region home = Region.of(trail.homeRegion());
            CloudTrailClient cloudTrail = clients.cloudTrail(home);
            Read<Boolean> logging = call(GET_TRAIL_STATUS, home, trail.trailArn(),
                    () -> Boolean.TRUE.equals(cloudTrail.getTrailStatus(r -> r.name(trail.trailArn())).isLogging()));
            trailLogging.put(trail.trailArn(), logging);
            eventSelectors.put(trail.trailArn(), call(GET_EVENT_SELECTORS, home, trail.trailArn(),
                    () -> SdkRecords.eventSelectors(cloudTrail.getEventSelectors(r -> r.trailName(trail.trailArn())))));
            // Unknown status is not "not logging": follow the group so the evaluator sees the rest of the chain.
            boolean mayBeLogging = !logging.isOk() || logging.value();
            Optional<String> key = trail.logGroupArn().map(AccountSnapshot::logGroupKey);
            if (mayBeLogging && key.isPresent() && !metricFilters.containsKey(key.get())) {
                Read<List<MetricFilterRecord>> filters = metricFilters(key.get(), accountId, scannedRegion);
                metricFilters.put(key.get(), filters);
                if (filters.isOk()) {
                    Arn group = Arn.require(key.get(), "log group");
                    logGroupRegions.put(key.get(), new Where(inOtherAccount(group, accountId) ? group.accountId() : "",
                            Region.of(group.region())));
                }
            }
        }

        Map<Where, Map<Metric, Boolean>> candidates = candidateMetrics(metricFilters, logGroupRegions);
        Map<String, Read<List<AlarmRecord>>> alarms = new LinkedHashMap<>();
        candidates.forEach((where, metrics) -> alarms.put(where.alarmsKey(), where.owner().isEmpty()
                ? alarms(where.region(), metrics, account) : ownersAlarms(where, metrics, account)));

        return new AccountSnapshot(accountId, scannedRegion.id(), trails, trailLogging, eventSelectors,
                metricFilters, alarms, topics(candidates, alarms, accountId));
    }

    /**
     * Whether to stop listing alarms and ask per metric, after {@code pagesRead} pages of {@code DescribeAlarms}
     * with more to come (see the class comment): only when no candidate has dimensions and the pages read have
     * already cost as much as asking per metric would.
     */
    static boolean switchToPerMetric(int pagesRead, int candidateMetrics, boolean anyCandidateHasDimensions) {
        return !anyCandidateHasDimensions && pagesRead >= candidateMetrics;
    }

    private Read<List<MetricFilterRecord>> metricFilters(String logGroupArn, Read<String> accountId,
            Region scannedRegion) {
        Optional<Arn> arn = Arn.parse(logGroupArn);
        Optional<String> name = arn.flatMap(Arn::logGroupName);
        if (arn.isEmpty() || name.isEmpty() || arn.get().region().isEmpty()) {
            return Read.unreadable(new ReadFailure(DESCRIBE_METRIC_FILTERS, scannedRegion.id(), logGroupArn,
                    new FailureCause.InvalidArn(logGroupArn, "the trail's CloudWatchLogsLogGroupArn is not a log "
                            + "group ARN with a region")));
        }
        Region region = Region.of(arn.get().region());
        if (inOtherAccount(arn.get(), accountId)) {
            String owner = arn.get().accountId();
            return links.metricFilters(owner, region, logGroupArn, deadline,
                    no -> Read.unreadable(crossAccount(DESCRIBE_METRIC_FILTERS, region, logGroupArn, owner,
                            accountId.value(), no.why())),
                    there -> there.filtersOf(region, logGroupArn, name.get()));
        }
        return filtersOf(region, logGroupArn, name.get());
    }

    /** The alarms of another account's region, read there (the links are reached: its filters were read). */
    private Read<List<AlarmRecord>> ownersAlarms(Where where, Map<Metric, Boolean> metrics, String scanned) {
        String resource = "arn:" + partition(where.region()) + ":cloudwatch:" + where.region().id() + ":"
                + where.owner() + ":alarm:*";
        return links.alarms(where.owner(), where.region(), new java.util.TreeMap<>(metrics.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)))
                .toString(), deadline,
                no -> Read.unreadable(crossAccount(DESCRIBE_ALARMS, where.region(), resource, where.owner(), scanned,
                        no.why())),
                there -> there.alarms(where.region(), metrics, where.owner()));
    }

    private Read<List<MetricFilterRecord>> filtersOf(Region region, String logGroupArn, String name) {
        var logs = clients.logs(region);
        return paged(DESCRIBE_METRIC_FILTERS, region, logGroupArn,
                token -> logs.describeMetricFilters(r -> r.logGroupName(name).limit(FILTER_PAGE_SIZE)
                        .nextToken(token)),
                response -> response.metricFilters().stream().map(SdkRecords::metricFilter).toList(),
                DescribeMetricFiltersResponse::nextToken);
    }

    /** Candidate metrics by the region of their log group, each with whether any of its filters adds dimensions. */
    private static Map<Where, Map<Metric, Boolean>> candidateMetrics(
            Map<String, Read<List<MetricFilterRecord>>> metricFilters, Map<String, Where> logGroupRegions) {
        Map<Where, Map<Metric, Boolean>> candidates = new LinkedHashMap<>();
        logGroupRegions.forEach((key, region) -> {
            for (MetricFilterRecord filter : metricFilters.get(key).value()) {
                for (MetricFilterRecord.MetricTransformation transformation : filter.metricTransformations()) {
                    candidates.computeIfAbsent(region, r -> new LinkedHashMap<>()).merge(
                            new Metric(transformation.metricNamespace(), transformation.metricName()),
                            !transformation.dimensions().isEmpty(), Boolean::logicalOr);
                }
            }
        });
        return candidates;
    }

    private Read<List<AlarmRecord>> alarms(Region region, Map<Metric, Boolean> candidates, String account) {
        String resource = "arn:" + partition(region) + ":cloudwatch:" + region.id() + ":" + account + ":alarm:*";
        boolean anyDimensions = candidates.containsValue(Boolean.TRUE);
        CloudWatchClient cloudWatch = clients.cloudWatch(region);
        List<AlarmRecord> listed = new ArrayList<>();
        PageGuard guard = new PageGuard(DESCRIBE_ALARMS, region, resource);
        String token = null;
        while (true) {
            if (deadline.passed()) {
                return Read.unreadable(deadline.stopped(DESCRIBE_ALARMS, region.id(), resource));
            }
            String current = token;
            DescribeAlarmsResponse page;
            try {
                page = cloudWatch.describeAlarms(r -> r.alarmTypes(AlarmType.METRIC_ALARM).maxRecords(ALARM_PAGE_SIZE)
                        .nextToken(current));
            } catch (SdkException e) {
                return Read.unreadable(SdkRecords.failure(DESCRIBE_ALARMS, region, resource, e));
            }
            page.metricAlarms().forEach(alarm -> listed.add(SdkRecords.alarm(alarm)));
            token = page.nextToken();
            Optional<ReadFailure> loop = guard.afterPage(token);
            if (loop.isPresent()) {
                return Read.unreadable(loop.get());
            }
            if (token == null || token.isEmpty()) {
                return Read.ok(List.copyOf(listed));
            }
            if (switchToPerMetric(guard.pages(), candidates.size(), anyDimensions)) {
                return alarmsPerMetric(cloudWatch, region, candidates.keySet(), listed);
            }
        }
    }

    private Read<List<AlarmRecord>> alarmsPerMetric(CloudWatchClient cloudWatch, Region region,
            Set<Metric> metrics, List<AlarmRecord> listed) {
        Map<String, AlarmRecord> byArn = new LinkedHashMap<>();
        for (AlarmRecord alarm : listed) {
            if (readsAny(alarm, metrics)) {
                byArn.put(alarm.alarmArn(), alarm);
            }
        }
        for (Metric metric : metrics) {
            if (deadline.passed()) {
                return Read.unreadable(deadline.stopped(DESCRIBE_ALARMS_FOR_METRIC, region.id(),
                        metric.namespace() + "/" + metric.metricName()));
            }
            DescribeAlarmsForMetricResponse response;
            try {
                response = cloudWatch.describeAlarmsForMetric(r -> r.namespace(metric.namespace())
                        .metricName(metric.metricName()));
            } catch (SdkException e) {
                return Read.unreadable(SdkRecords.failure(DESCRIBE_ALARMS_FOR_METRIC, region,
                        metric.namespace() + "/" + metric.metricName(), e));
            }
            for (MetricAlarm alarm : response.metricAlarms()) {
                byArn.putIfAbsent(alarm.alarmArn(), SdkRecords.alarm(alarm));
            }
        }
        return Read.ok(List.copyOf(byArn.values()));
    }

    /** Each SNS topic in the alarm actions of an alarm that reads a candidate metric, asked once. */
    private Map<String, Read<TopicRecord>> topics(Map<Where, Map<Metric, Boolean>> candidates,
            Map<String, Read<List<AlarmRecord>>> alarms, Read<String> accountId) {
        Map<String, Read<TopicRecord>> topics = new LinkedHashMap<>();
        candidates.forEach((where, metrics) -> {
            Region region = where.region();
            Read<List<AlarmRecord>> regionAlarms = alarms.get(where.alarmsKey());
            if (!regionAlarms.isOk()) {
                return;
            }
            for (AlarmRecord alarm : regionAlarms.value()) {
                if (!readsAny(alarm, metrics.keySet())) {
                    continue;
                }
                for (String action : alarm.alarmActions()) {
                    boolean sns = Arn.parse(action).map(arn -> arn.service().equals("sns")).orElse(false);
                    if (sns && !topics.containsKey(action)) {
                        topics.put(action, topic(action, accountId, region));
                    }
                }
            }
        });
        return topics;
    }

    private Read<TopicRecord> topic(String topicArn, Read<String> accountId, Region alarmRegion) {
        Optional<Arn> arn = Arn.parse(topicArn).filter(parsed -> !parsed.region().isEmpty());
        if (arn.isEmpty()) {
            return Read.unreadable(new ReadFailure(LIST_SUBSCRIPTIONS_BY_TOPIC, alarmRegion.id(), topicArn,
                    new FailureCause.InvalidArn(topicArn, "the alarm action is not an SNS topic ARN with a region")));
        }
        Region region = Region.of(arn.get().region());
        if (inOtherAccount(arn.get(), accountId)) {
            String owner = arn.get().accountId();
            return links.topic(owner, topicArn, deadline,
                    no -> Read.unreadable(crossAccount(LIST_SUBSCRIPTIONS_BY_TOPIC, region, topicArn, owner,
                            accountId.value(), no.why())),
                    there -> there.topicOf(region, topicArn));
        }
        return topicOf(region, topicArn);
    }

    private Read<TopicRecord> topicOf(Region region, String topicArn) {
        var sns = clients.sns(region);
        Read<List<SubscriptionRecord>> subscriptions = paged(LIST_SUBSCRIPTIONS_BY_TOPIC, region, topicArn,
                token -> sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn).nextToken(token)),
                response -> response.subscriptions().stream().map(SdkRecords::subscription).toList(),
                ListSubscriptionsByTopicResponse::nextToken);
        if (!subscriptions.isOk() && subscriptions.failure().cause() instanceof FailureCause.AwsError error
                && error.is("NotFound")) {
            return Read.ok(new TopicRecord(topicArn, false, List.of()));
        }
        return subscriptions.map(list -> new TopicRecord(topicArn, true, list));
    }

    /** An alarm that reads one of the metrics, itself or through a metric-math query. */
    private static boolean readsAny(AlarmRecord alarm, Set<Metric> metrics) {
        if (metrics.contains(new Metric(alarm.namespace(), alarm.metricName()))) {
            return true;
        }
        for (AlarmRecord.MathMetric query : alarm.metrics()) {
            if (metrics.contains(new Metric(query.namespace(), query.metricName()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inOtherAccount(Arn arn, Read<String> accountId) {
        return accountId.isOk() && !accountId.value().isEmpty() && !arn.accountId().isEmpty()
                && !arn.accountId().equals(accountId.value());
    }

    /** @param settle what would let the scan read it (a role in the owner), as {@link CrossAccountLinks} says */
    private static ReadFailure crossAccount(String action, Region region, String resource, String owner,
            String scanned, String settle) {
        return new ReadFailure(action, region.id(), resource, new FailureCause.CrossAccountResource(owner, scanned,
                settle));
    }

    private <T> Read<T> call(String action, Region region, String resource, Supplier<T> call) {
        if (deadline.passed()) {
            return Read.unreadable(deadline.stopped(action, region.id(), resource));
        }
        try {
            return Read.ok(call.get());
        } catch (SdkException e) {
            return Read.unreadable(SdkRecords.failure(action, region, resource, e));
        }
    }

    /** Follows next tokens to the end, under the {@link PageGuard}. */
    private <R, T> Read<List<T>> paged(String action, Region region, String resource,
            Function<String, R> page, Function<R, List<T>> items, Function<R, String> nextToken) {
        List<T> all = new ArrayList<>();
        PageGuard guard = new PageGuard(action, region, resource);
        String token = null;
        do {
            if (deadline.passed()) {
                return Read.unreadable(deadline.stopped(action, region.id(), resource));
            }
            R response;
            try {
                response = page.apply(token);
            } catch (SdkException e) {
                return Read.unreadable(SdkRecords.failure(action, region, resource, e));
            }
            all.addAll(items.apply(response));
            token = nextToken.apply(response);
            Optional<ReadFailure> loop = guard.afterPage(token);
            if (loop.isPresent()) {
                return Read.unreadable(loop.get());
            }
        } while (token != null && !token.isEmpty());
        return Read.ok(List.copyOf(all));
    }

    private static String partition(Region region) {
        RegionMetadata metadata = region.metadata();
        return metadata == null ? "aws" : metadata.partition().id();
    }

    /**
     * Whose and which region's alarms a log group's filters lead to: the scanned account's ({@code owner} empty) or
     * another account's, read through {@link CrossAccountLinks} and kept under {@link AccountSnapshot#alarmsKey}.
     */
    private record Where(String owner, Region region) {
        String alarmsKey() {
            return owner.isEmpty() ? region.id() : AccountSnapshot.otherAccountAlarmsKey(owner, region.id());
        }
    }

    /** A metric as alarms name it: namespace and name (dimensions are compared by the evaluator). */
    private record Metric(String namespace, String metricName) {
    }

    /**
     * Stops a paginated read that would not end: a service that hands back a next token it gave before (an
     * emulator echoing the request's token does), or more than {@link #MAX_PAGES} pages.
     */
    private static final class PageGuard {
        private final String action;
        private final Region region;
        private final String resource;
        private final Set<String> tokens = new HashSet<>();
        private int pages;

        PageGuard(String action, Region region, String resource) {
            this.action = action;
            this.region = region;
            this.resource = resource;
        }

        int pages() {
            return pages;
        }

        /** Counts the page just read; a failure when its next token must not be followed. */
        Optional<ReadFailure> afterPage(String nextToken) {
            pages++;
            if (nextToken == null || nextToken.isEmpty()) {
                return Optional.empty();
            }
            if (!tokens.add(nextToken)) {
                return Optional.of(new ReadFailure(action, region.id(), resource,
                        new FailureCause.PaginationLoop(pages, true)));
            }
            if (pages >= MAX_PAGES) {
                return Optional.of(new ReadFailure(action, region.id(), resource,
                        new FailureCause.PaginationLoop(pages, false)));
            }
            return Optional.empty();
        }
    }
}
