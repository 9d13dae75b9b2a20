package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's local invoke command as a newcomer runs it: its own moto_server with the demo account, the
 * emulator and the runtime client, the response on stdout, logs and a REPORT line on stderr, nothing left running.
 */
class LocalInvokeCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void localInvoke_scheduledRuleOnDemoAccount_printsResponseLogsAndReportThenStopsEverything() throws Exception {
        String marker = UUID.randomUUID().toString();

        Run run = jar(marker, "local-invoke", "--event", "events/scheduled-rule.json", "--times", "2");

        Assumptions.assumeFalse(run.exit == 1 && run.stderr.contains("needs the AWS Lambda"), run.stderr);
        assertThat(run.exit).as(run.stderr).isZero();
        List<String> responses = run.stdout.lines().toList();
        assertThat(responses).hasSize(2);
        JsonNode summary = JSON.readTree(responses.get(0));
        assertThat(summary.path("accountId").asText()).isEqualTo("123456789012");
        assertThat(summary.path("counts").path("PASSED").asInt()).isEqualTo(2);
        assertThat(summary.path("counts").path("FAILED").asInt()).isEqualTo(3);
        assertThat(summary.path("findings").path("imported").asInt()).isEqualTo(5);
        List<String> reports = run.stderr.lines().filter(line -> line.startsWith("REPORT RequestId: ")).toList();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0)).containsPattern("Init Duration: \\d+\\.\\d\\d ms\tDuration: \\d+\\.\\d\\d ms");
        assertThat(reports.get(1)).doesNotContain("Init Duration").containsPattern("Duration: \\d+\\.\\d\\d ms");
        assertThat(run.stderr).contains("\"message\":\"verdict\"").contains("\"control\":\"CloudWatch.4\"")
                .contains("\"reason\":\"NO_COVERING_METRIC_FILTER\"").contains("{\"_aws\":");
        assertThat(processesCarrying(marker)).as("moto_server, aws-lambda-rie or the runtime outlived the command")
                .isEmpty();
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    /** The jar as a user runs it; {@code marker} in its environment is inherited by every process it starts. */
    private static Run jar(String marker, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("cis-sentinel.jar", "target/cis-sentinel.jar")));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("local-invoke-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            builder.environment().put("CIS_SENTINEL_TEST_RUN", marker);
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
            return new Run(process.exitValue(), out, Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Live processes whose environment holds {@code marker} (Linux /proc; none found elsewhere). */
    private static List<Long> processesCarrying(String marker) throws IOException {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return List.of();
        }
        String needle = "CIS_SENTINEL_TEST_RUN=" + marker;
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (new String(Files.readAllBytes(entry.resolve("environ")), StandardCharsets.ISO_8859_1)
                            .contains(needle)) {
                        found.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException goneOrForbidden) {
                    // The process ended while we looked, or is not ours to read.
                }
            }
        }
        return found;
    }
}
