package dev.cissentinel.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.ReadFailure;
import dev.cissentinel.testing.ChainLinks;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;

class FindingMapperTest {

    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Control ROOT = ControlTable.byId("CloudWatch.1").orElseThrow();
    private final FindingMapper mapper = new FindingMapper("123456789012", "eu-west-1", "1.0");

    @Test
    void map_passed_contractFieldsAndInformationalSeverity() {
        Chain chain = Chain.empty()
                .with(ChainLinks.trail("arn:aws:cloudtrail:eu-west-1:123456789012:trail/main"))
                .with(ChainLinks.topic("arn:aws:sns:eu-west-1:123456789012:alerts", 1, 0));

        AwsSecurityFinding finding = mapper.map(new ControlResult(ROOT, new Verdict.Passed(chain, "complete")),
                CREATED, NOW);

        assertThat(finding.schemaVersion()).isEqualTo("2018-10-08");
        assertThat(finding.id()).isEqualTo("cis-sentinel/123456789012/eu-west-1/CloudWatch.1");
        assertThat(finding.generatorId()).isEqualTo("cis-sentinel/CloudWatch.1");
        assertThat(finding.productArn())
                .isEqualTo("arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default");
        assertThat(finding.types()).containsExactly(FindingMapper.TYPE);
        assertThat(finding.createdAt()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(finding.updatedAt()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(finding.severity().labelAsString()).isEqualTo("INFORMATIONAL");
        assertThat(finding.findingProviderFields().severity().labelAsString()).isEqualTo("INFORMATIONAL");
        assertThat(finding.compliance().statusAsString()).isEqualTo("PASSED");
        assertThat(finding.compliance().relatedRequirements())
                .containsExactly("CIS AWS Foundations Benchmark v1.2.0/3.3", "CIS AWS Foundations Benchmark v1.4.0/4.3");
        assertThat(finding.remediation().recommendation().url()).isEqualTo(ROOT.documentationUrl());
        assertThat(finding.resources()).extracting(r -> r.type() + " " + r.id()).containsExactly(
                "AwsAccount AWS::::Account:123456789012",
                "AwsCloudTrailTrail arn:aws:cloudtrail:eu-west-1:123456789012:trail/main",
                "AwsSnsTopic arn:aws:sns:eu-west-1:123456789012:alerts");
        assertThat(finding.productFields()).containsEntry("cis-sentinel/Topic/confirmedSubscriptions", "1")
                .containsEntry("cis-sentinel/Reason", "CHAIN_COMPLETE");
        assertThat(finding.recordState()).isEqualTo(RecordState.ACTIVE);
    }

    @Test
    void map_filterThatMissesEvents_isAResourceNamedByLogGroupAccountRegionAndName() {
        String filterId = "arn:aws:logs:eu-west-1:123456789012:log-group:trail-logs:metric-filter:root";
        Chain chain = Chain.empty()
                .with(ChainLinks.logGroup("arn:aws:logs:eu-west-1:123456789012:log-group:trail-logs"))
                .with(ChainLinks.missedFilter("root", filterId, "eu-west-1", "{ $.userIdentity.type = Root }"));
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("eventName", "CreateUser");

        AwsSecurityFinding finding = mapper.map(new ControlResult(ROOT, new Verdict.Failed(
                ReasonCode.NO_COVERING_METRIC_FILTER, chain, "misses", event)), CREATED, NOW);

        assertThat(finding.resources()).filteredOn(r -> r.id().equals(filterId)).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("Other");
            assertThat(r.region()).isEqualTo("eu-west-1");
            assertThat(r.details().other()).containsEntry("kind", "AwsLogsMetricFilter").containsEntry("name", "root")
                    .containsEntry("coversReference", "false");
        });
        assertThat(finding.productFields()).containsEntry("cis-sentinel/MetricFilter", filterId);
    }

