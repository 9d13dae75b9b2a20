package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.FaultProxy;
import dev.cissentinel.testing.TestAccount;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real handler object on the real SDK, with the emulator endpoint given the SDK's standard way (here its
 * {@code aws.endpointUrl} system property, which the SDK reads exactly like {@code AWS_ENDPOINT_URL}), invoked
 * with each file in {@code events/}.
 */
@ExtendWith(EmulatorExtension.class)
class ScanHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "us-east-1",
            "POWERTOOLS_SERVICE_NAME", "cis-sentinel");

    @BeforeEach
    void pointTheSdkAtTheEmulator(Emulator emulator, TestAccount account) {
        System.setProperty("aws.endpointUrl", emulator.endpoint().toString());
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        if (account.clients().logs(account.region()).describeLogGroups().logGroups().isEmpty()) {
            account.compliantAccount();
            account.enableSecurityHub();
        }
    }

    @AfterAll
    static void clearSdkProperties() {
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduled-rule.json", "scheduler.json"})
    void handleRequest_scheduledEvent_scansAllControlsPublishesAndSummarises(String file) throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();

        JsonNode summary = invoke(new ScanHandler(ENV, () -> metrics), file);

        assertThat(summary.path("accountId").asText()).isEqualTo("123456789012");
        assertThat(summary.path("counts").path("PASSED").asInt()).isEqualTo(5);
        assertThat(summary.path("controls")).hasSize(5);
        assertThat(summary.path("findings").path("imported").asInt()).isEqualTo(5);
        assertThat(summary.path("findings").path("failed").asInt()).isZero();
        assertThat(summary.path("remediation").path("mode").asText()).isEqualTo("off");
        assertThat(metrics.metrics).containsEntry("ControlsPassed", 5.0).containsEntry("ControlsFailed", 0.0)
                .containsEntry("FindingsPublished", 5.0).containsKeys("AwsCalls", "ScanDuration");
        assertThat(metrics.flushes).isEqualTo(1);
    }

    @Test
    void handleRequest_overrides_scanOnlyTheNamedControlsAndLeaveTheOtherFindingsActive(TestAccount account)
            throws Exception {
        invoke(new ScanHandler(ENV, RecordingMetrics::new), "scheduled-rule.json");

        JsonNode summary = invoke(new ScanHandler(ENV, RecordingMetrics::new), "overrides.json");

        assertThat(summary.path("controls")).extracting(c -> c.path("id").asText())
                .containsExactly("CloudWatch.1", "CloudWatch.4");
        assertThat(summary.path("findings").path("imported").asInt()).isEqualTo(2);
        assertThat(summary.path("findings").path("archived").asInt()).isZero();
        assertThat(account.clients().securityHub(account.region()).getFindings(r -> r.maxResults(100)).findings())
                .filteredOn(finding -> finding.generatorId().startsWith("cis-sentinel/")).hasSize(5)
                .allSatisfy(finding -> assertThat(finding.recordStateAsString()).isEqualTo("ACTIVE"));
    }

    @Test
    void handleRequest_malformedEvent_failsBeforeAnyAwsCall() {
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:9");
        RecordingMetrics metrics = new RecordingMetrics();

        assertThatThrownBy(() -> invoke(new ScanHandler(ENV, () -> metrics), "malformed.json"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown field(s) [remediation]");
        assertThat(metrics.flushes).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}x", "{\"controls\": [\"CloudWatch.1\"]} {\"remediate\": \"apply\"}",
            "{\"version\": \"0\", \"detail-type\": \"Scheduled Event\", \"source\": \"aws.scheduler\", "
                    + "\"detail\": \"{}\", \"remediate\": \"apply\"}"})
    void handleRequest_trailingContentOrUnknownEnvelopeField_refusedAndNoRequestReachesAws(String event,
            Emulator emulator) throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        Set<String> requests;
        try (FaultProxy proxy = FaultProxy.in(emulator.endpoint())) {
            System.setProperty("aws.endpointUrl", proxy.endpoint().toString());
            ScanHandler handler = new ScanHandler(ENV, () -> metrics);
            assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event.getBytes(
                    StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new TestContext()))
                    .isInstanceOf(ConfigurationException.class);
            requests = proxy.actionsSeen();
        }

        assertThat(requests).isEmpty();
        assertThat(metrics.flushes).isZero();
    }

    @Test
    void handleRequest_confirmWithAwsSet_summaryCarriesAwsAnswerPerControl(Emulator emulator) throws Exception {
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "CONFIRM_WITH_AWS", "true");
        JsonNode summary;
        try (FaultProxy proxy = FaultProxy.in(emulator.endpoint()).reply("TestMetricFilter", "{\"matches\": []}")) {
            System.setProperty("aws.endpointUrl", proxy.endpoint().toString());
            summary = invoke(new ScanHandler(env, RecordingMetrics::new), "scheduler.json");
            assertThat(proxy.requests("TestMetricFilter")).isEqualTo(5);
        }

        // AWS matches none of the samples the passing filters were asked about.
        assertThat(summary.path("counts").path("NOT_AVAILABLE").asInt()).isEqualTo(5);
        assertThat(summary.path("controls")).allSatisfy(control -> {
            assertThat(control.path("reason").asText()).isEqualTo("AWS_EVALUATOR_DISAGREES");
            assertThat(control.path("awsConfirmation").asText()).isEqualTo("DISAGREES");
        });
    }

    @Test
    void constructor_badEnvironment_namesTheVariableAndAllowedValues() {
        assertThatThrownBy(() -> new ScanHandler(Map.of("AWS_REGION", "us-east-1", "PATTERN_MODE", "fuzzy"),
                RecordingMetrics::new)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PATTERN_MODE").hasMessageContaining("semantic or exact");
        assertThatThrownBy(() -> new ScanHandler(Map.of("AWS_REGION", "us-east-1", "ALARM_TOPIC_ARN", "alerts"),
                RecordingMetrics::new)).hasMessageContaining("ALARM_TOPIC_ARN");
        assertThatThrownBy(() -> new ScanHandler(Map.of("AWS_REGION", "us-east-1", "REMEDIATION_MODE", "sometimes"),
                RecordingMetrics::new)).hasMessageContaining("REMEDIATION_MODE").hasMessageContaining("dry-run");
        assertThatThrownBy(() -> new ScanHandler(Map.of("AWS_REGION", "us-east-1", "CONFIRM_WITH_AWS", "yes"),
                RecordingMetrics::new)).hasMessageContaining("CONFIRM_WITH_AWS").hasMessageContaining("true or false");
        assertThatThrownBy(() -> new ScanHandler(Map.of("AWS_REGION", "us-east-1", "REMEDIATION_MODE", "dry-run",
                "NOTIFICATION_EMAIL", "a@" + ".".repeat(130_000) + "@"), RecordingMetrics::new))
                .hasMessageContaining("NOTIFICATION_EMAIL").hasMessageContaining("at most 254").message()
                .hasSizeLessThan(400);
    }

    @Test
    void handleRequest_remediationDryRun_logsNeitherCredentialsNorFullEmailAddresses() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIAEXAMPLEDONOTLOG");
        System.setProperty("aws.secretAccessKey", "secret/KEY+do-not-log-0123456789");
        java.io.PrintStream original = System.out;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "REMEDIATION_MODE", "dry-run",
                    "NOTIFICATION_EMAIL", "jane.doe@example.com");
            invoke(new ScanHandler(env, RecordingMetrics::new), "overrides.json");
        } finally {
            System.setOut(original);
        }
        String logged = logs.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(logged).contains("\"message\":\"verdict\"");
        assertThat(logged).doesNotContain("AKIAEXAMPLEDONOTLOG").doesNotContain("do-not-log")
                .doesNotContain("jane.doe@example.com");
    }

    private static JsonNode invoke(ScanHandler handler, String file) throws Exception {
        byte[] event = Files.readAllBytes(Path.of("events", file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        return JSON.readTree(out.toByteArray());
    }
}
