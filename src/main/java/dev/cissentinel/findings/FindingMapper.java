package dev.cissentinel.findings;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.Status;
import dev.cissentinel.controls.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.Compliance;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.FindingProviderFields;
import software.amazon.awssdk.services.securityhub.model.FindingProviderSeverity;
import software.amazon.awssdk.services.securityhub.model.Recommendation;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Remediation;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.ResourceDetails;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.StatusReason;

/**
 * Maps a control result to an ASFF finding ({@code docs/controls.md}, Findings; the ASFF fields:
 * https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format-syntax.html).
 * Pure: SDK model objects only, the time passed in. Every name and ARN in the finding came from the result.
 */
public final class FindingMapper {

    public static final String SCHEMA_VERSION = "2018-10-08";
    public static final String TYPE =
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark";
    static final String PREFIX = "cis-sentinel/";

    private final String accountId;
    private final String region;
    private final String partition;
    private final String version;

    /**
     * @param version this tool's version, recorded in {@code ProductFields}
     */
    public FindingMapper(String accountId, String region, String version) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.region = Objects.requireNonNull(region, "region");
        this.partition = partitionOf(region);
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The stable finding Id: one per account, region and control, updated in place on every run. */
    public static String findingId(String accountId, String region, String controlId) {
        return PREFIX + accountId + "/" + region + "/" + controlId;
    }

    public static String generatorId(String controlId) {
        return PREFIX + controlId;
    }

    /** The account's default custom product, which Security Hub creates when it is enabled. */
    public String productArn() {
        return "arn:" + partition + ":securityhub:" + region + ":" + accountId + ":product/" + accountId + "/default";
    }

    /**
     * @param createdAt when this finding was first created (kept from an earlier run when known), else now
     * @param now this run's time, the finding's {@code UpdatedAt}
     */
    public AwsSecurityFinding map(ControlResult result, Instant createdAt, Instant now) {
        return map(result, createdAt, now, List.of());
    }

    /**
     * @param remediationNotes what remediation could not do for this control, said in the finding too
     */
    public AwsSecurityFinding map(ControlResult result, Instant createdAt, Instant now, List<String> remediationNotes) {
        return map(result, createdAt, now, remediationNotes, "");
    }

    /**
     * @param triggeredBy what started the run that judged it ({@code schedule:…}, {@code direct}, {@code cli}, or
     *     the CloudTrail calls of a re-check), recorded as {@code ProductFields} {@code cis-sentinel/TriggeredBy};
     *     empty for none
     */
    public AwsSecurityFinding map(ControlResult result, Instant createdAt, Instant now, List<String> remediationNotes,
            String triggeredBy) {
        Control control = result.control();
        Verdict verdict = result.verdict();
        SeverityLabel severity = verdict.status() == Status.FAILED ? SeverityLabel.LOW : SeverityLabel.INFORMATIONAL;
        return AwsSecurityFinding.builder()
                .schemaVersion(SCHEMA_VERSION)
                .id(findingId(accountId, region, control.id()))
                .productArn(productArn())
                .generatorId(generatorId(control.id()))
                .awsAccountId(accountId)
                .region(region)
                .companyName("cis-sentinel")
                .productName("cis-sentinel")
                .types(TYPE)
                .createdAt(createdAt.toString())
                .updatedAt(now.toString())
                .firstObservedAt(createdAt.toString())
                .lastObservedAt(now.toString())
                .severity(Severity.builder().label(severity).original(severity.toString()).build())
                .findingProviderFields(FindingProviderFields.builder().types(TYPE)
                        .severity(FindingProviderSeverity.builder().label(severity).original(severity.toString())
                                .build()).build())
                .title(AsffLimits.truncate(control.id() + " " + control.title() + " (CIS " + control.cisNumbers() + ")",
                        AsffLimits.TITLE))
                .description(AsffLimits.truncate(description(result), AsffLimits.DESCRIPTION))
                .compliance(Compliance.builder()
                        .status(ComplianceStatus.fromValue(verdict.status().name()))
                        .securityControlId(control.id())
                        .relatedRequirements(control.relatedRequirements().subList(0, Math.min(
                                control.relatedRequirements().size(), AsffLimits.RELATED_REQUIREMENTS)))
                        .statusReasons(StatusReason.builder().reasonCode(verdict.reason().name())
                                .description(AsffLimits.truncate(verdict.explanation(), AsffLimits.REASON_DESCRIPTION))
                                .build())
                        .build())
                .remediation(Remediation.builder().recommendation(Recommendation.builder()
                        .text(AsffLimits.truncate(control.recommendation(), 512)).url(control.documentationUrl())
                        .build()).build())
                .resources(resources(verdict))
                .productFields(productFields(result, remediationNotes, triggeredBy))
                .recordState(RecordState.ACTIVE)
                .build();
    }

    /** The same finding, archived: for a control this run no longer evaluates. */
    public static AwsSecurityFinding archived(AwsSecurityFinding existing, Instant now) {
        return existing.toBuilder().recordState(RecordState.ARCHIVED).updatedAt(now.toString()).build();
    }

    private static String description(ControlResult result) {
        Verdict verdict = result.verdict();
        String lead;
        switch (verdict.status()) {
            case PASSED:
                lead = result.noisyExample().map(event -> "PASSED, but noisy: the metric filter also matches "
                        + "ordinary events the CIS pattern does not, such as " + event.path("eventSource").asText()
                        + " " + event.path("eventName").asText() + " by " + event.path("userIdentity").path("type")
                        + ", so its alarm fires on routine traffic (example in ProductFields "
                        + PREFIX + "NoisyExample). ").orElse("PASSED. ");
                break;
            case FAILED:
                lead = "FAILED (" + verdict.reason() + "). ";
                break;
            default:
                lead = "NOT AVAILABLE (" + verdict.reason() + "). ";
        }
        return lead + verdict.explanation();
    }

