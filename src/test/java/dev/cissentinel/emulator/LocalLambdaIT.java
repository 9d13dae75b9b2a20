package dev.cissentinel.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.emulator.LocalLambda.InvokeResult;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The shaded jar under the Lambda Runtime Interface Emulator and the Java runtime interface client, the path
 * {@code local-invoke} takes: the runtime's own loading, serialization and error documents, on moto_server.
 * Reported skipped, with the reason, where Go or Maven is missing.
 */
@ExtendWith(EmulatorExtension.class)
class LocalLambdaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL = ControlTable.defaults().stream().map(Control::id).toList();
    private static final String CONFIGURATION_ERROR = "dev.cissentinel.scan.ConfigurationException";

    /** What each file in {@code events/} returns: the table in README.md, "Run it as Lambda runs it". */
    private static final Map<String, Expected> EVENTS = Map.ofEntries(
            Map.entry("scheduled-rule.json", Expected.scan(ALL)),
            Map.entry("scheduler.json", Expected.scan(ALL)),
            Map.entry("empty.json", Expected.scan(ALL)),
            Map.entry("overrides.json", Expected.scan(List.of("CloudWatch.1", "CloudWatch.4"))),
            Map.entry("one-control.json", Expected.scan(List.of("CloudWatch.6"))),
            // The samples announce calls the account did not see (moto's trail still logs, the alarm still
            // exists): the re-check judges the controls they can change and finds them PASSED.
            Map.entry("cloudtrail-stop-logging.json", Expected.recheck(ALL)),
            Map.entry("cloudtrail-delete-alarms.json", Expected.recheck(List.of("CloudWatch.4"))),
            Map.entry("cloudtrail-unsubscribe.json", Expected.recheck(ALL)),
            Map.entry("cloudtrail-sqs-batch.json", Expected.recheck(List.of("CloudWatch.4"))),
            Map.entry("cloudtrail-unrelated.json", Expected.recheck(List.of())),
            Map.entry("cloudtrail-malformed.json", Expected.error(
                    "a CloudTrail event needs detail.eventSource as a non-empty string")),
            Map.entry("malformed.json", Expected.error("unknown field(s) [remediation] in the event")),
            Map.entry("malformed-unknown-control.json", Expected.error("unknown control 'CloudWatch.15'")),
            Map.entry("malformed-not-a-schedule.json", Expected.error(
                    "detail-type 'EC2 Instance State-change Notification' from 'aws.ec2' is not a schedule")),
            Map.entry("malformed-scheduled-extra-field.json", Expected.error(
                    "unknown field(s) [input] in a scheduled event")),
            Map.entry("malformed-trailing-content.json", Expected.error(
                    "the event is not one JSON value: content follows it at line 2, column 1")));

    /** Calls AWS on moto. */
    private static LocalLambda onEmulator;
    /** Its AWS endpoint is a closed port: an event it rejects cleanly was rejected before any AWS call. */
    private static LocalLambda offline;

    @BeforeEach
    void seedACompliantAccount(TestAccount account, Emulator emulator) throws IOException {
        if (account.clients().logs(account.region()).describeLogGroups().logGroups().isEmpty()) {
            account.compliantAccount();
            account.enableSecurityHub();
            // The schedule has run: a re-check chooses its controls by what the findings name.
            assertThat(onEmulator(emulator).invoke(Files.readAllBytes(Path.of("events", "scheduled-rule.json")))
                    .failed()).isFalse();
        }
    }

    @AfterAll
    static void stopFunctions() {
        for (LocalLambda lambda : new LocalLambda[] {onEmulator, offline}) {
            if (lambda != null) {
                List<ProcessHandle> processes = lambda.processes();
                lambda.close();
                assertThat(processes).noneMatch(ProcessHandle::isAlive);
            }
        }
    }

    static Stream<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void eventsDirectory_everyFile_hasADocumentedResponse() throws IOException {
        assertThat(eventFiles()).containsExactlyInAnyOrderElementsOf(EVENTS.keySet());
    }

    @ParameterizedTest
    @MethodSource("eventFiles")
    void invoke_eventFile_givesTheDocumentedResponse(String file, Emulator emulator) throws IOException {
        Expected expected = EVENTS.get(file);
        assertThat(expected).as("the response to events/%s is documented", file).isNotNull();
        byte[] event = Files.readAllBytes(Path.of("events", file));

        if (!expected.error().isEmpty()) {
            InvokeResult result = offline().invoke(event);

            assertThat(result.httpStatus()).as(result.payload()).isEqualTo(200);
            JsonNode error = JSON.readTree(result.payload());
            assertThat(error.path("errorType").asText()).isEqualTo(CONFIGURATION_ERROR);
            assertThat(error.path("errorMessage").asText()).contains(expected.error());
            assertThat(result.failed()).isTrue();
            return;
        }
        InvokeResult result = onEmulator(emulator).invoke(event);

        assertThat(result.failed()).as(result.payload()).isFalse();
        JsonNode summary = JSON.readTree(result.payload());
        if (expected.recheck() && summary.has("batchItemFailures")) {
            // An SQS batch gets the partial batch response only; the re-check's verdicts are in the log.
            assertThat(summary.path("batchItemFailures")).isEmpty();
            assertThat(summary.size()).isEqualTo(1);
            assertThat(result.functionOutput()).filteredOn(line -> line.contains("\"message\":\"recheck finished\""))
                    .singleElement().satisfies(line -> assertThat(line).contains(expected.controls().stream()
                            .map(id -> id + " PASSED CHAIN_COMPLETE").toList()));
            return;
        }
        if (expected.recheck()) {
            JsonNode rechecks = summary.path("rechecks");
            if (expected.controls().isEmpty()) {
                assertThat(rechecks).isEmpty();
                assertThat(summary.path("unrelated").get(0).path("why").asText()).startsWith("unrelated:");
                assertThat(result.functionOutput()).anySatisfy(line -> assertThat(line)
                        .contains("\"message\":\"change unrelated\""));
                return;
            }
            assertThat(rechecks).hasSize(1);
            summary = rechecks.get(0);
            assertThat(summary.path("trigger").asText()).contains(summary.path("events").get(0).path("eventId")
                    .asText());
            assertThat(result.functionOutput()).anySatisfy(line -> assertThat(line)
                    .contains("\"message\":\"recheck finished\""));
        }
        assertThat(summary.path("accountId").asText()).isEqualTo(TestAccount.ACCOUNT_ID);
        assertThat(summary.path("region").asText()).isEqualTo("us-east-1");
        assertThat(summary.path("controls")).extracting(c -> c.path("id").asText())
                .containsExactlyElementsOf(expected.controls());
        assertThat(summary.path("controls")).allSatisfy(control -> {
            assertThat(control.path("status").asText()).isEqualTo("PASSED");
            assertThat(control.path("reason").asText()).isEqualTo("CHAIN_COMPLETE");
        });
        assertThat(summary.path("counts").path("PASSED").asInt()).isEqualTo(expected.controls().size());
        // A run updates the findings of the controls it judged and archives none: a run of the configured
        // controls would archive only those of controls switched off (none here), one naming controls never.
        JsonNode findings = summary.path("findings");
        assertThat(findings.path("imported").asInt()).isEqualTo(expected.controls().size());
        assertThat(findings.path("archived").asInt()).isZero();
        assertThat(findings.path("failed").asInt()).isZero();
        assertThat(summary.path("remediation").path("mode").asText()).isEqualTo("off");
        assertThat(result.functionOutput()).anySatisfy(line -> assertThat(line).startsWith("{\"_aws\""))
                .anySatisfy(line -> assertThat(line).contains("\"message\":\"scan finished\""));
    }

    @Test
    void invoke_scheduledRule_findingsLandInSecurityHub(Emulator emulator, AwsClients clients) throws IOException {
        Instant before = Instant.now().minusSeconds(1);

        InvokeResult result = onEmulator(emulator).invoke(Files.readAllBytes(Path.of("events",
                "scheduled-rule.json")));

        assertThat(result.failed()).as(result.payload()).isFalse();
        List<AwsSecurityFinding> ours = clients.securityHub(EmulatorExtension.REGION)
                .getFindings(r -> r.maxResults(100)).findings().stream()
                .filter(finding -> finding.generatorId().startsWith("cis-sentinel/"))
                .filter(finding -> finding.recordStateAsString().equals("ACTIVE")).toList();
        assertThat(ours).extracting(AwsSecurityFinding::generatorId)
                .containsExactlyInAnyOrderElementsOf(ALL.stream().map(id -> "cis-sentinel/" + id).toList());
        assertThat(ours).allSatisfy(finding -> {
            assertThat(finding.awsAccountId()).isEqualTo(TestAccount.ACCOUNT_ID);
            assertThat(finding.compliance().statusAsString()).isEqualTo("PASSED");
            assertThat(Instant.parse(finding.updatedAt())).isAfter(before);
        });
    }

    @Test
    void invoke_badRemediationMode_failsEveryInvocationNamingTheVariable(Emulator emulator) throws IOException {
        try (LocalLambda lambda = start(LocalLambda.builder(jar()).emulator(emulator.endpoint())
                .environment("REMEDIATION_MODE", "sometimes"))) {
            List<InvokeResult> results = new ArrayList<>();
            results.add(lambda.invoke(Files.readAllBytes(Path.of("events", "scheduled-rule.json"))));
            results.add(lambda.invoke("{}".getBytes(StandardCharsets.UTF_8)));

            assertThat(results).allSatisfy(result -> {
                assertThat(result.failed()).isTrue();
                JsonNode error = JSON.readTree(result.payload());
                assertThat(error.path("errorType").asText()).isEqualTo(CONFIGURATION_ERROR);
                assertThat(error.path("errorMessage").asText()).contains("REMEDIATION_MODE")
                        .contains("'sometimes'").contains("off");
                // The runtime died in init, so Lambda (and the emulator) initialise again for the next event.
                assertThat(result.initDuration()).isPositive();
            });
        }
    }

    @Test
    void invoke_twiceInOneEnvironment_coldThenWarmAndNothingLeftRunning(Emulator emulator) {
        List<ProcessHandle> processes;
        InvokeResult cold;
        InvokeResult warm;
        try (LocalLambda lambda = start(LocalLambda.builder(jar()).emulator(emulator.endpoint()))) {
            cold = lambda.invoke("{}".getBytes(StandardCharsets.UTF_8));
            warm = lambda.invoke("{}".getBytes(StandardCharsets.UTF_8));
            processes = lambda.processes();
        }

        assertThat(cold.initDuration()).isPositive();
        assertThat(cold.report()).contains("Init Duration: ").contains("Duration: ");
        assertThat(cold.functionOutput()).anySatisfy(line -> assertThat(line).contains("\"cold_start\":true"));
        assertThat(warm.initDuration()).isZero();
        assertThat(warm.duration()).isPositive();
        assertThat(warm.report()).doesNotContain("Init Duration");
        assertThat(warm.functionOutput()).anySatisfy(line -> assertThat(line).contains("\"cold_start\":false"));
        assertThat(processes).hasSizeGreaterThanOrEqualTo(2).noneMatch(ProcessHandle::isAlive);
    }

    private static synchronized LocalLambda onEmulator(Emulator emulator) {
        if (onEmulator == null) {
            onEmulator = start(LocalLambda.builder(jar()).emulator(emulator.endpoint()));
        }
        return onEmulator;
    }

    private static synchronized LocalLambda offline() {
        if (offline == null) {
            offline = start(LocalLambda.builder(jar()).emulator(URI.create("http://127.0.0.1:9")));
        }
        return offline;
    }

    private static LocalLambda start(LocalLambda.Builder builder) {
        try {
            return builder.start(System.err::println);
        } catch (MissingToolException e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("cis-sentinel-lambda.jar", "target/cis-sentinel-lambda.jar"));
        assertThat(jar).as("the Lambda jar (integration tests run after package)").isRegularFile();
        return jar;
    }

    /**
     * A scan summary naming these controls, all PASSED on the compliant account (for a re-check, its one entry in
     * {@code rechecks}); or, when {@code error} is not empty, Lambda's error document with a message containing it.
     */
    private record Expected(List<String> controls, String error, boolean recheck) {
        Expected {
            controls = List.copyOf(controls);
            Objects.requireNonNull(error, "error");
        }

        static Expected scan(List<String> controls) {
            return new Expected(controls, "", false);
        }

        /** A re-check of these controls, all PASSED; none: the call was unrelated, nothing was scanned. */
        static Expected recheck(List<String> controls) {
            return new Expected(controls, "", true);
        }

        static Expected error(String message) {
            return new Expected(List.of(), message, false);
        }
    }
}
