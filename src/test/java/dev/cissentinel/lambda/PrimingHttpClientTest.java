package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/** Priming's answers parse as the SDK parses AWS's, for both protocols, without a network. */
class PrimingHttpClientTest {

    private static final Region REGION = Region.EU_WEST_1;

    @Test
    void answers_queryAndJsonServices_parsedByTheRealSdkClients() {
        try (AwsClients clients = AwsClients.builder().dummyCredentials().httpClient(new PrimingHttpClient())
                .build()) {
            assertThat(clients.sts(REGION).getCallerIdentity().account()).isEqualTo("000000000000");
            assertThat(clients.cloudTrail(REGION).describeTrails(r -> r.includeShadowTrails(true)).trailList())
                    .isEmpty();
            assertThat(clients.cloudWatch(REGION).describeAlarms(r -> r.maxRecords(100)).metricAlarms()).isEmpty();
            assertThat(clients.sns(REGION).listSubscriptionsByTopic(r -> r.topicArn("arn:aws:sns:eu-west-1:"
                    + "000000000000:priming")).subscriptions()).isEmpty();
            AwsSecurityFinding stored = clients.securityHub(REGION).getFindings(r -> r.maxResults(100)).findings()
                    .get(0);
            assertThat(stored.resources().get(0).details().other()).containsEntry("kind", "priming");
            assertThat(clients.securityHub(REGION).batchImportFindings(r -> r.findings(stored)).failedCount())
                    .isNull();
        }
    }
}
