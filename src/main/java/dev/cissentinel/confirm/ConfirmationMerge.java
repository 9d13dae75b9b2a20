package dev.cissentinel.confirm;

import dev.cissentinel.controls.AwsConfirmation;
import dev.cissentinel.controls.AwsConfirmation.Outcome;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records AWS's answers on the results they are about (package documentation). Pure: where AWS and cis-sentinel
 * disagree, the verdict becomes NOT_AVAILABLE {@link ReasonCode#AWS_EVALUATOR_DISAGREES}, since one of the two
 * evaluators is wrong about this filter and the scan cannot tell which; everything else keeps its verdict.
 */
public final class ConfirmationMerge {

    /** Characters of the event an explanation quotes; the whole event is in the confirmation. */
    private static final int EVENT_SHOWN = 300;

    private ConfirmationMerge() {
    }

    /** The results, in their order, each with the confirmation of its question if it had one. */
    public static List<ControlResult> merge(List<ControlResult> results, List<Question> questions,
            Map<Question, Answer> answers) {
        Map<String, Question> byControl = new HashMap<>();
        questions.forEach(question -> byControl.put(question.controlId(), question));
        List<ControlResult> merged = new ArrayList<>();
        for (ControlResult result : results) {
            Question question = byControl.get(result.control().id());
            if (question == null) {
                merged.add(result);
                continue;
            }
            Answer answer = answers.getOrDefault(question, new Answer.Unanswered("not asked"));
            AwsConfirmation confirmation = confirmation(question, answer);
            Verdict verdict = confirmation.outcome() == Outcome.DISAGREES ? disagreement(result.verdict(),
                    confirmation) : result.verdict();
            merged.add(new ControlResult(result.control(), verdict, confirmation));
        }
        return List.copyOf(merged);
    }

    static AwsConfirmation confirmation(Question question, Answer answer) {
        Outcome outcome;
        String detail = "";
        if (answer instanceof Answer.Matched) {
            outcome = ((Answer.Matched) answer).matches() == question.cisSentinelMatches() ? Outcome.AGREES
                    : Outcome.DISAGREES;
        } else {
            outcome = Outcome.UNANSWERED;
            detail = ((Answer.Unanswered) answer).reason();
        }
        return new AwsConfirmation(outcome, question.region(), question.filterName(), question.filterPattern(),
                question.event(), question.cisSentinelMatches(), detail);
    }

    /** The verdict once AWS disagreed: both answers, then what cis-sentinel had concluded. */
    private static Verdict disagreement(Verdict judged, AwsConfirmation confirmation) {
        String event = confirmation.event().length() <= EVENT_SHOWN ? confirmation.event()
                : confirmation.event().substring(0, EVENT_SHOWN) + "…";
        String explanation = "cis-sentinel and AWS disagree about metric filter '" + confirmation.filterName()
                + "' on the event " + event + ": cis-sentinel says " + confirmation.cisSentinelAnswer() + ", AWS's "
                + "TestMetricFilter (" + confirmation.region() + ") says " + confirmation.awsAnswer() + ". Until they "
                + "agree this control is not judged; please report it. cis-sentinel's verdict was " + judged.status()
                + " (" + judged.reason() + "): " + judged.explanation();
        return new Verdict.NotAvailable(ReasonCode.AWS_EVALUATOR_DISAGREES, judged.chain(), explanation, null);
    }
}
