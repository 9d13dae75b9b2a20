package dev.cissentinel.controls;

/**
 * Why a control got its verdict: the contract's stable codes ({@code controls.md}, Verdicts), in chain order,
 * so a later link means a chain that got further.
 */
public enum ReasonCode {
    /** NOT_AVAILABLE: a link that decides could not be read (the failure names the call). */
    READ_FAILED(Stage.NONE),
    /** NOT_AVAILABLE: the log group or topic belongs to another account, which this scan cannot read. */
    CROSS_ACCOUNT_RESOURCE(Stage.NONE),
    /** NOT_AVAILABLE: the scan's deadline came before this control could be judged. */
    DEADLINE(Stage.NONE),
    /** NOT_AVAILABLE: judging this control hit a bug; the other controls are unaffected. */
    EVALUATION_ERROR(Stage.NONE),
    /**
     * NOT_AVAILABLE: asked with {@code --confirm-with-aws}, CloudWatch Logs' own evaluator ({@code TestMetricFilter})
     * answered otherwise than cis-sentinel about the filter behind the verdict; the explanation shows both answers.
     */
    AWS_EVALUATOR_DISAGREES(Stage.NONE),
    NO_MULTI_REGION_TRAIL(Stage.TRAIL),
    TRAIL_NOT_LOGGING(Stage.TRAIL),
    TRAIL_MANAGEMENT_EVENTS_INCOMPLETE(Stage.TRAIL),
    TRAIL_WITHOUT_LOG_GROUP(Stage.TRAIL),
    NO_COVERING_METRIC_FILTER(Stage.LOG_GROUP),
    NO_ALARM_ON_METRIC(Stage.METRIC_FILTER),
    ALARM_ACTIONS_DISABLED(Stage.ALARM),
    ALARM_WITHOUT_SNS_ACTION(Stage.ALARM),
    ALARM_CANNOT_FIRE_ON_ONE_EVENT(Stage.ALARM),
    TOPIC_NOT_FOUND(Stage.TOPIC),
    NO_CONFIRMED_SUBSCRIPTION(Stage.TOPIC),
    /** PASSED: the whole chain exists. */
    CHAIN_COMPLETE(Stage.COMPLETE);

    private final Stage stage;

    ReasonCode(Stage stage) {
        this.stage = stage;
    }

    /** The link of the chain this reason is about. */
    public Stage stage() {
        return stage;
    }

    /** Links of the chain, in order. */
    public enum Stage { NONE, TRAIL, LOG_GROUP, METRIC_FILTER, ALARM, TOPIC, COMPLETE }
}