    private List<Resource> resources(Verdict verdict) {
        List<Resource> resources = new ArrayList<>();
        resources.add(Resource.builder().type("AwsAccount").id("AWS::::Account:" + accountId).partition(partition)
                .region(region).build());
        for (Link link : verdict.chain().links()) {
            if (resources.size() == AsffLimits.RESOURCES) {
                break;
            }
            resources.add(resource(link));
        }
        return resources;
    }

    private Resource resource(Link link) {
        String linkRegion = link.region().isEmpty() ? region : link.region();
        Resource.Builder resource = Resource.builder().id(link.id()).partition(partition).region(linkRegion);
        switch (link.kind()) {
            case TRAIL:
                return resource.type("AwsCloudTrailTrail").build();
            case ALARM:
                return resource.type("AwsCloudWatchAlarm").build();
            case TOPIC:
                return resource.type("AwsSnsTopic").build();
            case LOG_GROUP:
                return resource.type("Other").details(other(Map.of("kind", "AwsLogsLogGroup", "name",
                        link.name()))).build();
            default:
                // A metric filter has no ARN: the chain's id is its log group's ARN (region, account) followed by
                // ":metric-filter:" and its name, unique across groups, regions and accounts.
                Map<String, String> details = new LinkedHashMap<>();
                details.put("kind", "AwsLogsMetricFilter");
                details.put("name", link.name());
                link.attributes().forEach(details::put);
                return resource.type("Other").details(other(details)).build();
        }
    }

    private static ResourceDetails other(Map<String, String> details) {
        Map<String, String> bounded = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (bounded.size() < AsffLimits.PRODUCT_FIELDS) {
                bounded.put(AsffLimits.truncate(key, AsffLimits.PRODUCT_FIELD_KEY - 1),
                        AsffLimits.truncate(value, AsffLimits.OTHER_DETAILS_VALUE));
            }
        });
        return ResourceDetails.builder().other(bounded).build();
    }

    private Map<String, String> productFields(ControlResult result, List<String> remediationNotes,
            String triggeredBy) {
        Verdict verdict = result.verdict();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ProviderName", "cis-sentinel");
        fields.put("ProviderVersion", version);
        fields.put(PREFIX + "ControlId", result.control().id());
        fields.put(PREFIX + "Status", verdict.status().name());
        fields.put(PREFIX + "Reason", verdict.reason().name());
        fields.put(PREFIX + "Chain", verdict.chain().describe());
        // Cut JSON is not JSON: the event goes in whole or not at all (it is also in the scan's JSON output).
        verdict.counterexample().map(Object::toString).ifPresent(event -> fields.put(PREFIX + "Counterexample",
                event.length() <= AsffLimits.PRODUCT_FIELD_VALUE ? event : "(too large for a finding; see the scan's "
                        + "JSON output)"));
        verdict.failure().ifPresent(failure -> fields.put(PREFIX + "ReadFailure", failure.describe()));
        result.noisyExample().ifPresent(event -> {
            fields.put(PREFIX + "Noisy", "true");
            fields.put(PREFIX + "NoisyExample", event.toString());
        });
        // --confirm-with-aws: AWS's own evaluator's answer, and the event it was given (whole or not at all).
        result.confirmation().ifPresent(confirmation -> {
            fields.put(PREFIX + "AwsConfirmation", confirmation.outcome().name());
            fields.put(PREFIX + "AwsConfirmation/Answer", confirmation.describe());
            fields.put(PREFIX + "AwsConfirmation/Event", confirmation.event().length()
                    <= AsffLimits.PRODUCT_FIELD_VALUE ? confirmation.event() : "(too large for a finding; see the "
                    + "scan's JSON output)");
        });
        if (!remediationNotes.isEmpty()) {
            fields.put(PREFIX + "RemediationNote", String.join(" | ", remediationNotes));
        }
        if (!triggeredBy.isEmpty()) {
            fields.put(PREFIX + "TriggeredBy", triggeredBy);
        }
        // Link evidence last, so the fields above survive the 50-field limit. A chain over a metric with dimensions
        // names several alarms and topics: Alarm, Alarm2, Alarm3...
        Map<Link.Kind, Integer> seen = new java.util.EnumMap<>(Link.Kind.class);
        for (Link link : verdict.chain().links()) {
            int index = seen.merge(link.kind(), 1, Integer::sum);
            String key = PREFIX + camel(link.kind().name()) + (index == 1 ? "" : Integer.toString(index));
            fields.put(key, link.id());
            link.attributes().forEach((name, value) -> fields.put(key + "/" + name, value));
        }
        Map<String, String> bounded = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (bounded.size() == AsffLimits.PRODUCT_FIELDS) {
                break;
            }
            bounded.put(AsffLimits.truncate(field.getKey(), AsffLimits.PRODUCT_FIELD_KEY),
                    AsffLimits.truncate(field.getValue(), AsffLimits.PRODUCT_FIELD_VALUE));
        }
        return bounded;
    }

    private static String camel(String constant) {
        StringBuilder out = new StringBuilder();
        for (String part : constant.split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }

    private static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
