package dev.cissentinel.scan;

import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import dev.cissentinel.testing.ChainLinks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.snapshot.ReadFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --format ocsf} against OCSF 1.3.0's JSON schema for compliance_finding with the cloud profile, vendored and
 * pinned (src/test/resources/ocsf/SOURCE.md); no network. Every verdict kind is rendered and validated.
 */
class OcsfJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "arn:aws:logs:eu-west-1:123456789012:log-group:trail";
    private static final String NOISY_V14 = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = "
            + "\"AccessDenied*\") || ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") || "
            + "($.eventName!=\"HeadBucket\") }";

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = OcsfJsonTest.class.getResourceAsStream(
                "/ocsf/compliance_finding-1.3.0-cloud.schema.json")) {
            JsonNode node = JSON.readTree(in);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        }
    }

    private static Chain chain(String pattern) {
        return Chain.empty()
                .with(ChainLinks.trail("arn:aws:cloudtrail:eu-west-1:123456789012:trail/main"))
                .with(ChainLinks.logGroup(GROUP))
                .with(ChainLinks.filter(GROUP + ":metric-filter:f", "eu-west-1", pattern,
                        MetricTransformation.of("M", "CISBenchmark", "1", Map.of())));
    }

    private static ScanResult scan() {
        ObjectNode missed = JsonNodeFactory.instance.objectNode().put("eventName", "DeletePolicyVersion");
        List<ControlResult> results = List.of(
                new ControlResult(ControlTable.byId("CloudWatch.1").orElseThrow(), new Verdict.Passed(
                        chain(ControlTable.byId("CloudWatch.1").orElseThrow().cisPattern()), "complete")),
                new ControlResult(ControlTable.byId("CloudWatch.2").orElseThrow(), new Verdict.Passed(
                        chain(NOISY_V14), "complete")),
                new ControlResult(ControlTable.byId("CloudWatch.4").orElseThrow(), new Verdict.Failed(
                        ReasonCode.NO_COVERING_METRIC_FILTER, chain("{ $.eventName = CreatePolicy }"), "misses",
                        missed)),
                new ControlResult(ControlTable.byId(ControlTable.ORGANIZATIONS).orElseThrow(),
                        new Verdict.NotAvailable(ReasonCode.READ_FAILED, Chain.empty(), "could not read",
                                new ReadFailure("cloudtrail:DescribeTrails", "eu-west-1", "*",
                                        new FailureCause.AwsError("AccessDenied", "denied")))));
        return new ScanResult(Read.ok("123456789012"), "eu-west-1", Instant.parse("2026-12-03T12:00:00Z"),
                Duration.ofMillis(5), results, new TreeMap<>());
    }

    @Test
    void findings_everyVerdictKind_validateAgainstTheOcsfSchema() {
        JsonNode findings = OcsfJson.findings(scan());

        assertThat(findings).hasSize(4);
        for (JsonNode finding : findings) {
            Set<ValidationMessage> errors = schema.validate(finding);
            assertThat(errors).as(finding.path("compliance").path("control").asText()).isEmpty();
        }
    }

    @Test
    void schema_rejectsWhatOcsfDoesNotDefine() {
        ObjectNode finding = (ObjectNode) OcsfJson.findings(scan()).get(0);
        finding.put("cisSentinelField", 1);
        ((ObjectNode) finding.path("compliance")).put("status_id", 7);

        assertThat(schema.validate(finding)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void finding_classComplianceAndTheChain() {
        JsonNode finding = OcsfJson.findings(scan()).get(2);

        assertThat(finding.path("class_uid").asInt()).isEqualTo(2003);
        assertThat(finding.path("category_uid").asInt()).isEqualTo(2);
        assertThat(finding.path("type_uid").asInt()).isEqualTo(200301);
        assertThat(finding.path("metadata").path("version").asText()).isEqualTo("1.3.0");
        assertThat(finding.path("metadata").path("product").path("name").asText()).isEqualTo("cis-sentinel");
        assertThat(finding.path("time").asLong()).isEqualTo(Instant.parse("2026-12-03T12:00:00Z").toEpochMilli());
        assertThat(finding.path("severity_id").asInt()).isEqualTo(2);
        assertThat(finding.path("finding_info").path("uid").asText())
                .isEqualTo("cis-sentinel/123456789012/eu-west-1/CloudWatch.4");
        JsonNode compliance = finding.path("compliance");
        assertThat(compliance.path("control").asText()).isEqualTo("CloudWatch.4");
        assertThat(compliance.path("status").asText()).isEqualTo("Fail");
        assertThat(compliance.path("status_id").asInt()).isEqualTo(3);
        assertThat(compliance.path("requirements")).hasSize(9);
        assertThat(compliance.path("requirements").get(8).asText()).isEqualTo("CIS AWS Foundations Benchmark "
                + "v7.0.0/5.4");
        assertThat(finding.path("status_code").asText()).isEqualTo("NO_COVERING_METRIC_FILTER");
        assertThat(finding.path("status_detail").asText()).isEqualTo("misses");
        assertThat(finding.path("resources")).extracting(r -> r.path("type").asText())
                .containsExactly("AwsCloudTrailTrail", "AwsLogsLogGroup", "AwsLogsMetricFilter");
        assertThat(finding.path("unmapped").path("counterexample").path("eventName").asText())
                .isEqualTo("DeletePolicyVersion");
    }

    @Test
    void finding_passedNoisyAndNotAvailable() {
        JsonNode findings = OcsfJson.findings(scan());

        assertThat(findings.get(0).path("compliance").path("status").asText()).isEqualTo("Pass");
        assertThat(findings.get(0).path("unmapped").path("noisy").asBoolean()).isFalse();
        assertThat(findings.get(1).path("compliance").path("status_id").asInt()).isEqualTo(1);
        assertThat(findings.get(1).path("unmapped").path("noisy").asBoolean()).isTrue();
        assertThat(findings.get(1).path("unmapped").path("noisyExample").path("eventName").asText())
                .isEqualTo("DescribeInstances");
        JsonNode organizations = findings.get(3);
        assertThat(organizations.path("compliance").path("status").asText()).isEqualTo("Warning");
        assertThat(organizations.path("compliance").path("requirements")).hasSize(8);
        assertThat(organizations.path("unmapped").path("readFailure").asText()).contains("cloudtrail:DescribeTrails");
    }

    @Test
    void format_ocsf_printsOneArrayAtTheEnd() throws IOException {
        StringWriter text = new StringWriter();
        ResultWriter writer = OutputFormat.named("ocsf").open(new PrintWriter(text, true));

        writer.verdicts(scan());
        assertThat(text.toString()).isEmpty();
        writer.finish(Optional.empty());

        JsonNode document = JSON.readTree(text.toString());
        assertThat(document.isArray()).isTrue();
        assertThat(document).hasSize(4);
        assertThat(schema.validate(document.get(0))).isEmpty();
    }
}
