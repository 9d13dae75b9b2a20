package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.scan.AwsPorts;
import dev.cissentinel.scan.ScanPorts;
import dev.cissentinel.scan.Target;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * A Terraform apply touching 200 alarms, delivered as the event source mapping delivers it (SQS batches, two
 * environments at once, EventBridge's at-least-once duplicates included), through the real handler on moto: few
 * scans, one finding per control, and the final verdicts right.
 */
@ExtendWith(EmulatorExtension.class)
class RecheckBurstIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "us-east-1");
    private static final String CW4_ALARM = "IAMPolicyChangesAlarm";

    @BeforeEach
    void pointTheSdkAtTheEmulator(Emulator emulator) {
        System.setProperty("aws.endpointUrl", emulator.endpoint().toString());
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterAll
    static void clearSdkProperties() {
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void burstOf200AlarmCalls_fewScans_oneFindingPerControl_finalVerdictsRight(TestAccount account) throws Exception {
        TestAccount.Compliant compliant = account.compliantAccount();
        account.enableSecurityHub();
        AtomicInteger scans = new AtomicInteger();
        AtomicInteger findingReads = new AtomicInteger();
        // Two execution environments, as ScalingConfig MaximumConcurrency 2 allows.
        List<ScanHandler> environments = List.of(handler(scans, findingReads), handler(scans, findingReads));
        invoke(environments.get(0), Files.readAllBytes(Path.of("events", "scheduled-rule.json")));
        int scheduled = scans.getAndSet(0);
        findingReads.set(0);

        // The apply: 199 application alarms created, and CloudWatch.4's alarm deleted.
        List<JsonNode> calls = new ArrayList<>();
        for (int i = 1; i <= 199; i++) {
            String name = "app-" + i + "-errors";
            putAlarm(account, name);
            calls.add(call("PutMetricAlarm", JSON.createObjectNode().put("alarmName", name)));
        }
        account.clients().cloudWatch(account.region()).deleteAlarms(r -> r.alarmNames(CW4_ALARM));
        calls.add(call("DeleteAlarms", JSON.createObjectNode().set("alarmNames", JSON.createArrayNode()
                .add(CW4_ALARM))));
        Collections.shuffle(calls, new Random(18));
        // EventBridge and SQS deliver at least once: ten calls arrive twice.
        calls.addAll(calls.subList(0, 10));
        List<JsonNode> responses = deliver(environments, calls, 2);

        assertThat(scans.get()).as("scans for %d calls in 2 batches", calls.size()).isLessThanOrEqualTo(2);
        assertThat(findingReads.get()).isLessThanOrEqualTo(2);
        assertThat(responses).allSatisfy(response -> assertThat(response.path("batchItemFailures")).isEmpty());
        assertThat(verdicts(account)).containsExactlyInAnyOrderEntriesOf(Map.of("CloudWatch.1", "PASSED",
                "CloudWatch.2", "PASSED", "CloudWatch.4", "FAILED", "CloudWatch.5", "PASSED", "CloudWatch.6",
                "PASSED"));
        assertThat(finding(account, "CloudWatch.4").productFields().get("cis-sentinel/TriggeredBy"))
                .startsWith("monitoring:DeleteAlarms:");

        // The next apply re-creates the alarm, among 100 more application alarm updates: the FAILED control is
        // re-checked because a new alarm may repair it.
        scans.set(0);
        List<JsonNode> repair = new ArrayList<>();
        account.alarm(CW4_ALARM).onMetric("CISBenchmark", ControlTable.byId("CloudWatch.4").orElseThrow()
                .metricName()).alarmActions(compliant.topicArn()).create();
        repair.add(call("PutMetricAlarm", JSON.createObjectNode().put("alarmName", CW4_ALARM)));
        for (int i = 1; i <= 100; i++) {
            repair.add(call("PutMetricAlarm", JSON.createObjectNode().put("alarmName", "app-" + i + "-errors")));
        }
        deliver(environments, repair, 1);

        assertThat(scans.get()).isEqualTo(1);
        assertThat(verdicts(account)).containsOnlyKeys("CloudWatch.1", "CloudWatch.2", "CloudWatch.4",
                "CloudWatch.5", "CloudWatch.6").allSatisfy((id, status) -> assertThat(status).isEqualTo("PASSED"));
        assertThat(scheduled).isEqualTo(1);
    }

    /** Sends {@code calls} as {@code batches} SQS batches, each to its own environment, all at once. */
    private static List<JsonNode> deliver(List<ScanHandler> environments, List<JsonNode> calls, int batches)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(batches);
        try {
            List<Future<JsonNode>> pending = new ArrayList<>();
            int size = (calls.size() + batches - 1) / batches;
            for (int b = 0; b < batches; b++) {
                List<JsonNode> part = calls.subList(b * size, Math.min(calls.size(), (b + 1) * size));
                ScanHandler environment = environments.get(b % environments.size());
                byte[] batch = JSON.writeValueAsBytes(sqsBatch(part));
                pending.add(pool.submit(() -> invoke(environment, batch)));
            }
            List<JsonNode> responses = new ArrayList<>();
            for (Future<JsonNode> response : pending) {
                responses.add(response.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }

    private static ObjectNode sqsBatch(List<JsonNode> events) throws Exception {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode records = batch.putArray("Records");
        for (JsonNode event : events) {
            records.addObject().put("messageId", UUID.randomUUID().toString()).put("receiptHandle", "AQEB")
                    .put("body", JSON.writeValueAsString(event)).put("eventSource", "aws:sqs")
                    .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:ChangeQueue")
                    .put("awsRegion", "us-east-1").putObject("attributes");
        }
        return batch;
    }

    /** The delete-alarms sample as another CloudWatch call, with its own eventID. */
    private static JsonNode call(String name, JsonNode request) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events",
                "cloudtrail-delete-alarms.json")));
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventName", name).put("eventID", UUID.randomUUID().toString()).set("requestParameters", request);
        return event;
    }

    private static void putAlarm(TestAccount account, String name) {
        account.clients().cloudWatch(account.region()).putMetricAlarm(r -> r.alarmName(name).namespace("App")
                .metricName("Errors").statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    }

    private static ScanHandler handler(AtomicInteger scans, AtomicInteger findingReads) {
        return new ScanHandler(ENV, RecordingMetrics::new, () -> new CountingPorts(AwsPorts.create(Clock.systemUTC()),
                scans, findingReads));
    }

    private static JsonNode invoke(ScanHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        return JSON.readTree(out.toByteArray());
    }

    /** This tool's findings in the account, by control: each exactly once, all ACTIVE. */
    private static Map<String, String> verdicts(TestAccount account) {
        List<AwsSecurityFinding> ours = ours(account);
        assertThat(ours).extracting(AwsSecurityFinding::id).doesNotHaveDuplicates();
        assertThat(ours).allSatisfy(f -> assertThat(f.recordStateAsString()).isEqualTo("ACTIVE"));
        return ours.stream().collect(Collectors.toMap(f -> f.compliance().securityControlId(),
                f -> f.compliance().statusAsString()));
    }

    private static AwsSecurityFinding finding(TestAccount account, String control) {
        return ours(account).stream().filter(f -> f.compliance().securityControlId().equals(control)).findFirst()
                .orElseThrow();
    }

    private static List<AwsSecurityFinding> ours(TestAccount account) {
        return account.clients().securityHub(account.region()).getFindings(r -> r.maxResults(100)).findings()
                .stream().filter(f -> f.generatorId().startsWith("cis-sentinel/")).toList();
    }

    /** The production ports, counting scans (snapshot reads) and reads of the findings. */
    private record CountingPorts(ScanPorts ports, AtomicInteger scans, AtomicInteger findingReads)
            implements ScanPorts {
        @Override
        public java.util.Optional<String> callerAccount(software.amazon.awssdk.regions.Region home) {
            return ports.callerAccount(home);
        }

        @Override
        public TargetPorts open(Target target) {
            TargetPorts real = ports.open(target);
            ScanPorts.FindingSink findings = new ScanPorts.FindingSink() {
                @Override
                public dev.cissentinel.publish.PublishResult publish(dev.cissentinel.publish.FindingBatch batch) {
                    return real.findings().publish(batch);
                }

                @Override
                public List<dev.cissentinel.publish.StoredFinding> stored(String accountId, String region) {
                    findingReads.incrementAndGet();
                    return real.findings().stored(accountId, region);
                }
            };
            return new TargetPorts(deadline -> {
                scans.incrementAndGet();
                return real.snapshots().read(deadline);
            }, real.filterTester(), findings, real.changes(), real.calls());
        }
    }
}
