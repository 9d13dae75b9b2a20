package dev.cissentinel.testing;

import dev.cissentinel.aws.Arn;
import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Seeds an emulated account through the real SDK, fluently: trails, log groups, metric filters, alarms,
 * topics and subscriptions, Security Hub. Each builder's {@code create()} makes the calls and returns what a
 * test needs to refer to the resource. {@link #in(Region)} gives the same account in another region.
 */
public final class TestAccount {

    public static final String ACCOUNT_ID = "123456789012";

    private final AwsClients clients;
    private final Region region;
    private final Emulator emulator;
    private final String accountId;
    private final AwsCredentialsProvider credentials;

    public TestAccount(AwsClients clients, Region region, Emulator emulator) {
        this(clients, region, emulator, ACCOUNT_ID,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    private TestAccount(AwsClients clients, Region region, Emulator emulator, String accountId,
            AwsCredentialsProvider credentials) {
        this.clients = clients;
        this.region = region;
        this.emulator = emulator;
        this.accountId = accountId;
        this.credentials = credentials;
    }

    public TestAccount in(Region other) {
        return new TestAccount(clients, other, emulator, accountId, credentials);
    }

    /**
     * Another emulated account: moto keeps accounts apart by the keys {@code sts:AssumeRole} hands out, so this
     * assumes a role there and seeds with its keys.
     */
    public TestAccount asAccount(String otherAccount) {
        var keys = clients.sts(region).assumeRole(r -> r.roleArn("arn:aws:iam::" + otherAccount + ":role/seed")
                .roleSessionName("seed")).credentials();
        AwsCredentialsProvider other = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken()));
        return new TestAccount(clients.as(other), region, emulator, otherAccount, other);
    }

    public String accountId() {
        return accountId;
    }

    public Region region() {
        return region;
    }

    public AwsClients clients() {
        return clients;
    }

    /** A log group in this region; returns it with the ARN form trails use. */
    public LogGroup logGroup(String name) {
        emulator.assumeSupports("logs");
        clients.logs(region).createLogGroup(r -> r.logGroupName(name));
        return new LogGroup(name, region, "arn:aws:logs:" + region.id() + ":" + accountId + ":log-group:" + name
                + ":*");
    }

    public TrailBuilder trail(String name) {
        return new TrailBuilder(name);
    }

    public MetricFilterBuilder metricFilter(LogGroup group, String filterName, String pattern) {
        return new MetricFilterBuilder(group, filterName, pattern);
    }

    public AlarmBuilder alarm(String name) {
        return new AlarmBuilder(name);
    }

    public TopicBuilder topic(String name) {
        return new TopicBuilder(name);
    }

    /** Deletes a topic (in its own region), leaving whatever alarm names it pointing at nothing. */
    public void deleteTopic(Topic topic) {
        emulator.assumeSupports("sns");
        Region topicRegion = Region.of(Arn.require(topic.arn(), "topic").region());
        clients.sns(topicRegion).deleteTopic(r -> r.topicArn(topic.arn()));
    }

    /**
     * Turns an alarm's actions off. moto has no DisableAlarmActions, so the alarm is put again, unchanged but
     * for ActionsEnabled, as PutMetricAlarm replaces an alarm of the same name.
     */
    public void disableAlarmActions(String alarmName) {
        var cloudWatch = clients.cloudWatch(region);
        var alarm = cloudWatch.describeAlarms(r -> r.alarmNames(alarmName)).metricAlarms().get(0);
        cloudWatch.putMetricAlarm(r -> r.alarmName(alarm.alarmName()).namespace(alarm.namespace())
                .metricName(alarm.metricName()).dimensions(alarm.dimensions()).statistic(alarm.statistic())
                .period(alarm.period()).evaluationPeriods(alarm.evaluationPeriods()).threshold(alarm.threshold())
                .comparisonOperator(alarm.comparisonOperator()).treatMissingData(alarm.treatMissingData())
                .alarmActions(alarm.alarmActions()).okActions(alarm.okActions()).actionsEnabled(false));
    }

    public void enableSecurityHub() {
        emulator.assumeSupports("securityhub");
        clients.securityHub(region).enableSecurityHub(r -> r.enableDefaultStandards(false));
    }

    /**
     * The whole chain for one control: a filter with {@code pattern} on {@code group}, its metric in
     * {@code CISBenchmark}, an alarm that fires on one event and notifies {@code topicArn}.
     */
    public Chain compliantChain(LogGroup group, String metricName, String pattern, String topicArn) {
        MetricFilter filter = metricFilter(group, metricName + "Filter", pattern).metric("CISBenchmark", metricName)
                .create();
        Alarm alarm = alarm(metricName + "Alarm").onMetric("CISBenchmark", metricName).alarmActions(topicArn)
                .create();
        return new Chain(filter, alarm);
    }

    private S3Client s3() {
        return S3Client.builder().region(region).endpointOverride(emulator.endpoint()).forcePathStyle(true)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * A whole compliant account: multi-region trail {@code management} logging to {@code cloudtrail/management},
     * where each control has its CIS filter and an alarm notifying topic {@code alerts}, which has a subscriber.
     */
    public Compliant compliantAccount() {
        LogGroup group = logGroup("cloudtrail/management");
        trail("management").logGroup(group).create();
        String topic = topic("alerts").emailSubscriber("secops@example.com").create().arn();
        compliantChains(group, topic);
        return new Compliant(group, topic);
    }

    /** For every control, its CIS filter on {@code group} and an alarm that fires on one event to {@code topicArn}. */
    public void compliantChains(LogGroup group, String topicArn) {
        for (Control control : ControlTable.all()) {
            compliantChain(group, control.metricName(), control.cisPattern(), topicArn);
        }
    }

    public record Compliant(LogGroup group, String topicArn) {
    }

    public record LogGroup(String name, Region region, String arn) {
    }

    public record Trail(String name, String arn, Region homeRegion) {
    }

    public record MetricFilter(String logGroupName, String filterName, String metricNamespace, String metricName) {
    }

    public record Alarm(String name, String arn) {
    }

    public record Topic(String arn) {
    }

    public record Chain(MetricFilter filter, Alarm alarm) {
    }

    /** A trail; multi-region, logging, default selectors unless told otherwise. */
    public final class TrailBuilder {
        private final String name;
        private boolean multiRegion = true;
        private boolean logging = true;
        private LogGroup logGroup;
        private List<EventSelector> classic;
        private List<AdvancedEventSelector> advanced;

        private TrailBuilder(String name) {
            this.name = name;
        }

        public TrailBuilder multiRegion(boolean value) {
            this.multiRegion = value;
            return this;
        }

        public TrailBuilder logging(boolean value) {
            this.logging = value;
            return this;
        }

        public TrailBuilder logGroup(LogGroup group) {
            this.logGroup = group;
            return this;
        }

        /** One classic selector. */
        public TrailBuilder classicSelector(ReadWriteType readWriteType, boolean includeManagementEvents) {
            this.classic = List.of(EventSelector.builder().readWriteType(readWriteType)
                    .includeManagementEvents(includeManagementEvents).build());
            return this;
        }

        /** One advanced selector for management events, with extra field conditions (e.g. readOnly). */
        public TrailBuilder advancedManagementSelector(AdvancedFieldSelector... extra) {
            List<AdvancedFieldSelector> fields = new ArrayList<>();
            fields.add(AdvancedFieldSelector.builder().field("eventCategory").equalsValue("Management").build());
            fields.addAll(List.of(extra));
            this.advanced = List.of(AdvancedEventSelector.builder().name("Management events")
                    .fieldSelectors(fields).build());
            return this;
        }

        public Trail create() {
            emulator.assumeSupports("cloudtrail", "s3");
            // CloudTrail needs a bucket that exists; moto checks.
            String bucket = "trail-" + name.toLowerCase(Locale.ROOT) + "-" + region.id()
                    + (accountId.equals(ACCOUNT_ID) ? "" : "-" + accountId);
            try (S3Client s3 = s3()) {
                s3.createBucket(r -> {
                    r.bucket(bucket);
                    if (!region.equals(Region.US_EAST_1)) {
                        r.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                    }
                });
            }
            var trails = clients.cloudTrail(region);
            var created = trails.createTrail(r -> {
                r.name(name).s3BucketName(bucket).isMultiRegionTrail(multiRegion);
                if (logGroup != null) {
                    r.cloudWatchLogsLogGroupArn(logGroup.arn())
                            .cloudWatchLogsRoleArn("arn:aws:iam::" + accountId + ":role/CloudTrailToLogs");
                }
            });
            if (classic != null) {
                trails.putEventSelectors(r -> r.trailName(name).eventSelectors(classic));
            }
            if (advanced != null) {
                trails.putEventSelectors(r -> r.trailName(name).advancedEventSelectors(advanced));
            }
            if (logging) {
                trails.startLogging(r -> r.name(name));
            }
            return new Trail(name, created.trailARN(), region);
        }
    }

    /** A metric filter; metric value "1", no dimensions, unless told otherwise. */
    public final class MetricFilterBuilder {
        private final LogGroup group;
        private final String filterName;
        private final String pattern;
        private String namespace = "CISBenchmark";
        private String metricName;
        private String value = "1";
        private Double defaultValue;
        private String unit;
        private final Map<String, String> dimensions = new LinkedHashMap<>();

        private MetricFilterBuilder(LogGroup group, String filterName, String pattern) {
            this.group = group;
            this.filterName = filterName;
            this.pattern = pattern;
            this.metricName = filterName;
        }

        public MetricFilterBuilder metric(String metricNamespace, String name) {
            this.namespace = metricNamespace;
            this.metricName = name;
            return this;
        }

        public MetricFilterBuilder value(String metricValue) {
            this.value = metricValue;
            return this;
        }

        /** The value emitted for a log event the pattern does not match. */
        public MetricFilterBuilder defaultValue(double value) {
            this.defaultValue = value;
            return this;
        }

        /** The unit the metric's datapoints are published with (AWS publishes None without one). */
        public MetricFilterBuilder unit(String metricUnit) {
            this.unit = metricUnit;
            return this;
        }

        /** A dimension whose value is taken from the event, e.g. ("User", "$.userIdentity.arn"). */
        public MetricFilterBuilder dimension(String key, String selector) {
            dimensions.put(key, selector);
            return this;
        }

        public MetricFilter create() {
            emulator.assumeSupports("logs");
            MetricTransformation.Builder transformation = MetricTransformation.builder().metricName(metricName)
                    .metricNamespace(namespace).metricValue(value);
            if (!dimensions.isEmpty()) {
                transformation.dimensions(dimensions);
            }
            if (defaultValue != null) {
                transformation.defaultValue(defaultValue);
            }
            if (unit != null) {
                transformation.unit(unit);
            }
            clients.logs(group.region()).putMetricFilter(r -> r.logGroupName(group.name()).filterName(filterName)
                    .filterPattern(pattern).metricTransformations(transformation.build()));
            return new MetricFilter(group.name(), filterName, namespace, metricName);
        }
    }

    /** A metric alarm that fires on one event (Sum ≥ 1 over 300 s, one period) unless told otherwise. */
    public final class AlarmBuilder {
        private final String name;
        private String namespace;
        private String metricName;
        private final List<Dimension> dimensions = new ArrayList<>();
        private Statistic statistic = Statistic.SUM;
        private String extendedStatistic;
        private String unit;
        private String treatMissingData = "notBreaching";
        private String evaluateLowSampleCountPercentile;
        private int period = 300;
        private int evaluationPeriods = 1;
        private Integer datapointsToAlarm;
        private double threshold = 1;
        private ComparisonOperator comparison = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
        private boolean actionsEnabled = true;
        private List<String> alarmActions = List.of();
        private List<String> okActions = List.of();
        private List<MetricDataQuery> metrics;

        private AlarmBuilder(String name) {
            this.name = name;
        }

        public AlarmBuilder onMetric(String metricNamespace, String metric) {
            this.namespace = metricNamespace;
            this.metricName = metric;
            return this;
        }

        public AlarmBuilder dimension(String key, String value) {
            dimensions.add(Dimension.builder().name(key).value(value).build());
            return this;
        }

        public AlarmBuilder statistic(Statistic value) {
            this.statistic = value;
            return this;
        }

        /** A percentile or other extended statistic (e.g. {@code p99}) instead of a statistic. */
        public AlarmBuilder extendedStatistic(String value) {
            this.extendedStatistic = value;
            return this;
        }

        /** The unit the alarm reads (it then sees only datapoints with that unit). */
        public AlarmBuilder unit(String value) {
            this.unit = value;
            return this;
        }

        /** {@code notBreaching} unless told otherwise; null leaves it unset (AWS's default, missing). */
        public AlarmBuilder treatMissingData(String value) {
            this.treatMissingData = value;
            return this;
        }

        public AlarmBuilder evaluateLowSampleCountPercentile(String value) {
            this.evaluateLowSampleCountPercentile = value;
            return this;
        }

        public AlarmBuilder period(int seconds) {
            this.period = seconds;
            return this;
        }

        public AlarmBuilder evaluationPeriods(int value) {
            this.evaluationPeriods = value;
            return this;
        }

        public AlarmBuilder datapointsToAlarm(int value) {
            this.datapointsToAlarm = value;
            return this;
        }

        public AlarmBuilder threshold(double value) {
            this.threshold = value;
            return this;
        }

        public AlarmBuilder comparison(ComparisonOperator value) {
            this.comparison = value;
            return this;
        }

        public AlarmBuilder actionsEnabled(boolean value) {
            this.actionsEnabled = value;
            return this;
        }

        public AlarmBuilder alarmActions(String... arns) {
            this.alarmActions = List.of(arns);
            return this;
        }

        public AlarmBuilder okActions(String... arns) {
            this.okActions = List.of(arns);
            return this;
        }

        /** A metric-math alarm instead of a single-metric one. */
        public AlarmBuilder metricMath(List<MetricDataQuery> queries) {
            this.metrics = List.copyOf(queries);
            return this;
        }

        public Alarm create() {
            emulator.assumeSupports("cloudwatch");
            var cloudWatch = clients.cloudWatch(region);
            cloudWatch.putMetricAlarm(r -> {
                r.alarmName(name).evaluationPeriods(evaluationPeriods).threshold(threshold)
                        .comparisonOperator(comparison).actionsEnabled(actionsEnabled).alarmActions(alarmActions)
                        .okActions(okActions).treatMissingData(treatMissingData)
                        .evaluateLowSampleCountPercentile(evaluateLowSampleCountPercentile);
                if (metrics != null) {
                    r.metrics(metrics);
                } else {
                    r.namespace(namespace).metricName(metricName).period(period).dimensions(dimensions).unit(unit);
                    if (extendedStatistic != null) {
                        r.extendedStatistic(extendedStatistic);
                    } else {
                        r.statistic(statistic);
                    }
                }
                if (datapointsToAlarm != null) {
                    r.datapointsToAlarm(datapointsToAlarm);
                }
            });
            String arn = cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0).alarmArn();
            return new Alarm(name, arn);
        }
    }

    /** An SNS topic with optional subscribers. */
    public final class TopicBuilder {
        private final String name;
        private final List<String> emails = new ArrayList<>();

        private TopicBuilder(String name) {
            this.name = name;
        }

        public TopicBuilder emailSubscriber(String address) {
            emails.add(address);
            return this;
        }

        public Topic create() {
            emulator.assumeSupports("sns");
            var sns = clients.sns(region);
            String arn = sns.createTopic(r -> r.name(name)).topicArn();
            for (String email : emails) {
                sns.subscribe(r -> r.topicArn(arn).protocol("email").endpoint(email));
            }
            return new Topic(arn);
        }
    }
}
