package dev.cissentinel.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanInput;
import dev.cissentinel.scan.ScanOutcome;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.SecurityHubException;

/** Findings reach moto's Security Hub, update in place, archive, and survive rejected entries. */
@ExtendWith(EmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityHubPublisherIT {

    private static final Region REGION = Region.US_EAST_1;

    @Test
    @Order(1)
    void execute_mixedAccount_fiveFindingsWithTheContractFields(TestAccount account, AwsClients clients) {
        seedMixedAccount(account);
        account.enableSecurityHub();

        ScanOutcome outcome = scan(clients, Instant.parse("2026-11-25T10:00:00Z"), "");

        assertThat(outcome.published()).hasValueSatisfying(p -> {
            assertThat(p.imported()).isEqualTo(5);
            assertThat(p.failed()).isEmpty();
        });
        Map<String, AwsSecurityFinding> findings = findings(clients);
        assertThat(findings).hasSize(5);
        AwsSecurityFinding root = findings.get("cis-sentinel/123456789012/us-east-1/CloudWatch.1");
        assertThat(root.generatorId()).isEqualTo("cis-sentinel/CloudWatch.1");
        assertThat(root.productArn()).isEqualTo("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default");
        assertThat(root.compliance().statusAsString()).isEqualTo("PASSED");
        assertThat(root.compliance().securityControlId()).isEqualTo("CloudWatch.1");
        assertThat(root.resources()).extracting(r -> r.type())
                .containsExactly("AwsAccount", "AwsCloudTrailTrail", "Other", "Other", "AwsCloudWatchAlarm",
                        "AwsSnsTopic");
        AwsSecurityFinding iam = findings.get("cis-sentinel/123456789012/us-east-1/CloudWatch.4");
        assertThat(iam.compliance().statusAsString()).isEqualTo("FAILED");
        assertThat(iam.compliance().statusReasons().get(0).reasonCode()).isEqualTo("ALARM_ACTIONS_DISABLED");
        assertThat(iam.description()).startsWith("FAILED (ALARM_ACTIONS_DISABLED). Alarm IAMPolicyChangesAlarm");
        assertThat(iam.severity().labelAsString()).isEqualTo("LOW");
        assertThat(iam.createdAt()).isEqualTo("2026-11-25T10:00:00Z");
    }

    @Test
    @Order(2)
    void execute_secondRun_updatesTheSameFindingsKeepingCreatedAt(AwsClients clients) {
        scan(clients, Instant.parse("2026-11-25T22:00:00Z"), "");

        Map<String, AwsSecurityFinding> findings = findings(clients);
        assertThat(findings).hasSize(5);
        assertThat(findings.values()).allSatisfy(f -> {
            assertThat(f.createdAt()).isEqualTo("2026-11-25T10:00:00Z");
            assertThat(f.updatedAt()).isEqualTo("2026-11-25T22:00:00Z");
            assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE);
        });
    }

    @Test
    @Order(3)
    void execute_fullRunWithAControlSwitchedOff_archivesItsFinding(AwsClients clients) {
        // What the Lambda does when CONTROLS leaves CloudWatch.6 out: a run with the configured controls.
        ScanRequest configured = ScanRequest.of(REGION).withControls(ScanInput.controls(
                "CloudWatch.1,CloudWatch.2,CloudWatch.4,CloudWatch.5"), FindingScope.ALL);

        ScanOutcome outcome = scan(clients, Instant.parse("2026-11-26T10:00:00Z"), configured);

        assertThat(outcome.published().orElseThrow().archived()).isEqualTo(1);
        Map<String, AwsSecurityFinding> findings = findings(clients);
        assertThat(findings.get("cis-sentinel/123456789012/us-east-1/CloudWatch.6").recordState())
                .isEqualTo(RecordState.ARCHIVED);
        assertThat(findings.get("cis-sentinel/123456789012/us-east-1/CloudWatch.1").recordState())
                .isEqualTo(RecordState.ACTIVE);
    }

    @Test
    @Order(4)
    void execute_afterAFullRunARunOfOneControl_updatesItAndLeavesTheOtherFourUnchanged(TestAccount account,
            AwsClients clients) {
        scan(clients, Instant.parse("2026-11-26T12:00:00Z"), "");
        Map<String, AwsSecurityFinding> before = findings(clients);
        // Repair CloudWatch.4's alarm (its actions were disabled), so its verdict changes.
        account.alarm("IAMPolicyChangesAlarm").onMetric("CISBenchmark", "IAMPolicyChanges")
                .alarmActions(compliant.topicArn()).create();

        // Exactly what `scan --controls CloudWatch.4` runs.
        ScanOutcome outcome = scan(clients, Instant.parse("2026-11-26T13:00:00Z"), "CloudWatch.4");

        assertThat(outcome.published().orElseThrow().imported()).isEqualTo(1);
        assertThat(outcome.published().orElseThrow().archived()).isZero();
        Map<String, AwsSecurityFinding> after = findings(clients);
        String iam = "cis-sentinel/123456789012/us-east-1/CloudWatch.4";
        assertThat(before.get(iam).compliance().statusAsString()).isEqualTo("FAILED");
        assertThat(after.get(iam).compliance().statusAsString()).isEqualTo("PASSED");
        assertThat(after.get(iam).updatedAt()).isEqualTo("2026-11-26T13:00:00Z");
        assertThat(after.get(iam).createdAt()).isEqualTo(before.get(iam).createdAt());
        assertThat(after).hasSameSizeAs(ControlTable.defaults());
        for (String id : after.keySet().stream().filter(id -> !id.equals(iam)).toList()) {
            String control = id.substring(id.lastIndexOf('/') + 1);
            assertThat(after.get(id).recordState()).as(control).isEqualTo(RecordState.ACTIVE);
            assertThat(after.get(id).updatedAt()).as(control).isEqualTo("2026-11-26T12:00:00Z");
            assertThat(after.get(id)).as(control).isEqualTo(before.get(id));
        }
    }

    @Test
    @Order(5)
    void publish_entryRejectedOnce_retriedWithBackoffAndImported(Emulator emulator) {
        RejectFirst reject = new RejectFirst(1);
        List<Duration> pauses = new ArrayList<>();
        try (AwsClients clients = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(reject).build()) {
            PublishResult result = publisher(clients, pauses).publish(batch(results(clients, "")));

            assertThat(result.imported()).isEqualTo(5);
            assertThat(result.failed()).isEmpty();
            assertThat(reject.calls.get()).isEqualTo(2);
            assertThat(pauses).containsExactly(Duration.ofMillis(200));
        }
    }

    @Test
    @Order(6)
    void publish_entryAlwaysRejected_reportedNotDropped(Emulator emulator) {
        RejectFirst reject = new RejectFirst(Integer.MAX_VALUE);
        List<Duration> pauses = new ArrayList<>();
        try (AwsClients clients = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(reject).build()) {
            PublishResult result = publisher(clients, pauses).publish(batch(results(clients, "")));

            assertThat(result.imported()).isEqualTo(4);
            assertThat(result.failed()).singleElement().satisfies(failed -> {
                assertThat(failed.id()).isEqualTo(reject.rejectedId);
                assertThat(failed.errorCode()).isEqualTo("InvalidInput");
            });
            assertThat(reject.calls.get()).isEqualTo(SecurityHubPublisher.ATTEMPTS);
            assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
        }
    }

    @Test
    @Order(7)
    void publish_securityHubNotEnabled_errorNamesTheFix(Emulator emulator) {
        ExecutionInterceptor notEnabled = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.httpRequest().encodedPath().startsWith("/findings")) {
                    throw SecurityHubException.builder().statusCode(401).awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("InvalidAccessException").errorMessage("Account is not subscribed").build())
                            .build();
                }
            }
        };
        try (AwsClients clients = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(notEnabled).build()) {
            assertThatThrownBy(() -> publisher(clients, new ArrayList<>()).publish(batch(results(clients, ""))))
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("InvalidAccessException")
                    .hasMessageContaining("aws securityhub enable-security-hub --region us-east-1")
                    .hasMessageContaining("--no-publish");
        }
    }

    /** Rejects one finding in the first {@code times} BatchImportFindings replies, as Security Hub may. */
    private static final class RejectFirst implements ExecutionInterceptor {
        private final int times;
        final AtomicInteger calls = new AtomicInteger();
        String rejectedId;

        RejectFirst(int times) {
            this.times = times;
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof BatchImportFindingsResponse)) {
                return context.response();
            }
            var request = (software.amazon.awssdk.services.securityhub.model.BatchImportFindingsRequest)
                    context.request();
            if (calls.incrementAndGet() > times) {
                return context.response();
            }
            rejectedId = request.findings().get(request.findings().size() - 1).id();
            BatchImportFindingsResponse response = (BatchImportFindingsResponse) context.response();
            return response.toBuilder().failedCount(1).successCount(response.successCount() - 1)
                    .failedFindings(ImportFindingsError.builder().id(rejectedId).errorCode("InvalidInput")
                            .errorMessage("rejected by the test").build())
                    .build();
        }
    }

    private static TestAccount.Compliant compliant;

    private static void seedMixedAccount(TestAccount account) {
        compliant = account.compliantAccount();
        account.disableAlarmActions("IAMPolicyChangesAlarm");
    }

    private static ScanOutcome scan(AwsClients clients, Instant now, String controls) {
        return scan(clients, now, ScanRequest.parse(REGION.id(), controls, null, true));
    }

    private static ScanOutcome scan(AwsClients clients, Instant now, ScanRequest request) {
        Scan scan = new Scan(clients, new CallRecorder(), Clock.fixed(now, ZoneOffset.UTC));
        return scan.execute(request, result -> { });
    }

    private static List<dev.cissentinel.controls.ControlResult> results(AwsClients clients, String controls) {
        ScanResult result = new Scan(clients, new CallRecorder(), Clock.systemUTC())
                .run(ScanRequest.parse(REGION.id(), controls, null, false));
        return result.results();
    }

    private static SecurityHubPublisher publisher(AwsClients clients, List<Duration> pauses) {
        return new SecurityHubPublisher(clients.securityHub(REGION), pauses::add, "test");
    }

    private static FindingBatch batch(List<dev.cissentinel.controls.ControlResult> results) {
        return new FindingBatch("123456789012", REGION.id(), results, Map.of(), FindingScope.ALL,
                Instant.parse("2026-11-27T10:00:00Z"), "cli");
    }

    private static Map<String, AwsSecurityFinding> findings(AwsClients clients) {
        return clients.securityHub(REGION).getFindings(r -> r.maxResults(100)).findings().stream()
                .collect(Collectors.toMap(AwsSecurityFinding::id, Function.identity()));
    }
}
