package dev.cissentinel.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.findings.FindingMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.GetFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.GetFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.RecordState;

/**
 * The publisher's archive scope, on a Security Hub that holds findings in memory (no emulator): a run that named
 * its controls touches only their findings; a full run also archives the active findings of other controls; no
 * run touches another target's.
 */
class SecurityHubPublisherTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final Instant EARLIER = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void publish_judgedScopeAfterAFullRun_sendsOnlyTheJudgedFindingAndArchivesNothing() {
        StoredFindings hub = new StoredFindings(activeFindings(ControlTable.all()));

        PublishResult result = publisher(hub).publish(batch(List.of("CloudWatch.4"), FindingScope.JUDGED));

        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.archived()).isZero();
        assertThat(hub.sent).extracting(AwsSecurityFinding::id).containsExactly(id("CloudWatch.4"));
        assertThat(hub.sent.get(0).recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(hub.sent.get(0).createdAt()).isEqualTo(EARLIER.toString());
    }

    @Test
    void publish_allScopeWithAControlSwitchedOff_archivesItsActiveFinding() {
        StoredFindings hub = new StoredFindings(activeFindings(ControlTable.all()));

        List<String> configured = ControlTable.all().stream().map(Control::id).filter(id -> !id.equals(
                "CloudWatch.6")).toList();

        PublishResult result = publisher(hub).publish(batch(configured, FindingScope.ALL));

        assertThat(result.imported()).isEqualTo(configured.size() + 1);
        assertThat(result.archived()).isEqualTo(1);
        Map<String, RecordState> sent = hub.sent.stream().collect(Collectors.toMap(AwsSecurityFinding::id,
                AwsSecurityFinding::recordState));
        assertThat(sent).containsEntry(id("CloudWatch.6"), RecordState.ARCHIVED).containsEntry(id("CloudWatch.1"),
                RecordState.ACTIVE).hasSize(configured.size() + 1);
        assertThat(hub.sent).filteredOn(f -> f.id().equals(id("CloudWatch.6"))).singleElement()
                .satisfies(archived -> assertThat(archived.updatedAt()).isEqualTo(NOW.toString()));
    }

    @Test
    void publish_allScopeFindingAlreadyArchived_notSentAgain() {
        List<AwsSecurityFinding> stored = new ArrayList<>(activeFindings(List.of(ControlTable.byId("CloudWatch.1")
                .orElseThrow(), ControlTable.byId("CloudWatch.2").orElseThrow())));
        stored.add(finding("CloudWatch.6").toBuilder().recordState(RecordState.ARCHIVED).build());
        StoredFindings hub = new StoredFindings(stored);

        PublishResult result = publisher(hub).publish(batch(List.of("CloudWatch.1"), FindingScope.ALL));

        assertThat(result.archived()).isEqualTo(1);
        assertThat(hub.sent).extracting(AwsSecurityFinding::id).doesNotContain(id("CloudWatch.6"));
    }

    @Test
    void publish_eitherScope_neverTouchesAnotherTargetsFindings() {
        AwsSecurityFinding otherRegion = finding("CloudWatch.6").toBuilder()
                .id(FindingMapper.findingId(ACCOUNT, "eu-west-1", "CloudWatch.6")).build();
        AwsSecurityFinding otherAccount = finding("CloudWatch.6").toBuilder()
                .id(FindingMapper.findingId("111122223333", REGION, "CloudWatch.6")).build();
        // Security Hub's filter is a prefix; the publisher checks each Id again, as a looser hub might answer more.
        StoredFindings hub = new StoredFindings(List.of(otherRegion, otherAccount));

        PublishResult result = publisher(hub).publish(batch(List.of("CloudWatch.1"), FindingScope.ALL));

        assertThat(result.archived()).isZero();
        assertThat(hub.sent).extracting(AwsSecurityFinding::id).containsExactly(id("CloudWatch.1"));
    }

    @Test
    void publish_updatedAtIsWhenTheRunStartedReading_andTheFindingSaysWhatTriggeredIt() {
        StoredFindings hub = new StoredFindings(activeFindings(ControlTable.all()));
        Instant readAt = NOW.minusSeconds(42);
        List<ControlResult> results = List.of(new ControlResult(ControlTable.byId("CloudWatch.4").orElseThrow(),
                new Verdict.Passed(Chain.empty(), "ok")));

        publisher(hub).publish(new FindingBatch(ACCOUNT, REGION, results, Map.of(), FindingScope.JUDGED, readAt,
                "cloudtrail:StopLogging:e1:arn:aws:iam::123456789012:user/jane"));

        AwsSecurityFinding sent = hub.sent.get(0);
        // Security Hub keeps the update with the later UpdatedAt: the run that read later wins, whenever it publishes.
        assertThat(sent.updatedAt()).isEqualTo(readAt.toString());
        assertThat(sent.lastObservedAt()).isEqualTo(readAt.toString());
        assertThat(sent.productFields()).containsEntry("cis-sentinel/TriggeredBy",
                "cloudtrail:StopLogging:e1:arn:aws:iam::123456789012:user/jane");
    }

    @Test
    void stored_readsEachActiveFindingsControlStatusAndResources() {
        List<AwsSecurityFinding> findings = new ArrayList<>(activeFindings(ControlTable.defaults()));
        findings.set(4, findings.get(4).toBuilder().recordState(RecordState.ARCHIVED).build());
        StoredFindings hub = new StoredFindings(findings);

        List<StoredFinding> stored = publisher(hub).stored(ACCOUNT, REGION);

        assertThat(stored).extracting(StoredFinding::controlId).containsExactly("CloudWatch.1", "CloudWatch.2",
                "CloudWatch.4", "CloudWatch.5");
        assertThat(stored).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(dev.cissentinel.controls.Status.PASSED);
            assertThat(finding.resourceIds()).contains("AWS::::Account:" + ACCOUNT);
        });
        assertThat(hub.sent).isEmpty();
    }

    @Test
    void archives_byScope() {
        Set<String> judged = Set.of(id("CloudWatch.4"));

        assertThat(FindingScope.JUDGED.archives(id("CloudWatch.1"), judged)).isFalse();
        assertThat(FindingScope.ALL.archives(id("CloudWatch.1"), judged)).isTrue();
        assertThat(FindingScope.ALL.archives(id("CloudWatch.4"), judged)).isFalse();
    }

    private static SecurityHubPublisher publisher(SecurityHubClient hub) {
        return new SecurityHubPublisher(hub, pause -> { }, "test");
    }

    private static FindingBatch batch(List<String> controls, FindingScope scope) {
        List<ControlResult> results = controls.stream().map(id -> new ControlResult(ControlTable.byId(id)
                .orElseThrow(), new Verdict.Passed(Chain.empty(), "ok"))).toList();
        return new FindingBatch(ACCOUNT, REGION, results, Map.of(), scope, NOW, "cli");
    }

    private static List<AwsSecurityFinding> activeFindings(List<Control> controls) {
        return controls.stream().map(control -> finding(control.id())).toList();
    }

    /** The finding an earlier run published for {@code controlId}. */
    private static AwsSecurityFinding finding(String controlId) {
        return new FindingMapper(ACCOUNT, REGION, "test").map(new ControlResult(ControlTable.byId(controlId)
                .orElseThrow(), new Verdict.Passed(Chain.empty(), "ok")), EARLIER, EARLIER);
    }

    private static String id(String controlId) {
        return FindingMapper.findingId(ACCOUNT, REGION, controlId);
    }

    /** Answers GetFindings with what it holds (one page, unfiltered) and records what BatchImportFindings sent. */
    private static final class StoredFindings implements SecurityHubClient {
        private final List<AwsSecurityFinding> stored;
        final List<AwsSecurityFinding> sent = new ArrayList<>();

        StoredFindings(List<AwsSecurityFinding> stored) {
            this.stored = List.copyOf(stored);
        }

        @Override
        public GetFindingsResponse getFindings(GetFindingsRequest request) {
            return GetFindingsResponse.builder().findings(stored).build();
        }

        @Override
        public BatchImportFindingsResponse batchImportFindings(BatchImportFindingsRequest request) {
            sent.addAll(request.findings());
            return BatchImportFindingsResponse.builder().successCount(request.findings().size()).failedCount(0)
                    .build();
        }

        @Override
        public String serviceName() {
            return "securityhub";
        }

        @Override
        public void close() {
        }
    }
}
