package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
