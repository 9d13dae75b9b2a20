package dev.cissentinel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Status;
import dev.cissentinel.findings.FindingMapper;
import dev.cissentinel.remediate.Change;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanListener;
import dev.cissentinel.scan.ScanOutcome;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutMetricFilterRequest;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * Two runs at once, as happen without reserved concurrency (a retry, a manual invoke, or Scheduler's at-least-once
 * delivery overlapping a scheduled run): both scan the same broken account, both plan, and only then do both apply,
 * re-scan and publish, on moto_server with the real SDK, each with its own clients as two Lambda environments have.
 * Nothing is duplicated: one topic, one subscription, one alarm per control, one finding per control.
 *
 * <p>moto's PutMetricFilter appends a filter with the name of an existing one instead of replacing it, so two runs
 * that both put cis-sentinel-X leave two identical entries there, where AWS keeps one ("Creates or updates a metric
 * filter", https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html). The test
 * therefore checks the filters by name: one name per control, every entry under it the same filter, and exactly as
 * many entries as PutMetricFilter requests the two runs sent for that name; nothing else wrote one.
 */
@ExtendWith(EmulatorExtension.class)
class OverlappingRunsIT {

    private static final Region REGION = Region.US_EAST_1;
    private static final String EMAIL = "secops@example.com";
    private static final String TOPIC = "arn:aws:sns:us-east-1:" + TestAccount.ACCOUNT_ID + ":cis-sentinel-alerts";

    @Test
    void twoApplyRunsAtOnce_duplicateNoTopicSubscriptionAlarmFilterOrFinding(TestAccount account, Emulator emulator)
            throws Exception {
        emulator.reset();
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();
        account.enableSecurityHub();
        // Both runs wait for each other after planning (so both plan from the same, unremediated account) and
        // again after the re-scan (so both publish at once).
        CyclicBarrier together = new CyclicBarrier(2);
        Map<String, AtomicInteger> filterPuts = new ConcurrentHashMap<>();

        ExecutorService runs = Executors.newFixedThreadPool(2);
        List<Future<ScanOutcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                outcomes.add(runs.submit(() -> run(emulator, together, filterPuts)));
            }
            List<ScanOutcome> done = new ArrayList<>();
            for (Future<ScanOutcome> outcome : outcomes) {
                done.add(outcome.get(120, TimeUnit.SECONDS));
            }

            Plan first = done.get(0).plan().orElseThrow();
            assertThat(first.changes()).as("both runs found everything to do").hasSize(13);
            assertThat(done.get(1).plan()).contains(first);
            for (ScanOutcome outcome : done) {
                assertThat(outcome.applied()).hasValueSatisfying(applied -> assertThat(applied.failure()).isEmpty());
                assertThat(outcome.result().results()).allSatisfy(result -> assertThat(result.status())
                        .as(result.control().id() + ": " + result.verdict().explanation()).isEqualTo(Status.PASSED));
                assertThat(outcome.published()).hasValueSatisfying(published -> assertThat(published.failed())
                        .isEmpty());
            }
        } finally {
            runs.shutdownNow();
        }

        AwsClients clients = account.clients();
        assertThat(clients.sns(REGION).listTopics().topics()).filteredOn(topic -> topic.topicArn().equals(TOPIC))
                .hasSize(1);
        assertThat(clients.sns(REGION).listSubscriptionsByTopic(r -> r.topicArn(TOPIC)).subscriptions())
                .extracting(subscription -> subscription.endpoint()).containsExactly(EMAIL);

        List<String> metrics = ControlTable.defaults().stream().map(control -> control.metricName()).toList();
        var alarms = clients.cloudWatch(REGION).describeAlarms(r -> r.alarmNamePrefix(Plan.PREFIX)).metricAlarms();
        assertThat(alarms).extracting(alarm -> alarm.alarmName()).containsExactlyInAnyOrderElementsOf(
                metrics.stream().map(metric -> Plan.PREFIX + metric).toList());

        Map<String, List<MetricFilter>> filters = clients.logs(REGION).describeMetricFilters(r -> r
                .logGroupName(group.name()).filterNamePrefix(Plan.PREFIX)).metricFilters().stream()
                .collect(Collectors.groupingBy(MetricFilter::filterName));
        assertThat(filters.keySet()).containsExactlyInAnyOrderElementsOf(
                metrics.stream().map(metric -> Plan.PREFIX + metric).toList());
        filters.forEach((name, entries) -> {
            assertThat(entries).as(name).allSatisfy(entry -> assertThat(entry.toBuilder().creationTime(null)
                    .build()).isEqualTo(entries.get(0).toBuilder().creationTime(null).build()));
            assertThat(filterPuts.get(name).get()).as("%s was put by both runs", name).isEqualTo(2);
            assertThat(entries).as("%s: one moto entry per PutMetricFilter of that name (AWS replaces)", name)
                    .hasSize(filterPuts.get(name).get());
        });

        List<AwsSecurityFinding> findings = clients.securityHub(REGION).getFindings(r -> r.maxResults(100))
                .findings();
        assertThat(findings).extracting(AwsSecurityFinding::id).containsExactlyInAnyOrderElementsOf(
                ControlTable.defaults().stream().map(control -> FindingMapper.findingId(TestAccount.ACCOUNT_ID,
                        REGION.id(), control.id())).toList());
        assertThat(findings).allSatisfy(finding -> assertThat(finding.compliance().statusAsString())
                .isEqualTo("PASSED"));
    }

    /** One run, as one Lambda execution environment makes it: its own clients, apply with an email. */
    private static ScanOutcome run(Emulator emulator, CyclicBarrier together, Map<String, AtomicInteger> filterPuts) {
        CallRecorder calls = new CallRecorder();
        try (AwsClients clients = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(calls).interceptor(new CountFilterPuts(filterPuts)).build()) {
            ScanRequest settings = ScanRequest.parse(REGION.id(), null, null, true).withRemediation(
                    new RemediationOptions(RemediationMode.APPLY, "", EMAIL, "CISBenchmark"));
            return new Scan(clients, calls, Clock.systemUTC()).execute(settings, new ScanListener() {
                private int verdicts;

                @Override
                public void verdicts(ScanResult result) {
                    if (++verdicts == 2) {
                        await(together);
                    }
                }

                @Override
                public void plan(Plan plan, RemediationMode mode) {
                    assertThat(plan.changes()).extracting(Change::action).contains("sns:CreateTopic");
                    await(together);
                }
            });
        }
    }

    private static void await(CyclicBarrier together) {
        try {
            together.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other run did not get this far", e);
        }
    }

    /** Counts the PutMetricFilter requests sent, by filter name. */
    private static final class CountFilterPuts implements ExecutionInterceptor {
        private final Map<String, AtomicInteger> byName;

        CountFilterPuts(Map<String, AtomicInteger> byName) {
            this.byName = byName;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutMetricFilterRequest) {
                byName.computeIfAbsent(((PutMetricFilterRequest) context.request()).filterName(),
                        name -> new AtomicInteger()).incrementAndGet();
            }
        }
    }
}
