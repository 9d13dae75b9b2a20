package dev.cissentinel.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.AwsConfirmation;
import dev.cissentinel.controls.AwsConfirmation.Outcome;
import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/** What {@code --confirm-with-aws} adds to a finding: AWS's answer and the event it was asked about. */
class FindingMapperConfirmationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Control IAM = ControlTable.byId("CloudWatch.4").orElseThrow();
    private static final String EVENT = "{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"DeletePolicyVersion\"}";
    private final FindingMapper mapper = new FindingMapper("123456789012", "us-east-1", "1.0");

    @Test
    void map_disagreement_productFieldsCarryBothAnswersAndTheEvent() {
        AwsConfirmation confirmation = new AwsConfirmation(Outcome.DISAGREES, "us-east-1", "cis-filter",
                "{ $.eventName = Delete* }", EVENT, false, "");
        Verdict verdict = new Verdict.NotAvailable(ReasonCode.AWS_EVALUATOR_DISAGREES, Chain.empty(), "both say", null);

        AwsSecurityFinding finding = mapper.map(new ControlResult(IAM, verdict, confirmation), NOW, NOW);

        assertThat(finding.compliance().statusAsString()).isEqualTo("NOT_AVAILABLE");
        assertThat(finding.compliance().statusReasons().get(0).reasonCode()).isEqualTo("AWS_EVALUATOR_DISAGREES");
        assertThat(finding.productFields()).containsEntry("cis-sentinel/AwsConfirmation", "DISAGREES")
                .containsEntry("cis-sentinel/AwsConfirmation/Event", EVENT)
                .containsEntry("cis-sentinel/AwsConfirmation/Answer", "AWS's TestMetricFilter disagrees: it says "
                        + "filter 'cis-filter' matches the counterexample, where cis-sentinel says it does not.");
    }

    @Test
    void map_noConfirmation_noConfirmationFields() {
        AwsSecurityFinding finding = mapper.map(new ControlResult(IAM, new Verdict.Passed(Chain.empty(), "ok")), NOW,
                NOW);

        assertThat(finding.productFields().keySet()).noneMatch(key -> key.startsWith("cis-sentinel/AwsConfirmation"));
    }

    @Test
    void map_eventTooLargeForAField_saysWhereItIs() {
        String large = "{\"eventName\":\"" + "x".repeat(3000) + "\"}";
        AwsConfirmation confirmation = new AwsConfirmation(Outcome.AGREES, "us-east-1", "cis-filter", "{ $.a = 1 }",
                large, true, "");

        AwsSecurityFinding finding = mapper.map(new ControlResult(IAM, new Verdict.Passed(Chain.empty(), "ok"),
                confirmation), NOW, NOW);

        assertThat(finding.productFields().get("cis-sentinel/AwsConfirmation/Event")).contains("JSON output");
    }
}
