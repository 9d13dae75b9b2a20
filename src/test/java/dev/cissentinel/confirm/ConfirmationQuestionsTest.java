package dev.cissentinel.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.PatternMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the confirmation step asks AWS about each verdict, on the evaluator's own scenarios. */
class ConfirmationQuestionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT_PATTERN = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT "
            + "EXISTS && $.eventType != \"AwsServiceEvent\" }";

    @Test
    void of_filterMissesAnEvent_asksThatFilterAboutTheCounterexampleExpectingNoMatch() throws Exception {
        Scenarios judged = Scenarios.judge("failed-filter-misses-one-iam-event.json", PatternMode.SEMANTIC);
        assertThat(judged.result().verdict().reason()).isEqualTo(ReasonCode.NO_COVERING_METRIC_FILTER);

        List<Question> questions = ConfirmationQuestions.of(judged.results(), judged.snapshot(), PatternMode.SEMANTIC);

        assertThat(questions).singleElement().satisfies(question -> {
            assertThat(question.controlId()).isEqualTo("CloudWatch.4");
            assertThat(question.region()).isEqualTo("us-east-1");
            assertThat(question.filterName()).isEqualTo("cis-filter");
            assertThat(question.filterPattern()).startsWith("{($.eventName=DeleteGroupPolicy)");
            assertThat(question.cisSentinelMatches()).isFalse();
            assertThat(question.askable()).isTrue();
            assertThat(JSON.readTree(question.event())).isEqualTo(judged.result().verdict().counterexample().get());
        });
    }

    @Test
    void of_counterexampleFromOneOfSeveralFilters_findsTheFilterThatGaveIt() {
        // Judged first by name, and missing other events of the reference: not the filter the verdict is about.
        Scenarios judged = Scenarios.judge("failed-filter-misses-one-iam-event.json", PatternMode.SEMANTIC,
                Scenarios.filter("a-root-filter", ROOT_PATTERN, "Root"),
                Scenarios.filter("b-iam-partial", "{ ($.eventName = PutUserPolicy) }", "IamPartial"));

        List<Question> questions = ConfirmationQuestions.of(judged.results(), judged.snapshot(), PatternMode.SEMANTIC);

        assertThat(questions).singleElement().extracting(Question::filterName).isEqualTo("cis-filter");
    }

    @Test
    void of_passedChain_asksThePassingFilterAboutAnEventTheReferenceMatches() throws Exception {
        Scenarios judged = Scenarios.judge("passed-compliant-chain.json", PatternMode.SEMANTIC);
        assertThat(judged.result().status()).isEqualTo(Status.PASSED);

        List<Question> questions = ConfirmationQuestions.of(judged.results(), judged.snapshot(), PatternMode.SEMANTIC);

        assertThat(questions).singleElement().satisfies(question -> {
            assertThat(question.filterName()).isEqualTo("cis-filter");
            assertThat(question.filterPattern()).isEqualTo(judged.control().cisPattern());
            assertThat(question.cisSentinelMatches()).isTrue();
            ObjectNode event = (ObjectNode) JSON.readTree(question.event());
            assertThat(judged.control().reference().matches(event)).isTrue();
            assertThat(FilterPattern.parse(question.filterPattern()).matches(event)).isTrue();
        });
    }

    @ParameterizedTest
    @MethodSource("dev.cissentinel.controls.ControlTable#all")
    void sample_everyControl_isAnEventItsReferenceMatchesAndTheProbeDoesNot(Control control) {
        ObjectNode sample = ConfirmationQuestions.sample(control).orElseThrow();

        assertThat(control.reference().matches(sample)).isTrue();
        assertThat(FilterPattern.parse(control.cisPattern()).matches(sample)).isTrue();
        assertThat(FilterPattern.parse(ConfirmationQuestions.PROBE).matches(sample)).isFalse();
    }

    @Test
    void of_failedForAnotherReason_noQuestion() {
        Scenarios noAlarm = Scenarios.judge("failed-no-alarm.json", PatternMode.SEMANTIC);
        Scenarios noFilters = Scenarios.judge("failed-log-group-without-filters.json", PatternMode.SEMANTIC);

        assertThat(noAlarm.result().verdict().reason()).isEqualTo(ReasonCode.NO_ALARM_ON_METRIC);
        assertThat(ConfirmationQuestions.of(noAlarm.results(), noAlarm.snapshot(), PatternMode.SEMANTIC)).isEmpty();
        assertThat(ConfirmationQuestions.of(noFilters.results(), noFilters.snapshot(), PatternMode.SEMANTIC))
                .isEmpty();
    }

    @Test
    void of_exactModeMiss_noCounterexampleNoQuestion() {
        Scenarios judged = Scenarios.judge("failed-filter-misses-one-iam-event.json", PatternMode.EXACT);

        assertThat(judged.result().verdict().counterexample()).isEmpty();
        assertThat(ConfirmationQuestions.of(judged.results(), judged.snapshot(), PatternMode.EXACT)).isEmpty();
    }

    @Test
    void of_notAvailable_noQuestion() {
        Scenarios judged = Scenarios.judge("not-available-filters-access-denied.json", PatternMode.SEMANTIC);

        assertThat(judged.result().status()).isEqualTo(Status.NOT_AVAILABLE);
        assertThat(ConfirmationQuestions.of(judged.results(), judged.snapshot(), PatternMode.SEMANTIC)).isEmpty();
    }

    @Test
    void probe_matchesNoEventAnyControlIsAbout() {
        for (Control control : ControlTable.all()) {
            assertThat(control.cisPattern()).doesNotContain("cis-sentinel-probe");
        }
    }
}
