package dev.cissentinel.confirm;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.controls.AwsConfirmation;
import dev.cissentinel.snapshot.Deadline;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.TestMetricFilterResponse;

/**
 * Asks CloudWatch Logs' {@code TestMetricFilter} the {@link ConfirmationQuestions}: one call per distinct question
 * (region, pattern, event), one message per call. Thin: every failure becomes an {@link Answer.Unanswered} with AWS's
 * error code, and nothing is decided here.
 */
public final class CloudWatchLogsTester {

    /** The actions this class calls, for the function's policy (template.yaml, condition ConfirmWithAwsOn). */
    public static final List<String> IAM_ACTIONS = List.of(AwsConfirmation.API);

    private final Function<Region, CloudWatchLogsClient> logs;

    /** @param logs the CloudWatch Logs client of a region */
    public CloudWatchLogsTester(Function<Region, CloudWatchLogsClient> logs) {
        this.logs = Objects.requireNonNull(logs, "logs");
    }

    /** Asks through the scan's clients (and so through its call counting). */
    public static CloudWatchLogsTester create(AwsClients clients) {
        return new CloudWatchLogsTester(clients::logs);
    }

    /** An answer for every question given, in their order; none is asked once the deadline has passed. */
    public Map<Question, Answer> ask(List<Question> questions, Deadline deadline) {
        Map<Question, Answer> answers = new LinkedHashMap<>();
        Map<Question.Key, Answer> asked = new HashMap<>();
        for (Question question : questions) {
            Answer answer;
            if (!question.askable()) {
                answer = new Answer.Unanswered("not asked: " + question.notAskedBecause());
            } else if (asked.containsKey(question.key())) {
                answer = asked.get(question.key());
            } else if (deadline.passed()) {
                answer = new Answer.Unanswered("not asked: the scan's deadline had passed");
            } else {
                answer = call(question);
                asked.put(question.key(), answer);
            }
            answers.put(question, answer);
        }
        return answers;
    }

    private Answer call(Question question) {
        try {
            TestMetricFilterResponse response = logs.apply(Region.of(question.region())).testMetricFilter(
                    request -> request.filterPattern(question.filterPattern()).logEventMessages(question.event()));
            return new Answer.Matched(response.hasMatches() && !response.matches().isEmpty());
        } catch (AwsServiceException e) {
            AwsErrorDetails details = e.awsErrorDetails();
            String code = details != null && details.errorCode() != null ? details.errorCode()
                    : e.getClass().getSimpleName();
            String message = details != null && details.errorMessage() != null ? details.errorMessage() : "";
            return new Answer.Unanswered(AwsConfirmation.API + " in " + question.region() + " failed: " + code
                    + (message.isEmpty() ? "" : " (" + message + ")"));
        } catch (SdkException e) {
            return new Answer.Unanswered(AwsConfirmation.API + " in " + question.region() + " failed: "
                    + e.getClass().getSimpleName() + " (" + e.getMessage() + ")");
        }
    }
}
