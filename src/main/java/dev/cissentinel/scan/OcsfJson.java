package dev.cissentinel.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.aws.Partition;
import dev.cissentinel.controls.CisVersions;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.Status;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.remediate.RemediationMode;
import java.util.Optional;

/**
 * The verdicts as OCSF Compliance Findings ({@code scan --format ocsf}): a JSON array, one finding per control, of
 * class {@code compliance_finding} (class_uid 2003, category_uid 2 Findings) in OCSF 1.3.0 with the {@code cloud}
 * profile (https://schema.ocsf.io/1.3.0/classes/compliance_finding). A test validates the output against that
 * class's JSON schema, generated from the compiled OCSF 1.3.0 schema (src/test/resources/ocsf/SOURCE.md).
 *
 * <p>Mapping: {@code compliance.control} is the control id, {@code compliance.requirements} the CIS numbers of every
 * version ({@link CisVersions}), {@code compliance.status_id} 1 Pass, 3 Fail, 2 Warning for NOT_AVAILABLE (OCSF:
 * "did not yield a result due to missing information"), {@code status_code} the reason code, {@code status_detail}
 * the explanation, {@code resources} the chain, {@code unmapped} the counterexample, the noisy flag and what else
 * OCSF has no attribute for. {@code finding_info.uid} is the ASFF finding's {@code Id}, so the two name one finding.
 * Field names follow OCSF; what is ours is under {@code unmapped}.
 */
public final class OcsfJson {

    public static final String OCSF_VERSION = "1.3.0";
    static final int CLASS_UID = 2003;
    static final int CATEGORY_UID = 2;
    /** activity_id 1, Create: each scan reports its verdicts as new observations. */
    static final int ACTIVITY_CREATE = 1;
    static final String STANDARD = "CIS AWS Foundations Benchmark";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OcsfJson() {
    }

    /** The {@link DocumentWriter.Document} of {@code --format ocsf}: the findings; remediation is not a finding. */
    static JsonNode document(ScanResult result, RemediationMode mode, Optional<ScanOutcome> outcome) {
        return findings(result);
    }

    public static ArrayNode findings(ScanResult result) {
        ArrayNode findings = NODES.arrayNode();
        for (ControlResult control : result.results()) {
            findings.add(finding(result, control));
        }
        return findings;
    }

    static ObjectNode finding(ScanResult scan, ControlResult result) {
        Control control = result.control();
        Verdict verdict = result.verdict();
        ObjectNode finding = NODES.objectNode();
        finding.put("activity_id", ACTIVITY_CREATE);
        finding.put("activity_name", "Create");
        finding.put("category_uid", CATEGORY_UID);
        finding.put("category_name", "Findings");
        finding.put("class_uid", CLASS_UID);
        finding.put("class_name", "Compliance Finding");
        finding.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
        finding.put("type_name", "Compliance Finding: Create");
        finding.put("time", scan.startedAt().toEpochMilli());
        boolean failed = verdict.status() == Status.FAILED;
        // As in the ASFF finding: FAILED is Low, everything else Informational.
        finding.put("severity_id", failed ? 2 : 1);
        finding.put("severity", failed ? "Low" : "Informational");
        finding.put("status_code", verdict.reason().name());
        finding.put("status_detail", verdict.explanation());
        finding.put("message", control.id() + " " + control.title() + ": " + verdict.status());

        ObjectNode metadata = finding.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        metadata.putArray("profiles").add("cloud");
        ObjectNode product = metadata.putObject("product");
        product.put("name", "cis-sentinel");
        product.put("vendor_name", "cis-sentinel");
        product.put("version", ToolVersion.get());

        ObjectNode cloud = finding.putObject("cloud");
        cloud.put("provider", "AWS");
        cloud.put("region", scan.region());
        cloud.putObject("account").put("uid", scan.accountId());

        ObjectNode info = finding.putObject("finding_info");
        info.put("uid", "cis-sentinel/" + scan.accountId() + "/" + scan.region() + "/" + control.id());
        info.put("title", control.id() + " " + control.title());
        info.put("desc", control.recommendation());
        info.putArray("types").add(
                "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark");

        ObjectNode compliance = finding.putObject("compliance");
        compliance.put("control", control.id());
        ArrayNode requirements = compliance.putArray("requirements");
        control.relatedRequirements().forEach(requirements::add);
        ArrayNode standards = compliance.putArray("standards");
        CisVersions.numbers(control.id()).keySet().forEach(version -> standards.add(STANDARD + " " + version));
        compliance.put("status_id", complianceStatusId(verdict.status()));
        compliance.put("status", complianceStatus(verdict.status()));
        compliance.put("status_code", verdict.reason().name());
        compliance.put("status_detail", verdict.explanation());

        ObjectNode remediation = finding.putObject("remediation");
        remediation.put("desc", control.recommendation());
        remediation.putArray("references").add(control.documentationUrl());

        ArrayNode resources = finding.putArray("resources");
        String partition = Partition.of(scan.region());
        for (Link link : verdict.chain().links()) {
            ObjectNode resource = resources.addObject();
            resource.put("uid", link.id());
            resource.put("name", link.name());
            resource.put("type", resourceType(link.kind()));
            resource.put("region", link.region().isEmpty() ? scan.region() : link.region());
            resource.put("cloud_partition", partition);
            ObjectNode data = resource.putObject("data");
            link.attributes().forEach(data::put);
        }

        ObjectNode unmapped = finding.putObject("unmapped");
        unmapped.put("status", verdict.status().name());
        unmapped.put("chain", verdict.chain().describe());
        verdict.counterexample().ifPresent(event -> unmapped.set("counterexample", event));
        verdict.failure().ifPresent(failure -> unmapped.put("readFailure", failure.describe()));
        if (verdict.status() == Status.PASSED) {
            Optional<ObjectNode> noisy = result.noisyExample();
            unmapped.put("noisy", noisy.isPresent());
            noisy.ifPresent(event -> unmapped.set("noisyExample", event));
        }
        result.confirmation().ifPresent(confirmation -> {
            ObjectNode aws = unmapped.putObject("awsConfirmation");
            aws.put("outcome", confirmation.outcome().name());
            aws.put("answer", confirmation.describe());
        });
        return finding;
    }

    /** OCSF compliance status_id: 1 Pass, 3 Fail, 2 Warning ("did not yield a result due to missing information"). */
    static int complianceStatusId(Status status) {
        switch (status) {
            case PASSED:
                return 1;
            case FAILED:
                return 3;
            default:
                return 2;
        }
    }

    private static String complianceStatus(Status status) {
        switch (complianceStatusId(status)) {
            case 1:
                return "Pass";
            case 3:
                return "Fail";
            default:
                return "Warning";
        }
    }

    /** The ASFF resource types of the chain's links (as the finding has them), for readers of both. */
    private static String resourceType(Link.Kind kind) {
        switch (kind) {
            case TRAIL:
                return "AwsCloudTrailTrail";
            case LOG_GROUP:
                return "AwsLogsLogGroup";
            case METRIC_FILTER:
                return "AwsLogsMetricFilter";
            case ALARM:
                return "AwsCloudWatchAlarm";
            default:
                return "AwsSnsTopic";
        }
    }
}
