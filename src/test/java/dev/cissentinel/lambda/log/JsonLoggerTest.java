package dev.cissentinel.lambda.log;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class JsonLoggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-03T08:04:05.007Z");

    @AfterEach
    void defaults() {
        JsonLogLevels.reset();
    }

    @Test
    void line_hasPowertoolsKeysInItsLayoutOrder_typedContextFields_thenStructuredArguments() throws Exception {
        Map<String, String> mdc = new TreeMap<>(Map.of("function_name", "cis-sentinel", "cold_start", "true",
                "function_memory_size", "1024", "function_request_id", "req-1", "service", "cis-sentinel",
                "sampling_rate", "0.0", "xray_trace_id", "1-abc", "tenant", "t1"));
        String line = JsonLogger.line(Level.INFO, "verdict", new Object[] {entry("control", "CloudWatch.1"),
            entry("counts", new TreeMap<>(Map.of("PASSED", 5))), entry("mode", Level.WARN)}, null, mdc, AT);

        JsonNode parsed = JSON.readTree(line);
        List<String> keys = new ArrayList<>();
        parsed.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("level", "message", "cold_start", "function_memory_size", "function_name",
                "function_request_id", "service", "timestamp", "xray_trace_id", "tenant", "control", "counts", "mode");
        assertThat(parsed.get("cold_start").isBoolean()).isTrue();
        assertThat(parsed.get("function_memory_size").isInt()).isTrue();
        assertThat(parsed.get("timestamp").asText()).isEqualTo("2026-12-03T08:04:05.007Z");
        assertThat(parsed.get("counts").get("PASSED").asInt()).isEqualTo(5);
        assertThat(parsed.get("mode").asText()).as("an enum is written by name").isEqualTo("WARN");
    }

    @Test
    void line_escapesWhatJsonRequires_soEveryValueSurvivesAsOneLine() throws Exception {
        String hostile = "a \"quoted\" back\\slash\nnew line\ttab \u0001 end";
        String line = JsonLogger.line(Level.WARN, "m {}", new Object[] {hostile, entry("why", hostile)},
                new IllegalStateException(hostile), Map.of(), AT);

        assertThat(line).doesNotContain("\n");
        JsonNode parsed = JSON.readTree(line);
        assertThat(parsed.get("message").asText()).isEqualTo("m " + hostile);
        assertThat(parsed.get("why").asText()).isEqualTo(hostile);
        assertThat(parsed.get("error").get("message").asText()).isEqualTo(hostile);
        assertThat(parsed.get("error").get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(parsed.get("error").get("stack").asText()).contains("JsonLoggerTest");
    }

    @Test
    void levels_projectFromInfo_othersFromWarn_untilPowertoolsSetsOneForAll() {
        assertThat(JsonLogLevels.enabled("dev.cissentinel.scan.Scan", Level.INFO)).isTrue();
        assertThat(JsonLogLevels.enabled("dev.cissentinel.scan.Scan", Level.DEBUG)).isFalse();
        assertThat(JsonLogLevels.enabled("software.amazon.awssdk.core", Level.INFO)).isFalse();
        assertThat(JsonLogLevels.enabled("software.amazon.awssdk.core", Level.WARN)).isTrue();

        new JsonLogLevels().setLogLevel(Level.DEBUG);

        assertThat(JsonLogLevels.enabled("software.amazon.awssdk.core", Level.DEBUG)).isTrue();
        assertThat(JsonLogLevels.enabled("dev.cissentinel.scan.Scan", Level.TRACE)).isFalse();
    }

    @Test
    void log_anArgumentThatCannotBeWritten_stillWritesTheEventAndWhy_neverThrowsToTheCaller() throws Exception {
        software.amazon.lambda.powertools.logging.argument.StructuredArgument broken =
                new software.amazon.lambda.powertools.logging.argument.StructuredArgument() {
                    @Override
                    public void writeTo(software.amazon.lambda.powertools.logging.internal.JsonSerializer out) {
                        throw new IllegalStateException("cannot write");
                    }

                    @Override
                    public String toString() {
                        return "broken";
                    }
                };
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            new JsonLogger("dev.cissentinel.test").info("verdict", broken);
        } finally {
            System.setOut(original);
        }

        JsonNode parsed = JSON.readTree(captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(parsed.get("message").asText()).isEqualTo("verdict");
        assertThat(parsed.get("log_error").asText()).contains("cannot write");
    }

    @Test
    void timestamp_padsEveryField() {
        assertThat(JsonLogger.timestamp(Instant.parse("0999-01-02T03:04:05Z"))).isEqualTo("0999-01-02T03:04:05.000Z");
    }
}
