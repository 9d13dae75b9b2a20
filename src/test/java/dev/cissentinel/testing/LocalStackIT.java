package dev.cissentinel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.regions.Region;

/**
 * The LocalStack backend works for the services its free edition has. Reported as skipped, not failed, where
 * no Docker engine is reachable (as on this project's CI machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackIT {

    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(LocalStackEmulator.IMAGE)
            .withServices("logs", "cloudwatch", "sns");

    @Test
    void seedsLogsAlarmsAndTopicsOnLocalStack() {
        try (AwsClients clients = EmulatorExtension.clientsFor(LOCALSTACK.getEndpoint())) {
            var logs = clients.logs(Region.US_EAST_1);
            logs.createLogGroup(r -> r.logGroupName("trail"));
            logs.putMetricFilter(r -> r.logGroupName("trail").filterName("root").filterPattern("{ $.a = 1 }")
                    .metricTransformations(t -> t.metricName("Root").metricNamespace("CISBenchmark")
                            .metricValue("1")));
            String topic = clients.sns(Region.US_EAST_1).createTopic(r -> r.name("alerts")).topicArn();
            clients.cloudWatch(Region.US_EAST_1).putMetricAlarm(r -> r.alarmName("root").metricName("Root")
                    .namespace("CISBenchmark").statistic("Sum").period(300).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator("GreaterThanOrEqualToThreshold").alarmActions(topic));

            assertThat(logs.describeMetricFilters(r -> r.logGroupName("trail")).metricFilters()).hasSize(1);
            assertThat(clients.cloudWatch(Region.US_EAST_1).describeAlarms().metricAlarms())
                    .singleElement().satisfies(a -> assertThat(a.alarmActions()).containsExactly(topic));
        }
    }
}
