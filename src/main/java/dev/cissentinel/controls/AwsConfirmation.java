package dev.cissentinel.controls;

import java.util.Objects;

/**
 * What CloudWatch Logs' own evaluator ({@code TestMetricFilter}) answered about the metric filter behind a verdict,
 * when a scan asks it ({@code scan --confirm-with-aws}): the filter, the one log event it was given, what
 * cis-sentinel says that filter does with the event, and what AWS said.
 *
 * <p>For a FAILED {@code NO_COVERING_METRIC_FILTER} verdict the event is its counterexample and cis-sentinel says
 * the filter does not match it; for a PASSED verdict the event is one the control's reference matches and
 * cis-sentinel says the passing filter matches it.
 *
 * @param region where AWS was asked (the log group's region)
 * @param event the log event's message, compact JSON as CloudTrail writes it to CloudWatch Logs
 * @param cisSentinelMatches cis-sentinel's answer: does the filter match the event
 * @param detail for {@link Outcome#UNANSWERED}, why there is no answer (the error, or why AWS was not asked)
 */
public record AwsConfirmation(Outcome outcome, String region, String filterName, String filterPattern, String event,
        boolean cisSentinelMatches, String detail) {

    /** The API that answers, as IAM names it. */
    public static final String API = "logs:TestMetricFilter";

    /** How AWS's answer compares with cis-sentinel's. */
    public enum Outcome {
        /** AWS gave the same answer. */
        AGREES,
        /** AWS gave the other answer: the verdict becomes NOT_AVAILABLE, {@link ReasonCode#AWS_EVALUATOR_DISAGREES}. */
        DISAGREES,
        /** AWS could not be asked or did not answer: the verdict stands, unconfirmed. */
        UNANSWERED
    }

    public AwsConfirmation {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(filterName, "filterName");
        Objects.requireNonNull(filterPattern, "filterPattern");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(detail, "detail");
    }

    /** AWS's answer, {@code match} or {@code no match}; empty when unanswered. */
    public String awsAnswer() {
        switch (outcome) {
            case AGREES:
                return answer(cisSentinelMatches);
            case DISAGREES:
                return answer(!cisSentinelMatches);
            default:
                return "";
        }
    }

    /** cis-sentinel's answer, {@code match} or {@code no match}. */
    public String cisSentinelAnswer() {
        return answer(cisSentinelMatches);
    }

    /** One sentence: what was asked and how the two answers compare. */
    public String describe() {
        String what = cisSentinelMatches ? "an event the reference matches" : "the counterexample";
        switch (outcome) {
            case AGREES:
                return "AWS's TestMetricFilter agrees: filter '" + filterName + "' " + (cisSentinelMatches ? "matches "
                        : "does not match ") + what + ".";
            case DISAGREES:
                return "AWS's TestMetricFilter disagrees: it says filter '" + filterName + "' " + (cisSentinelMatches
                        ? "does not match " : "matches ") + what + ", where cis-sentinel says it "
                        + (cisSentinelMatches ? "does" : "does not") + ".";
            default:
                return "Not confirmed by AWS's TestMetricFilter for filter '" + filterName + "': " + detail + ".";
        }
    }

    private static String answer(boolean matches) {
        return matches ? "match" : "no match";
    }
}
