package dev.cissentinel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test class starts from an empty account, whatever the classes before it left behind. */
@ExtendWith(EmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatorResetIT {

    @Test
    @Order(1)
    void startsEmptyEvenAfterOtherClassesSeededState(AwsClients clients, TestAccount account) {
        assertThat(clients.logs(account.region()).describeLogGroups().logGroups()).isEmpty();
        assertThat(clients.sns(account.region()).listTopics().topics()).isEmpty();
        account.logGroup("left-behind");
    }

    @Test
    @Order(2)
    void stateWithinAClassIsShared(AwsClients clients, TestAccount account) {
        assertThat(clients.logs(account.region()).describeLogGroups().logGroups()).hasSize(1);
    }
}
