package dev.cissentinel.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.AwsConfirmation;
import dev.cissentinel.controls.AwsConfirmation.Outcome;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.pattern.PatternMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS's answers merged into the verdicts they are about: agree, disagree, no answer. */
class ConfirmationMergeTest {

    private static final Scenarios PASSED = Scenarios.judge("passed-compliant-chain.json", PatternMode.SEMANTIC);
    private static final Scenarios MISSED = Scenarios.judge("failed-filter-misses-one-iam-event.json",
            PatternMode.SEMANTIC);

    @Test
    void merge_awsAlsoMatchesThePassingFiltersSample_passedAndConfirmed() {
        ControlResult merged = mergeWith(PASSED, new Answer.Matched(true));

        assertThat(merged.status()).isEqualTo(Status.PASSED);
        assertThat(merged.verdict()).isEqualTo(PASSED.result().verdict());
        assertThat(merged.confirmation()).get().satisfies(confirmation -> {
            assertThat(confirmation.outcome()).isEqualTo(Outcome.AGREES);
            assertThat(confirmation.cisSentinelAnswer()).isEqualTo("match");
            assertThat(confirmation.awsAnswer()).isEqualTo("match");
            assertThat(confirmation.describe()).isEqualTo("AWS's TestMetricFilter agrees: filter 'cis-filter' "
                    + "matches an event the reference matches.");
        });
    }

    @Test
    void merge_awsDoesNotMatchThePassingFiltersSample_notAvailableWithBothAnswers() {
        ControlResult merged = mergeWith(PASSED, new Answer.Matched(false));

        assertThat(merged.status()).isEqualTo(Status.NOT_AVAILABLE);
        assertThat(merged.verdict().reason()).isEqualTo(ReasonCode.AWS_EVALUATOR_DISAGREES);
        assertThat(merged.verdict().chain()).isEqualTo(PASSED.result().verdict().chain());
        assertThat(merged.verdict().explanation()).contains("metric filter 'cis-filter'")
                .contains("cis-sentinel says match, AWS's TestMetricFilter (us-east-1) says no match")
                .contains("cis-sentinel's verdict was PASSED (CHAIN_COMPLETE)");
        assertThat(merged.confirmation()).get().extracting(AwsConfirmation::outcome).isEqualTo(Outcome.DISAGREES);
    }

    @Test
    void merge_awsAlsoMissesTheCounterexample_failedAndConfirmed() {
        ControlResult merged = mergeWith(MISSED, new Answer.Matched(false));

        assertThat(merged.verdict()).isEqualTo(MISSED.result().verdict());
        assertThat(merged.confirmation()).get().satisfies(confirmation -> {
            assertThat(confirmation.outcome()).isEqualTo(Outcome.AGREES);
            assertThat(confirmation.awsAnswer()).isEqualTo("no match");
            assertThat(confirmation.describe()).contains("does not match the counterexample");
        });
    }

    @Test
    void merge_awsMatchesTheCounterexample_notAvailableWithBothAnswersAndTheEvent() {
        ControlResult merged = mergeWith(MISSED, new Answer.Matched(true));

        assertThat(merged.status()).isEqualTo(Status.NOT_AVAILABLE);
        assertThat(merged.verdict().reason()).isEqualTo(ReasonCode.AWS_EVALUATOR_DISAGREES);
        assertThat(merged.verdict().explanation()).contains("cis-sentinel says no match, AWS's TestMetricFilter "
                + "(us-east-1) says match").contains("DeletePolicyVersion")
                .contains("FAILED (NO_COVERING_METRIC_FILTER)");
        assertThat(merged.confirmation()).get().extracting(AwsConfirmation::event).asString()
                .contains("DeletePolicyVersion");
    }

    @Test
    void merge_noAnswer_verdictStandsMarkedUnconfirmed() {
        ControlResult merged = mergeWith(MISSED, new Answer.Unanswered("logs:TestMetricFilter in us-east-1 failed: "
                + "AccessDeniedException"));

        assertThat(merged.verdict()).isEqualTo(MISSED.result().verdict());
        assertThat(merged.confirmation()).get().satisfies(confirmation -> {
            assertThat(confirmation.outcome()).isEqualTo(Outcome.UNANSWERED);
            assertThat(confirmation.awsAnswer()).isEmpty();
            assertThat(confirmation.describe()).contains("Not confirmed").contains("AccessDeniedException");
        });
    }

    @Test
    void merge_resultWithoutQuestion_unchanged() {
        Scenarios noAlarm = Scenarios.judge("failed-no-alarm.json", PatternMode.SEMANTIC);

        List<ControlResult> merged = ConfirmationMerge.merge(noAlarm.results(), List.of(), Map.of());

        assertThat(merged).isEqualTo(noAlarm.results());
        assertThat(merged.get(0).confirmation()).isEmpty();
    }

    private static ControlResult mergeWith(Scenarios judged, Answer answer) {
        List<Question> questions = ConfirmationQuestions.of(judged.results(), judged.snapshot(),
                PatternMode.SEMANTIC);
        assertThat(questions).hasSize(1);
        List<ControlResult> merged = ConfirmationMerge.merge(judged.results(), questions, Map.of(questions.get(0),
                answer));
        assertThat(merged).hasSize(1);
        return merged.get(0);
    }
}
