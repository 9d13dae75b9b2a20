package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.AwsConfirmation;
import dev.cissentinel.controls.AwsConfirmation.Outcome;
import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Verdict;
import org.junit.jupiter.api.Test;

/** The {@code awsConfirmation} object of {@code scan --format json} (README, JSON output). */
class ResultJsonConfirmationTest {

    private static final String EVENT = "{\"eventName\":\"ConsoleLogin\",\"errorMessage\":\"Failed authentication\"}";

    @Test
    void control_agreement_everyFieldWithTheEventAsJson() {
        AwsConfirmation confirmation = new AwsConfirmation(Outcome.AGREES, "eu-west-1", "console-failures",
                "{ $.eventName = ConsoleLogin }", EVENT, true, "");

        ObjectNode node = ResultJson.control(new ControlResult(ControlTable.byId("CloudWatch.6").orElseThrow(),
                new Verdict.Passed(Chain.empty(), "ok"), confirmation));

        ObjectNode json = (ObjectNode) node.path("awsConfirmation");
        assertThat(json.path("outcome").asText()).isEqualTo("AGREES");
        assertThat(json.path("api").asText()).isEqualTo("logs:TestMetricFilter");
        assertThat(json.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(json.path("filterName").asText()).isEqualTo("console-failures");
        assertThat(json.path("filterPattern").asText()).isEqualTo("{ $.eventName = ConsoleLogin }");
        assertThat(json.path("event").path("eventName").asText()).isEqualTo("ConsoleLogin");
        assertThat(json.path("cisSentinel").asText()).isEqualTo("match");
        assertThat(json.path("aws").asText()).isEqualTo("match");
        assertThat(json.path("detail").asText()).isEmpty();
    }

    @Test
    void control_unanswered_awsIsNullAndDetailSaysWhy() {
        AwsConfirmation confirmation = new AwsConfirmation(Outcome.UNANSWERED, "eu-west-1", "f", "{ $.a = 1 }", EVENT,
                false, "logs:TestMetricFilter in eu-west-1 failed: ThrottlingException");

        ObjectNode node = ResultJson.control(new ControlResult(ControlTable.byId("CloudWatch.6").orElseThrow(),
                new Verdict.Passed(Chain.empty(), "ok"), confirmation));

        assertThat(node.path("awsConfirmation").path("aws").isNull()).isTrue();
        assertThat(node.path("awsConfirmation").path("detail").asText()).contains("ThrottlingException");
    }

    @Test
    void control_notAsked_noAwsConfirmationField() {
        ObjectNode node = ResultJson.control(new ControlResult(ControlTable.byId("CloudWatch.6").orElseThrow(),
                new Verdict.Passed(Chain.empty(), "ok")));

        assertThat(node.has("awsConfirmation")).isFalse();
    }
}
