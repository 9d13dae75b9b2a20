package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.awscore.AwsClient;
import software.amazon.awssdk.regions.Region;

/** The function's clients: its own region, credentials from where Lambda puts them, all built in init. */
class LambdaClientsTest {

    @Test
    void build_functionRegion_everyClientInThatRegionWithTheLambdaCredentials() {
        Region region = HandlerConfig.from(Map.of("AWS_REGION", "eu-west-1")).region();
        try (AwsClients clients = LambdaClients.build(region, new CallRecorder())) {
            for (AwsClient client : new AwsClient[] {clients.sts(region), clients.cloudTrail(region),
                    clients.logs(region), clients.cloudWatch(region), clients.sns(region),
                    clients.securityHub(region)}) {
                assertThat(client.serviceClientConfiguration().region()).as(client.serviceName())
                        .isEqualTo(Region.EU_WEST_1);
                assertThat(client.serviceClientConfiguration().credentialsProvider()).as(client.serviceName())
                        .isInstanceOf(AwsCredentialsProviderChain.class)
                        .hasToString(LambdaClients.credentials().toString());
            }
        }
    }

    @Test
    void credentials_environmentFirstThenSnapStartsContainerEndpointThenTheDefaultChain() {
        // Lambda sets AWS_ACCESS_KEY_ID and friends; with SnapStart, AWS_CONTAINER_CREDENTIALS_FULL_URI instead
        // (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials).
        assertThat(LambdaClients.credentials().toString()).containsSubsequence("EnvironmentVariableCredentialsProvider",
                "ContainerCredentialsProvider", "DefaultCredentialsProvider");
    }

    @Test
    void build_clientsAlreadyMade_sameInstancesReturnedLater() {
        Region region = Region.US_EAST_1;
        try (AwsClients clients = LambdaClients.build(region, new CallRecorder())) {
            assertThat(clients.securityHub(region)).isSameAs(clients.securityHub(region));
        }
    }
}
