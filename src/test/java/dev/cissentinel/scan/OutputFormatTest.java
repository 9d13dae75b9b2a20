package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.testing.FakePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --format}: the registry, and what each writer prints when. */
class OutputFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    @Test
    void named_theRegisteredFormats_caseInsensitive() {
        assertThat(OutputFormat.ALL).extracting(OutputFormat::name).containsExactly("table", "json", "ocsf");
        assertThat(OutputFormat.named("JSON").name()).isEqualTo("json");
        assertThat(OutputFormat.names()).isEqualTo("table, json or ocsf");
    }

    @Test
    void named_unknown_configurationErrorListingTheFormats() {
        assertThatThrownBy(() -> OutputFormat.named("xml")).isInstanceOf(ConfigurationException.class)
                .hasMessage("--format must be table, json or ocsf, not 'xml'");
        assertThatThrownBy(() -> OutputFormat.named("x".repeat(5000))).message().hasSizeLessThan(200);
    }

    @Test
    void table_printsEachResultAsItComes() {
        ResultWriter writer = OutputFormat.named("table").open(out);
        ScanResult result = scan();

        writer.verdicts(result);
        String first = text.toString();
        writer.plan(new Plan(List.of(), List.of()), RemediationMode.DRY_RUN);
        writer.verdicts(result);
        writer.finish(Optional.empty());

        assertThat(first).startsWith("Account 123456789012, region eu-west-1").contains("NO_MULTI_REGION_TRAIL");
        assertThat(text.toString()).contains("Remediation (dry-run): nothing to change.").contains("After remediation:");
    }

    @Test
    void json_printsOneDocumentAtTheEndWithTheDocumentedFields() throws Exception {
        ResultWriter writer = OutputFormat.named("json").open(out);
        ScanResult result = scan();
        Plan plan = new Plan(List.of(), List.of());

        writer.verdicts(result);
        writer.plan(plan, RemediationMode.APPLY);
        assertThat(text.toString()).isEmpty();
        writer.finish(Optional.of(new ScanOutcome(result, Optional.empty(), Optional.of(plan),
                Optional.of(new ApplyResult(List.of(), List.of(), "")))));

        JsonNode document = JSON.readTree(text.toString());
        assertThat(document.fieldNames()).toIterable().containsExactly("accountId", "region", "startedAt",
                "durationMillis", "summary", "controls", "awsCalls", "remediation");
        assertThat(document.path("remediation").path("mode").asText()).isEqualTo("apply");
        assertThat(document.path("remediation").path("applied").path("sent").asInt()).isZero();
    }

    @Test
    void json_publishingFailed_printsTheVerdictsItHad() throws Exception {
        ResultWriter writer = OutputFormat.named("json").open(out);

        writer.verdicts(scan());
        writer.finish(Optional.empty());

        JsonNode document = JSON.readTree(text.toString());
        assertThat(document.path("controls")).hasSameSizeAs(ControlTable.defaults());
        assertThat(document.has("remediation")).isFalse();
    }

    @Test
    void json_nothingScanned_printsNothing() {
        OutputFormat.named("json").open(out).finish(Optional.empty());

        assertThat(text.toString()).isEmpty();
    }

    private static ScanResult scan() {
        return new Scan(new FakePorts(FakePorts.noTrail("eu-west-1")), CLOCK).run(ScanRequest.parse("eu-west-1",
                null, null, false));
    }
}
