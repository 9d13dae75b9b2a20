package dev.cissentinel.lambda;

import dev.cissentinel.controls.Control;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.ScanInput;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * The function's configuration, read once from the environment the template sets (README, section Lambda) and
 * validated at start, before any AWS call: a bad value is a {@link ConfigurationException} naming the variable and
 * what it may be. The result is the {@link ScanRequest} a scheduled event runs; an event may override parts of it
 * ({@link Invocation}).
 *
 * <p>{@code CONFIRM_WITH_AWS} asks CloudWatch Logs' {@code TestMetricFilter} about each verdict's filter (the
 * template grants {@code logs:TestMetricFilter} only when its parameter ConfirmWithAws is true).
 *
 * @param configured what a scheduled event or {@code {}} runs: the configured controls, so it owns all of this
 *     tool's findings in the account and region ({@link FindingScope#ALL})
 */
record HandlerConfig(ScanRequest configured) {

    HandlerConfig {
        Objects.requireNonNull(configured, "configured");
    }

    static HandlerConfig from(Map<String, String> env) {
        Region region = variable("AWS_REGION", () -> ScanInput.region(env.get("AWS_REGION")));
        List<Control> controls = variable("CONTROLS", () -> ScanInput.controls(env.get("CONTROLS")));
        PatternMode mode = variable("PATTERN_MODE", () -> ScanInput.patternMode(env.get("PATTERN_MODE")));
        // Each variable on its own first, so the message names the one that is wrong; then the rules between them.
        variable("REMEDIATION_MODE", () -> ScanInput.remediationMode(env.get("REMEDIATION_MODE")));
        variable("ALARM_TOPIC_ARN", () -> ScanInput.alarmTopic(env.get("ALARM_TOPIC_ARN")));
        variable("NOTIFICATION_EMAIL", () -> ScanInput.email(env.get("NOTIFICATION_EMAIL")));
        variable("METRIC_NAMESPACE", () -> ScanInput.namespace(env.get("METRIC_NAMESPACE")));
        RemediationOptions remediation = variable("REMEDIATION_MODE", () -> ScanInput.remediation(
                env.get("REMEDIATION_MODE"), env.get("ALARM_TOPIC_ARN"), env.get("NOTIFICATION_EMAIL"),
                env.get("METRIC_NAMESPACE")));
        boolean confirm = variable("CONFIRM_WITH_AWS", () -> ScanInput.flag(env.get("CONFIRM_WITH_AWS")));
        return new HandlerConfig(ScanRequest.of(region).withControls(controls, FindingScope.ALL).withPatternMode(mode)
                .withRemediation(remediation).withConfirmWithAws(confirm).withTrigger(new Trigger.Invoke()));
    }

    /** The region the function scans ({@code AWS_REGION}: its own). */
    Region region() {
        return configured.target().region();
    }

    /** The configured remediation with an event's mode, validated the same way. */
    RemediationOptions remediation(String mode) {
        RemediationOptions options = configured.remediation();
        return ScanInput.remediation(mode, options.alarmTopicArn(), options.notificationEmail(),
                options.metricNamespace());
    }

    private static <T> T variable(String names, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigurationException e) {
            throw new ConfigurationException("environment variable " + names + ": " + e.getMessage());
        }
    }
}