    @Test
    void map_chainWithSeveralAlarms_numbersTheirProductFields() {
        Chain chain = Chain.empty()
                .with(ChainLinks.alarm("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:create",
                        Map.of("EventName", "CreateTrail"), true))
                .with(ChainLinks.alarm("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:delete",
                        Map.of("EventName", "DeleteTrail"), true));

        AwsSecurityFinding finding = mapper.map(new ControlResult(ROOT, new Verdict.Passed(chain, "complete")),
                CREATED, NOW);

        assertThat(finding.productFields())
                .containsEntry("cis-sentinel/Alarm", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:create")
                .containsEntry("cis-sentinel/Alarm2", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:delete")
                .containsEntry("cis-sentinel/Alarm2/dimensionValues", "EventName=DeleteTrail");
    }

    @Test
    void map_failedWithCounterexample_lowSeverityAndEventInProductFields() {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("eventName", "DeletePolicyVersion");
        Verdict failed = new Verdict.Failed(ReasonCode.NO_COVERING_METRIC_FILTER, Chain.empty(), "misses", event);

        AwsSecurityFinding finding = mapper.map(new ControlResult(ROOT, failed), NOW, NOW);

        assertThat(finding.severity().labelAsString()).isEqualTo("LOW");
        assertThat(finding.compliance().statusReasons()).singleElement()
                .satisfies(r -> assertThat(r.reasonCode()).isEqualTo("NO_COVERING_METRIC_FILTER"));
        assertThat(finding.productFields()).containsEntry("cis-sentinel/Counterexample",
                "{\"eventName\":\"DeletePolicyVersion\"}");
        assertThat(finding.description()).startsWith("FAILED (NO_COVERING_METRIC_FILTER). misses");
    }

    @Test
    void map_notAvailable_namesTheFailedRead() {
        ReadFailure failure = new ReadFailure("logs:DescribeMetricFilters", "eu-west-1", "group",
                new FailureCause.AwsError("AccessDeniedException", "denied"));
        Verdict verdict = new Verdict.NotAvailable(ReasonCode.READ_FAILED, Chain.empty(), "could not", failure);

        AwsSecurityFinding finding = mapper.map(new ControlResult(ROOT, verdict), NOW, NOW);

        assertThat(finding.compliance().statusAsString()).isEqualTo("NOT_AVAILABLE");
        assertThat(finding.productFields().get("cis-sentinel/ReadFailure"))
                .contains("logs:DescribeMetricFilters").contains("AccessDeniedException");
    }

    @Test
    void map_oversizedEvidence_truncatedWithinEveryAsffLimit() {
        Chain chain = Chain.empty();
        for (int i = 0; i < 40; i++) {
            chain = chain.with(ChainLinks.missedFilter("f".repeat(200) + i, "filter" + i, "eu-west-1",
                    "v".repeat(5000)));
        }
        ObjectNode huge = JsonNodeFactory.instance.objectNode().put("eventName", "x".repeat(3000));
        Verdict verdict = new Verdict.Failed(ReasonCode.NO_COVERING_METRIC_FILTER, chain, "why ".repeat(1000), huge);

        AwsSecurityFinding finding = mapper.map(new ControlResult(ROOT, verdict), NOW, NOW);

        assertThat(finding.title().length()).isLessThanOrEqualTo(256);
        assertThat(finding.description()).hasSizeLessThanOrEqualTo(1024).endsWith("…[truncated]");
        assertThat(finding.resources()).hasSize(32);
        assertThat(finding.productFields()).hasSizeLessThanOrEqualTo(50);
        assertThat(finding.productFields()).allSatisfy((key, value) -> {
            assertThat(key.length()).isLessThanOrEqualTo(128);
            assertThat(value.length()).isLessThanOrEqualTo(2048);
        });
        assertThat(finding.productFields().get("cis-sentinel/Counterexample")).startsWith("(too large");
        assertThat(finding.compliance().statusReasons().get(0).description()).hasSizeLessThanOrEqualTo(2048);
    }

    @Test
    void map_remediationNotes_inProductFields() {
        Verdict failed = new Verdict.Failed(ReasonCode.TRAIL_NOT_LOGGING, Chain.empty(), "stopped", null);

        AwsSecurityFinding finding = mapper.map(new ControlResult(ROOT, failed), NOW, NOW,
                java.util.List.of("start logging on the trail", "then re-run"));

        assertThat(finding.productFields()).containsEntry("cis-sentinel/RemediationNote",
                "start logging on the trail | then re-run");
    }

    @Test
    void archived_existingFinding_sameIdArchivedAndNewer() {
        AwsSecurityFinding active = mapper.map(new ControlResult(ROOT, new Verdict.Passed(Chain.empty(), "ok")),
                CREATED, CREATED);

        AwsSecurityFinding archived = FindingMapper.archived(active, NOW);

        assertThat(archived.id()).isEqualTo(active.id());
        assertThat(archived.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(archived.updatedAt()).isEqualTo(NOW.toString());
        assertThat(archived.createdAt()).isEqualTo(active.createdAt());
    }
}
