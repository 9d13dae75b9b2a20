package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command: the demo scan shows each instructive verdict. */
class DemoCommandIT {

    @Test
    void demo_seededAccount_showsPassesAndEachInstructiveFailure() throws Exception {
        ScanCommandIT.Run run = ScanCommandIT.jar(null, "demo");

        assertThat(run.exit()).as(run.stderr()).isEqualTo(3);
        assertThat(run.stdout())
                .contains("CloudWatch.1  PASSED        CHAIN_COMPLETE")
                .contains("CloudWatch.2  PASSED        CHAIN_COMPLETE")
                .contains("CloudWatch.4  FAILED        NO_COVERING_METRIC_FILTER")
                .contains("\"eventName\":\"DeletePolicyVersion\"")
                .contains("CloudWatch.5  FAILED        ALARM_ACTIONS_DISABLED")
                .contains("CloudWatch.6  FAILED        NO_CONFIRMED_SUBSCRIPTION");
        assertThat(run.stdout().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
    }

    /** Every row gets a verdict: two more chains are seeded, and the others fail for want of a filter. */
    @Test
    void demo_allControls_everyRowHasAVerdict() throws Exception {
        ScanCommandIT.Run run = ScanCommandIT.jar(null, "demo", "--controls", "all", "--format", "json");

        assertThat(run.exit()).as(run.stderr()).isEqualTo(3);
        JsonNode document = new ObjectMapper().readTree(run.stdout());
        Map<String, String> verdicts = new LinkedHashMap<>();
        document.path("controls").forEach(control -> verdicts.put(control.path("id").asText(),
                control.path("status").asText() + " " + control.path("reason").asText()));
        assertThat(verdicts.keySet()).containsExactlyElementsOf(ControlTable.all().stream().map(Control::id).toList());
        assertThat(verdicts).containsEntry("CloudWatch.1", "PASSED CHAIN_COMPLETE")
                .containsEntry("CloudWatch.7", "PASSED CHAIN_COMPLETE")
                .containsEntry("CloudWatch.10", "FAILED NO_COVERING_METRIC_FILTER")
                .containsEntry("CloudWatch.3", "FAILED NO_COVERING_METRIC_FILTER")
                .containsEntry("CIS.Organizations", "FAILED NO_COVERING_METRIC_FILTER");
        JsonNode securityGroups = document.path("controls").get(9);
        assertThat(securityGroups.path("counterexample").path("eventName").asText())
                .isEqualTo("ModifySecurityGroupRules");
        assertThat(document.path("summary").path("PASSED").asInt()).isEqualTo(3);
    }
}
