package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.publish.PublishException;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.Target;
import dev.cissentinel.testing.FakePorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The handler on ports in memory (no emulator, no system properties): what each event makes it scan and publish,
 * and the summary it answers with.
 */
class ScanHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-west-1");

    @Test
    void handleRequest_scheduledEvent_scansTheConfiguredControlsAndOwnsAllFindings() throws Exception {
        FakePorts ports = new FakePorts(FakePorts.noTrail("eu-west-1"));
        RecordingMetrics metrics = new RecordingMetrics();

        JsonNode summary = invoke(new ScanHandler(Map.of("AWS_REGION", "eu-west-1", "CONTROLS",
                "CloudWatch.1,CloudWatch.2"), () -> metrics, () -> ports), "scheduler.json");

        assertThat(ports.opened).containsExactly(Target.caller(Region.EU_WEST_1));
        assertThat(ports.published).singleElement().satisfies(batch -> {
            assertThat(batch.scope()).isEqualTo(FindingScope.ALL);
            assertThat(batch.region()).isEqualTo("eu-west-1");
            assertThat(batch.results()).extracting(r -> r.control().id()).containsExactly("CloudWatch.1",
                    "CloudWatch.2");
        });
        assertThat(summary.path("accountId").asText()).isEqualTo(FakePorts.ACCOUNT);
        assertThat(summary.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(summary.path("counts").path("FAILED").asInt()).isEqualTo(2);
        assertThat(summary.path("findings").path("imported").asInt()).isEqualTo(2);
        assertThat(metrics.metrics).containsEntry("ControlsFailed", 2.0).containsEntry("FindingsPublished", 2.0);
        assertThat(metrics.flushes).isEqualTo(1);
    }

    @Test
    void handleRequest_overrides_publishOnlyTheNamedControlsOwningOnlyThem() throws Exception {
        FakePorts ports = new FakePorts(FakePorts.noTrail("eu-west-1"));

        JsonNode summary = invoke(new ScanHandler(ENV, RecordingMetrics::new, () -> ports), "overrides.json");

        assertThat(ports.published).singleElement().satisfies(batch -> {
            assertThat(batch.scope()).isEqualTo(FindingScope.JUDGED);
            assertThat(batch.results()).extracting(r -> r.control().id()).containsExactly("CloudWatch.1",
                    "CloudWatch.4");
        });
        assertThat(summary.path("controls")).extracting(c -> c.path("id").asText())
                .containsExactly("CloudWatch.1", "CloudWatch.4");
        assertThat(summary.path("findings").path("archived").asInt()).isZero();
    }

    @Test
    void handleRequest_readingDeadline_isTheRemainingTimeLessTheFinishingMargin() throws Exception {
        FakePorts ports = new FakePorts(FakePorts.noTrail("eu-west-1"));
        Instant before = Instant.now();

        invoke(new ScanHandler(ENV, RecordingMetrics::new, () -> ports), "empty.json");

        Duration budget = Duration.ofMillis(new TestContext().getRemainingTimeInMillis())
                .minus(ScanHandler.FINISH_MARGIN);
        assertThat(ports.reads.get(0).at()).isBetween(before.plus(budget), Instant.now().plus(budget));
    }

    @Test
    void handleRequest_badEvent_failsBeforeThePortsAreMade() {
        AtomicInteger made = new AtomicInteger();
        ScanHandler handler = new ScanHandler(ENV, RecordingMetrics::new, () -> {
            made.incrementAndGet();
            return new FakePorts(FakePorts.noTrail("eu-west-1"));
        });

        assertThatThrownBy(() -> invoke(handler, "malformed-not-a-schedule.json"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not a schedule");
        assertThat(made).hasValue(0);
    }

    @Test
    void handleRequest_portsMadeOnceAndReusedByLaterInvocations() throws Exception {
        AtomicInteger made = new AtomicInteger();
        ScanHandler handler = new ScanHandler(ENV, RecordingMetrics::new, () -> {
            made.incrementAndGet();
            return new FakePorts(FakePorts.noTrail("eu-west-1"));
        });

        invoke(handler, "empty.json");
        invoke(handler, "scheduled-rule.json");

        assertThat(made).hasValue(1);
    }

    @Test
    void handleRequest_publishFails_invocationFailsAfterMetricsFlushed() {
        FakePorts ports = new FakePorts(FakePorts.noTrail("eu-west-1")).failPublishing(new PublishException(
                "could not publish findings: GetFindings failed"));
        RecordingMetrics metrics = new RecordingMetrics();

        String logged = stdout(() -> assertThatThrownBy(
                () -> invoke(new ScanHandler(ENV, () -> metrics, () -> ports), "empty.json"))
                .isInstanceOf(PublishException.class));
        assertThat(metrics.metrics).containsEntry("FindingsPublishFailed", 1.0);
        assertThat(metrics.flushes).isEqualTo(1);
        assertThat(logged).as("the reason is logged, not dropped as a reserved key")
                .contains("\"message\":\"findings were not published\"")
                .contains("\"failure\":\"could not publish findings: GetFindings failed\"")
                .doesNotContain("reserved key");
    }

    /** What {@code action} printed on standard output, where the function's log lines go. */
    private static String stdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode invoke(ScanHandler handler, String file) throws Exception {
        byte[] event = Files.readAllBytes(Path.of("events", file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void logListener_plan_logsEachNoteWithItsText() throws Exception {
        String logged = stdout(() -> new ScanHandler.LogListener().plan(new Plan(List.of(),
                List.of(new Plan.Note("CloudWatch.1", "no trail to repair"))), RemediationMode.DRY_RUN));

        String[] lines = logged.strip().split("\n");
        assertThat(lines).as("one line per note, and no warning about a reserved key").hasSize(1);
        JsonNode line = JSON.readTree(lines[0]);
        assertThat(line.get("message").asText()).isEqualTo("remediation note");
        assertThat(line.get("control").asText()).isEqualTo("CloudWatch.1");
        assertThat(line.get("note").asText()).isEqualTo("no trail to repair");
    }
}
