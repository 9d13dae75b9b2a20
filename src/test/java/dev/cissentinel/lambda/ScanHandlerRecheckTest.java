package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.testing.FakePorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The handler given CloudTrail events, on ports in memory: what it reads, re-checks and answers. */
class ScanHandlerRecheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "us-east-1");

    @Test
    void stopLogging_reChecksEveryControl_ownsOnlyThem_neverRemediates_andSaysWhatTriggeredIt() throws Exception {
        FakePorts ports = new FakePorts(FakePorts.noTrail("us-east-1"));
        Map<String, String> apply = Map.of("AWS_REGION", "us-east-1", "REMEDIATION_MODE", "apply",
                "NOTIFICATION_EMAIL", "secops@example.com");

        JsonNode response = invoke(new ScanHandler(apply, RecordingMetrics::new, () -> ports),
                bytes("cloudtrail-stop-logging.json"));

        assertThat(ports.steps).containsExactly("read", "publish");
        assertThat(ports.published).singleElement().satisfies(batch -> {
            assertThat(batch.scope()).isEqualTo(FindingScope.JUDGED);
            assertThat(batch.results()).hasSize(5);
            assertThat(batch.triggeredBy()).isEqualTo("cloudtrail:StopLogging:a1c3e5f7-2b4d-4f6a-8c0e-1a3b5c7d9e0f:"
                    + "arn:aws:sts::123456789012:assumed-role/Admin/jane");
        });
        JsonNode recheck = response.path("rechecks").get(0);
        assertThat(recheck.path("trigger").asText()).startsWith("cloudtrail:StopLogging:");
        assertThat(recheck.path("events").get(0).path("principalArn").asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/Admin/jane");
        assertThat(recheck.path("controls")).hasSize(5).allSatisfy(control -> assertThat(control.path("status")
                .asText()).isEqualTo("FAILED"));
        assertThat(recheck.path("remediation").path("mode").asText()).isEqualTo("off");
        assertThat(recheck.path("findingsRead").asBoolean()).isFalse();
        assertThat(response.has("batchItemFailures")).isFalse();
    }

    @Test
    void deleteAlarms_readsTheFindingsOnce_andReChecksOnlyTheControlThatNamesTheAlarm() throws Exception {
        FakePorts ports = new FakePorts(FakePorts.noTrail("us-east-1")).storedFindings(RecheckTest.allPassed());
        RecordingMetrics metrics = new RecordingMetrics();

        JsonNode response = invoke(new ScanHandler(ENV, () -> metrics, () -> ports),
                bytes("cloudtrail-delete-alarms.json"));

        assertThat(ports.storedReads).isEqualTo(1);
        assertThat(ports.published).singleElement().satisfies(batch -> assertThat(batch.results())
                .extracting(result -> result.control().id()).containsExactly("CloudWatch.4"));
        assertThat(response.path("rechecks").get(0).path("findingsRead").asBoolean()).isTrue();
        assertThat(response.path("rechecks").get(0).path("events").get(0).path("eventTime").asText())
                .isEqualTo("2026-12-03T10:15:02Z");
        assertThat(response.path("unrelated")).isEmpty();
        // The sample's call was made on 3 December 2026 at 10:15:02: the delay to its finding is the time since.
        assertThat(metrics.metrics.get("ChangeToFindingDelay")).isPositive();
    }

    @Test
    void unrelatedAlarm_costsTheFindingsReadAndNothingElse() throws Exception {
        FakePorts ports = new FakePorts(FakePorts.noTrail("us-east-1")).storedFindings(RecheckTest.allPassed());
        RecordingMetrics metrics = new RecordingMetrics();

        JsonNode response = invoke(new ScanHandler(ENV, () -> metrics, () -> ports),
                bytes("cloudtrail-unrelated.json"));

        assertThat(ports.steps).containsExactly("stored");
        assertThat(response.path("rechecks")).isEmpty();
        assertThat(response.path("unrelated").get(0).path("why").asText()).startsWith("unrelated: no finding names");
        assertThat(response.path("unrelated").get(0).path("eventName").asText()).isEqualTo("DeleteAlarms");
        assertThat(metrics.metrics).containsEntry("ChangeEvents", 1.0);
        assertThat(metrics.flushes).isEqualTo(1);
    }

    @Test
    void sqsBatch_duplicatesAndUnrelatedCalls_makeOneScan_answeredWithThePartialBatchResponseOnly() throws Exception {
        FakePorts ports = new FakePorts(FakePorts.noTrail("us-east-1")).storedFindings(RecheckTest.allPassed());

        JsonNode response = invoke(new ScanHandler(ENV, RecordingMetrics::new, () -> ports),
                bytes("cloudtrail-sqs-batch.json"));

        assertThat(ports.reads).hasSize(1);
        assertThat(ports.published).singleElement().satisfies(batch -> {
            assertThat(batch.results()).extracting(result -> result.control().id()).containsExactly("CloudWatch.4");
            assertThat(batch.triggeredBy()).startsWith("monitoring:DeleteAlarms:").doesNotContain("more");
        });
        // Lambda reads batchItemFailures; anything else goes to the log.
        assertThat(response.size()).isEqualTo(1);
        assertThat(response.path("batchItemFailures")).isEmpty();
    }

    /**
     * A call made in another account (say, forwarded by a misconfigured bus) never re-checks this account's
     * findings: it is answered as unrelated, with the reason, and nothing is read or published.
     */
    @Test
    void callInAnotherAccount_isUnrelated_withTheReason_andNothingIsScanned() throws Exception {
        FakePorts ports = new FakePorts(FakePorts.noTrail("us-east-1"));
        ObjectNode event = (ObjectNode) JSON.readTree(bytes("cloudtrail-stop-logging.json"));
        event.put("account", "999999999999");

        JsonNode response = invoke(new ScanHandler(ENV, RecordingMetrics::new, () -> ports),
                JSON.writeValueAsBytes(event));

        assertThat(ports.steps).isEmpty();
        assertThat(response.path("rechecks")).isEmpty();
        assertThat(response.path("unrelated")).singleElement().satisfies(unrelated -> {
            assertThat(unrelated.path("eventName").asText()).isEqualTo("StopLogging");
            assertThat(unrelated.path("account").asText()).isEqualTo("999999999999");
            assertThat(unrelated.path("why").asText()).contains("account 999999999999 is not this function's "
                    + "account " + FakePorts.ACCOUNT);
        });
    }

    @Test
    void malformedEvent_isAShortErrorBeforeThePortsAreMade() {
        AtomicInteger made = new AtomicInteger();
        ScanHandler handler = new ScanHandler(ENV, RecordingMetrics::new, () -> {
            made.incrementAndGet();
            return new FakePorts(FakePorts.noTrail("us-east-1"));
        });

        assertThatThrownBy(() -> invoke(handler, bytes("cloudtrail-malformed.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("a CloudTrail event needs detail.eventSource as a non-empty string");
        assertThat(made).hasValue(0);
    }

    @Test
    void sqsBatchOfRefusedMessages_reportsEachAsAFailedItem_withoutAnyAwsCall() throws Exception {
        AtomicInteger made = new AtomicInteger();
        ScanHandler handler = new ScanHandler(ENV, RecordingMetrics::new, () -> {
            made.incrementAndGet();
            return new FakePorts(FakePorts.noTrail("us-east-1"));
        });
        ObjectNode batch = (ObjectNode) JSON.readTree(bytes("cloudtrail-sqs-batch.json"));
        ArrayNode records = (ArrayNode) batch.get("Records");
        ((ObjectNode) records.get(0)).put("body", new String(bytes("cloudtrail-malformed.json")));
        ((ObjectNode) records.get(1)).put("body", "not json");
        records.remove(2);

        JsonNode response = invoke(handler, JSON.writeValueAsBytes(batch));

        assertThat(response.path("batchItemFailures")).extracting(item -> item.path("itemIdentifier").asText())
                .containsExactly("1c3e5a7b-9d1f-4b3a-8c5e-7f9a1b3c5d7e", "2d4f6b8c-0e2a-4c4b-9d6f-8a0b2c4d6e8f");
        assertThat(response.size()).isEqualTo(1);
        assertThat(made).hasValue(0);
    }

    @Test
    void publishFails_invocationFails_soTheBatchIsDeliveredAgain() {
        FakePorts ports = new FakePorts(FakePorts.noTrail("us-east-1")).failPublishing(new PublishException(
                "could not publish findings: BatchImportFindings failed"));

        assertThatThrownBy(() -> invoke(new ScanHandler(ENV, RecordingMetrics::new, () -> ports),
                bytes("cloudtrail-stop-logging.json"))).isInstanceOf(PublishException.class);
    }

    private static byte[] bytes(String file) throws Exception {
        return Files.readAllBytes(Path.of("events", file));
    }

    private static JsonNode invoke(ScanHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        return JSON.readTree(out.toByteArray());
    }
}
