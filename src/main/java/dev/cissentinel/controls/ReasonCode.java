package dev.cissentinel.controls;

/**
 * Why a control got its verdict: the contract's stable codes ({@code docs/controls.md}, Verdicts), in chain order,
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
     * NOT_AVAILABLE: whether the alarm fires on one matching event cannot be decided exactly (a metric-math
     * function such as SEARCH or RATE, an anomaly band, a statistic whose value on a few datapoints is not
     * documented, a dimension value no filter pattern can express); the explanation says which.
     */
    ALARM_NOT_DECIDABLE(Stage.NONE),
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
    /**
     * The filter's metric has dimensions taken from the event, and the working alarms on its values together
     * miss events the reference catches (one is shown).
     */
    ALARMS_MISS_DIMENSION_VALUES(Stage.METRIC_FILTER),
    ALARM_ACTIONS_DISABLED(Stage.ALARM),
    ALARM_WITHOUT_SNS_ACTION(Stage.ALARM),
    /** The alarm's SNS topics are all in other regions; CloudWatch alarms notify topics of their own region. */
    ALARM_TOPIC_IN_OTHER_REGION(Stage.ALARM),
    /** The alarm reads a unit the filter does not publish (a filter without a unit publishes {@code None}). */
    ALARM_UNIT_MISMATCH(Stage.ALARM),
    ALARM_CANNOT_FIRE_ON_ONE_EVENT(Stage.ALARM),
    /**
     * Whether the alarm breaches on one matching event depends on how many other events arrive in the period
     * (through the filter's default value) or on how AWS emits that default value.
     */
    ALARM_DEPENDS_ON_OTHER_EVENTS(Stage.ALARM),
    /**
     * The alarm is, or stays, in ALARM without any matching event (a default value that breaches, missing data
     * treated as breaching or ignored), so a matching event changes no state and notifies nobody.
     */
    ALARM_STUCK_IN_ALARM(Stage.ALARM),
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
