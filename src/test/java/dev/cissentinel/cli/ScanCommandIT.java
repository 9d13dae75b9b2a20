package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.FaultProxy;
import dev.cissentinel.testing.TestAccount;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * The shaded jar as a user runs it: {@code scan} in its own JVM, pointed at moto_server with the SDK's
 * standard {@code AWS_ENDPOINT_URL}, output parsed as the JSON the README documents.
 */
@ExtendWith(EmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Order(1)
    void scan_compliantAccount_allPassedExitZeroAtMostTwelveCalls(TestAccount account, Emulator emulator)
            throws Exception {
        account.compliantAccount();

        Run run = jar(emulator, "scan", "--region", "us-east-1", "--format", "json", "--no-publish");

        assertThat(run.exit).as(run.stderr).isEqualTo(0);
        JsonNode result = JSON.readTree(run.stdout);
        assertThat(result.path("accountId").asText()).isEqualTo("123456789012");
        assertThat(result.path("summary").path("PASSED").asInt()).isEqualTo(5);
        for (JsonNode control : result.path("controls")) {
            assertThat(control.path("status").asText()).isEqualTo("PASSED");
            assertThat(control.path("chain")).extracting(link -> link.path("kind").asText())
                    .containsExactly("TRAIL", "LOG_GROUP", "METRIC_FILTER", "ALARM", "TOPIC");
        }
        assertThat(result.path("awsCalls").path("total").asInt()).isLessThanOrEqualTo(12);
    }

    @Test
    @Order(2)
    void scan_oneAlarmDisabled_thatControlFailsExitThreeTableFits(TestAccount account, Emulator emulator)
            throws Exception {
        account.disableAlarmActions("IAMPolicyChangesAlarm");

        Run json = jar(emulator, "scan", "--region", "us-east-1", "--format", "json", "--no-publish",
                "--controls", "CloudWatch.4,CloudWatch.5");
        Run table = jar(emulator, "scan", "--region", "us-east-1", "--no-publish");

        assertThat(json.exit).isEqualTo(3);
        JsonNode controls = JSON.readTree(json.stdout).path("controls");
        assertThat(controls).hasSize(2);
        assertThat(controls.get(0).path("reason").asText()).isEqualTo("ALARM_ACTIONS_DISABLED");
        assertThat(controls.get(1).path("status").asText()).isEqualTo("PASSED");
        assertThat(table.exit).isEqualTo(3);
        assertThat(table.stdout).contains("CloudWatch.4  FAILED        ALARM_ACTIONS_DISABLED");
        assertThat(table.stdout.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
    }

    @Test
    @Order(3)
    void scan_badFlag_exitTwoBeforeAnyCall(Emulator emulator) throws Exception {
        // An endpoint nobody listens on: had the scan called AWS, it would have failed differently.
        Run run = jar(null, "scan", "--region", "us-east-1", "--controls", "CloudWatch.15");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.stderr).contains("unknown control 'CloudWatch.15'");
        assertThat(run.stdout).isEmpty();
    }

    @Test
    @Order(4)
    void scan_confirmWithAws_jsonCarriesAwsAnswerPerControl(Emulator emulator) throws Exception {
        // The account of the tests above: CloudWatch.1 and .5 pass.
        Run run;
        try (FaultProxy proxy = FaultProxy.in(emulator.endpoint()).reply("TestMetricFilter", "{\"matches\": "
                + "[{\"eventNumber\": 1, \"eventMessage\": \"{}\", \"extractedValues\": {}}]}")) {
            run = jarAt(proxy.endpoint(), "scan", "--region", "us-east-1", "--format", "json", "--no-publish",
                    "--controls", "CloudWatch.1,CloudWatch.5", "--confirm-with-aws");
        }

        assertThat(run.exit).as(run.stderr).isEqualTo(0);
        JsonNode result = JSON.readTree(run.stdout);
        assertThat(result.path("controls")).hasSize(2);
        assertThat(result.path("awsCalls").path("byApi").path("logs:TestMetricFilter").asInt()).isEqualTo(2);
        for (JsonNode control : result.path("controls")) {
            JsonNode confirmation = control.path("awsConfirmation");
            assertThat(confirmation.path("outcome").asText()).isEqualTo("AGREES");
            assertThat(confirmation.path("api").asText()).isEqualTo("logs:TestMetricFilter");
            assertThat(confirmation.path("cisSentinel").asText()).isEqualTo("match");
            assertThat(confirmation.path("aws").asText()).isEqualTo("match");
            assertThat(confirmation.path("event").isObject()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @Order(5)
    @MethodSource("badValues")
    void scan_badValue_exitTwoWithTwoShortLinesAndNoRequestReachesAws(String what, List<String> flags,
            Emulator emulator) throws Exception {
        List<String> args = new ArrayList<>(List.of("scan", "--no-publish"));
        args.addAll(flags);
        Run run;
        Set<String> requests;
        try (FaultProxy proxy = FaultProxy.in(emulator.endpoint())) {
            run = jarAt(proxy.endpoint(), args.toArray(String[]::new));
            requests = proxy.actionsSeen();
        }

        assertThat(run.exit).as(run.stderr).isEqualTo(2);
        assertThat(requests).as("requests that reached the emulator").isEmpty();
        assertThat(run.stderr.lines()).hasSize(2).allSatisfy(line -> assertThat(line).hasSizeLessThan(400));
        assertThat(run.stderr.lines().toList().get(1)).isEqualTo("Usage: cis-sentinel scan [OPTIONS]; 'cis-sentinel "
                + "scan --help' lists them.");
        assertThat(run.stdout).isEmpty();
    }

    @Test
    @Order(6)
    void scan_controlsAfterAFullRun_updatesThatFindingAndLeavesTheOtherFourActiveAndUnchanged(TestAccount account,
            Emulator emulator) throws Exception {
        account.enableSecurityHub();
        Run full = jar(emulator, "scan", "--region", "us-east-1");
        Map<String, AwsSecurityFinding> before = findings(account);

        Run one = jar(emulator, "scan", "--region", "us-east-1", "--controls", "CloudWatch.4");

        int all = ControlTable.defaults().size();
        assertThat(full.stderr).contains("Security Hub: " + all + " finding(s) imported (0 archived), 0 failed");
        assertThat(one.stderr).contains("Security Hub: 1 finding(s) imported (0 archived), 0 failed");
        Map<String, AwsSecurityFinding> after = findings(account);
        assertThat(after).hasSize(all).allSatisfy((id, finding) -> assertThat(finding.recordStateAsString())
                .as(id).isEqualTo("ACTIVE"));
        String iam = "cis-sentinel/123456789012/us-east-1/CloudWatch.4";
        assertThat(Instant.parse(after.get(iam).updatedAt())).isAfter(Instant.parse(before.get(iam).updatedAt()));
        after.keySet().stream().filter(id -> !id.equals(iam)).forEach(id -> assertThat(after.get(id)).as(id)
                .isEqualTo(before.get(id)));
    }

    private static Map<String, AwsSecurityFinding> findings(TestAccount account) {
        return account.clients().securityHub(account.region()).getFindings(r -> r.maxResults(100)).findings()
                .stream().filter(finding -> finding.generatorId().startsWith("cis-sentinel/"))
                .collect(Collectors.toMap(AwsSecurityFinding::id, Function.identity()));
    }

    static Stream<Arguments> badValues() {
        String huge = "q".repeat(130_000);
        return Stream.of(
                Arguments.of("region not shaped like one", List.of("--region", "us-east-1; rm -rf /")),
                Arguments.of("huge region", List.of("--region", huge)),
                Arguments.of("FIFO alarm topic", List.of("--region", "us-east-1", "--remediate", "dry-run",
                        "--alarm-topic-arn", "arn:aws:sns:us-east-1:123456789012:alerts.fifo")),
                Arguments.of("topic in another partition's region", List.of("--region", "us-east-1", "--remediate",
                        "apply", "--alarm-topic-arn", "arn:aws-cn:sns:us-east-1:123456789012:alerts")),
                Arguments.of("email with ..", List.of("--region", "us-east-1", "--remediate", "dry-run",
                        "--notification-email", "jane..doe@example.com")),
                Arguments.of("huge adversarial email", List.of("--region", "us-east-1", "--remediate", "dry-run",
                        "--notification-email", "a@" + ".".repeat(130_000) + "@")),
                Arguments.of("unknown option", List.of("--region", "us-east-1", "--confirm-with-aws=maybe")),
                Arguments.of("huge unknown option", List.of("--" + huge)));
    }

    record Run(int exit, String stdout, String stderr) {
    }

    static Run jar(Emulator emulator, String... args) throws IOException, InterruptedException {
        return jarAt(emulator == null ? URI.create("http://127.0.0.1:9") : emulator.endpoint(), args);
    }

    /** The jar in its own JVM, its AWS calls sent to {@code endpoint}. */
    static Run jarAt(URI endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("cis-sentinel.jar", "target/cis-sentinel.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.remove("AWS_PROFILE");
        Process process = builder.start();
        process.getOutputStream().close();
        var stderr = process.getErrorStream();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }
}
