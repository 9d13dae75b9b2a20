package dev.cissentinel.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.emulator.LocalLambda.InvokeResult;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * Re-check on change under the Lambda runtime emulator on moto, the path {@code local-invoke} takes, with the
 * real-shaped samples in {@code events/}: a trail stopped, an alarm deleted and re-created, each reaching
 * Security Hub as the "Done when" asks.
 */
@ExtendWith(EmulatorExtension.class)
class RecheckLocalLambdaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CW4_ALARM = ControlTable.byId("CloudWatch.4").orElseThrow().metricName() + "Alarm";
    private static final List<String> OTHERS = List.of("CloudWatch.1", "CloudWatch.2", "CloudWatch.5",
            "CloudWatch.6");

    @Test
    void stopLogging_deleteAndRecreateAnAlarm_findingsFollowEachCall(Emulator emulator, TestAccount account,
            AwsClients clients) throws IOException {
        TestAccount.Compliant compliant = account.compliantAccount();
        account.enableSecurityHub();
        try (LocalLambda lambda = start(emulator)) {
            assertThat(lambda.invoke(sample("scheduled-rule.json")).failed()).isFalse();
            assertThat(statuses(clients)).containsOnlyKeys(ControlTable.defaults().stream().map(c -> c.id()).toList())
                    .allSatisfy((id, status) -> assertThat(status).isEqualTo("PASSED CHAIN_COMPLETE"));

            // StopLogging: all five FAILED TRAIL_NOT_LOGGING, and the finding says which call did it.
            clients.cloudTrail(account.region()).stopLogging(r -> r.name("management"));
            JsonNode stopped = recheck(lambda, sample("cloudtrail-stop-logging.json"));
            assertThat(stopped.path("controls")).hasSize(5).allSatisfy(control -> assertThat(
                    control.path("status").asText() + " " + control.path("reason").asText())
                    .isEqualTo("FAILED TRAIL_NOT_LOGGING"));
            assertThat(statuses(clients)).hasSize(5).allSatisfy((id, status) -> assertThat(status)
                    .isEqualTo("FAILED TRAIL_NOT_LOGGING"));
            assertThat(findings(clients).get("CloudWatch.1").productFields().get("cis-sentinel/TriggeredBy"))
                    .isEqualTo("cloudtrail:StopLogging:a1c3e5f7-2b4d-4f6a-8c0e-1a3b5c7d9e0f:"
                            + "arn:aws:sts::123456789012:assumed-role/Admin/jane");

            // StartLogging: every chain starts at the trail, so all five are judged again.
            clients.cloudTrail(account.region()).startLogging(r -> r.name("management"));
            recheck(lambda, named(sample("cloudtrail-stop-logging.json"), "StartLogging"));
            assertThat(statuses(clients)).allSatisfy((id, status) -> assertThat(status)
                    .isEqualTo("PASSED CHAIN_COMPLETE"));

            // DeleteAlarms of CloudWatch.4's alarm: only CloudWatch.4 turns FAILED; the others stay ACTIVE and
            // PASSED, untouched.
            Map<String, AwsSecurityFinding> before = findings(clients);
            clients.cloudWatch(account.region()).deleteAlarms(r -> r.alarmNames(CW4_ALARM));
            JsonNode deleted = recheck(lambda, sample("cloudtrail-delete-alarms.json"));
            assertThat(deleted.path("controls")).singleElement().satisfies(control -> {
                assertThat(control.path("id").asText()).isEqualTo("CloudWatch.4");
                assertThat(control.path("status").asText()).isEqualTo("FAILED");
                assertThat(control.path("reason").asText()).isEqualTo("NO_ALARM_ON_METRIC");
            });
            Map<String, AwsSecurityFinding> after = findings(clients);
            assertThat(after.get("CloudWatch.4").compliance().statusAsString()).isEqualTo("FAILED");
            for (String other : OTHERS) {
                assertThat(after.get(other).recordStateAsString()).as(other).isEqualTo("ACTIVE");
                assertThat(after.get(other).compliance().statusAsString()).as(other).isEqualTo("PASSED");
                assertThat(after.get(other).updatedAt()).as(other).isEqualTo(before.get(other).updatedAt());
            }

            // The alarm re-created: a PutMetricAlarm can repair a FAILED control, so CloudWatch.4 is judged again.
            account.alarm(CW4_ALARM).onMetric("CISBenchmark", ControlTable.byId("CloudWatch.4").orElseThrow()
                    .metricName()).alarmActions(compliant.topicArn()).create();
            Instant beforeRepair = Instant.now().minusSeconds(1);
            JsonNode repaired = recheck(lambda, named(sample("cloudtrail-delete-alarms.json"), "PutMetricAlarm"));
            assertThat(repaired.path("controls")).extracting(control -> control.path("id").asText() + " "
                    + control.path("status").asText()).containsExactly("CloudWatch.4 PASSED");
            assertThat(statuses(clients)).allSatisfy((id, status) -> assertThat(status)
                    .isEqualTo("PASSED CHAIN_COMPLETE"));
            assertThat(Instant.parse(findings(clients).get("CloudWatch.4").updatedAt())).isAfter(beforeRepair);
        }
    }

    /** The one re-check the response reports. */
    private static JsonNode recheck(LocalLambda lambda, byte[] event) throws IOException {
        InvokeResult result = lambda.invoke(event);
        assertThat(result.failed()).as(result.payload()).isFalse();
        JsonNode response = JSON.readTree(result.payload());
        assertThat(response.path("rechecks")).as(result.payload()).hasSize(1);
        return response.path("rechecks").get(0);
    }

    /** The sample as another call on the same resource (its request parameters kept), with its own eventID. */
    private static byte[] named(byte[] sample, String eventName) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(sample);
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventName", eventName).put("eventID", eventName + "-" + System.nanoTime());
        if (eventName.equals("PutMetricAlarm")) {
            detail.set("requestParameters", JSON.createObjectNode().put("alarmName", CW4_ALARM));
        }
        return JSON.writeValueAsBytes(event);
    }

    private static Map<String, String> statuses(AwsClients clients) {
        return findings(clients).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().compliance().statusAsString() + " " + entry.getValue().compliance()
                        .statusReasons().get(0).reasonCode()));
    }

    /** This tool's ACTIVE findings by control, each exactly once. */
    private static Map<String, AwsSecurityFinding> findings(AwsClients clients) {
        List<AwsSecurityFinding> ours = clients.securityHub(EmulatorExtension.REGION)
                .getFindings(r -> r.maxResults(100)).findings().stream()
                .filter(finding -> finding.generatorId().startsWith("cis-sentinel/"))
                .filter(finding -> finding.recordStateAsString().equals("ACTIVE")).toList();
        assertThat(ours).extracting(AwsSecurityFinding::id).doesNotHaveDuplicates();
        return ours.stream().collect(Collectors.toMap(f -> f.compliance().securityControlId(), f -> f));
    }

    private static byte[] sample(String file) throws IOException {
        return Files.readAllBytes(Path.of("events", file));
    }

    private static LocalLambda start(Emulator emulator) {
        Path jar = Path.of(System.getProperty("cis-sentinel-lambda.jar", "target/cis-sentinel-lambda.jar"));
        assertThat(jar).as("the Lambda jar (integration tests run after package)").isRegularFile();
        try {
            return LocalLambda.builder(jar).emulator(emulator.endpoint()).start(System.err::println);
        } catch (MissingToolException e) {
            Assumptions.abort(e.getMessage());
            throw e;
        }
    }
}
