package dev.cissentinel.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.snapshot.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * {@link CloudWatchLogsTester} on recorded {@code TestMetricFilter} responses through the real SDK (moto has no
 * {@code TestMetricFilter}): what it sends, and how each answer and error reads.
 */
class CloudWatchLogsTesterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"DeletePolicyVersion\"}";
    private static final Question MISS = new Question("CloudWatch.4", "us-east-1", "cis-filter",
            "{ ($.eventName = DeletePolicy) }", EVENT, false, "");

    private CloudWatchLogsClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void ask_recordedMatch_answersMatchedAndSendsThePatternAndTheOneEvent() throws Exception {
        RecordedExchange exchange = RecordedExchange.of(200, "logs-test-metric-filter-match.json");

        Map<Question, Answer> answers = tester(exchange).ask(List.of(MISS), Deadline.none());

        assertThat(answers).containsExactly(Map.entry(MISS, new Answer.Matched(true)));
        assertThat(exchange.sent()).hasSize(1);
        JsonNode request = JSON.readTree(exchange.sent().get(0));
        assertThat(request.path("filterPattern").asText()).isEqualTo("{ ($.eventName = DeletePolicy) }");
        assertThat(request.path("logEventMessages")).hasSize(1);
        assertThat(request.path("logEventMessages").get(0).asText()).isEqualTo(EVENT);
    }

    @Test
    void ask_recordedEmptyMatches_answersNotMatched() {
        RecordedExchange exchange = RecordedExchange.of(200, "logs-test-metric-filter-no-match.json");

        assertThat(tester(exchange).ask(List.of(MISS), Deadline.none()))
                .containsExactly(Map.entry(MISS, new Answer.Matched(false)));
    }

    @Test
    void ask_recordedInvalidParameter_unansweredWithAwsErrorCode() {
        RecordedExchange exchange = RecordedExchange.of(400, "logs-test-metric-filter-invalid-parameter.json");

        Answer answer = tester(exchange).ask(List.of(MISS), Deadline.none()).get(MISS);

        assertThat(answer).isEqualTo(new Answer.Unanswered("logs:TestMetricFilter in us-east-1 failed: "
                + "InvalidParameterException (Invalid metric filter pattern)"));
    }

    @Test
    void ask_recordedAccessDenied_unansweredNamingThePermission() {
        RecordedExchange exchange = RecordedExchange.of(400, "logs-test-metric-filter-access-denied.json");

        Answer answer = tester(exchange).ask(List.of(MISS), Deadline.none()).get(MISS);

        assertThat(answer).isInstanceOf(Answer.Unanswered.class);
        assertThat(((Answer.Unanswered) answer).reason()).contains("AccessDeniedException")
                .contains("logs:TestMetricFilter");
    }

    @Test
    void ask_sameQuestionTwiceAndOneNotAskable_oneCall() {
        RecordedExchange exchange = RecordedExchange.of(200, "logs-test-metric-filter-no-match.json");
        Question again = new Question("CloudWatch.5", "us-east-1", "cis-filter", MISS.filterPattern(), EVENT, false,
                "");
        Question tooLarge = new Question("CloudWatch.6", "us-east-1", "other", "x", EVENT, false, "too large");

        Map<Question, Answer> answers = tester(exchange).ask(List.of(MISS, again, tooLarge), Deadline.none());

        assertThat(exchange.sent()).hasSize(1);
        assertThat(answers).containsExactly(Map.entry(MISS, new Answer.Matched(false)),
                Map.entry(again, new Answer.Matched(false)),
                Map.entry(tooLarge, new Answer.Unanswered("not asked: too large")));
    }

    @Test
    void ask_deadlinePassed_nothingSent() {
        RecordedExchange exchange = RecordedExchange.of(200, "logs-test-metric-filter-match.json");
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        Deadline passed = new Deadline(clock, clock.instant());

        Map<Question, Answer> answers = tester(exchange).ask(List.of(MISS), passed);

        assertThat(exchange.sent()).isEmpty();
        assertThat(answers.get(MISS)).isEqualTo(new Answer.Unanswered("not asked: the scan's deadline had passed"));
    }

    private CloudWatchLogsTester tester(RecordedExchange exchange) {
        client = CloudWatchLogsClient.builder().region(Region.US_EAST_1).httpClient(exchange)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .build())
                .build();
        return new CloudWatchLogsTester(region -> client);
    }
}
