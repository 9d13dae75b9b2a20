package dev.cissentinel.lambda;

import dev.cissentinel.controls.Control;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.ScanSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The function's configuration, read once from the environment the template sets
 * (README, section Lambda) and validated at start, before any AWS call: a bad value is a
 * {@link ConfigurationException} naming the variable and what it may be.
 *
 * @param confirmWithAws {@code CONFIRM_WITH_AWS}: ask CloudWatch Logs' {@code TestMetricFilter} about each verdict's
 *     filter (the template grants {@code logs:TestMetricFilter} only when its parameter ConfirmWithAws is true)
 */
record HandlerConfig(String region, List<Control> controls, PatternMode patternMode,
        RemediationOptions remediation, boolean confirmWithAws) {

    HandlerConfig {
        Objects.requireNonNull(region, "region");
        controls = List.copyOf(controls);
        Objects.requireNonNull(patternMode, "patternMode");
        Objects.requireNonNull(remediation, "remediation");
    }

    static HandlerConfig from(Map<String, String> env) {
        String region = variable("AWS_REGION", () -> ScanSettings.region(env.get("AWS_REGION")).id());
        List<Control> controls = variable("CONTROLS", () -> ScanSettings.controls(env.get("CONTROLS")));
        PatternMode mode = variable("PATTERN_MODE", () -> ScanSettings.patternMode(env.get("PATTERN_MODE")));
        // Each variable on its own first, so the message names the one that is wrong; then the rules between them.
        variable("REMEDIATION_MODE", () -> ScanSettings.remediationMode(env.get("REMEDIATION_MODE")));
        variable("ALARM_TOPIC_ARN", () -> ScanSettings.alarmTopic(env.get("ALARM_TOPIC_ARN")));
        variable("NOTIFICATION_EMAIL", () -> ScanSettings.email(env.get("NOTIFICATION_EMAIL")));
        variable("METRIC_NAMESPACE", () -> ScanSettings.namespace(env.get("METRIC_NAMESPACE")));
        RemediationOptions remediation = variable("REMEDIATION_MODE", () -> ScanSettings.remediation(
                env.get("REMEDIATION_MODE"), env.get("ALARM_TOPIC_ARN"), env.get("NOTIFICATION_EMAIL"),
                env.get("METRIC_NAMESPACE")));
        boolean confirm = variable("CONFIRM_WITH_AWS", () -> ScanSettings.flag(env.get("CONFIRM_WITH_AWS")));
        return new HandlerConfig(region, controls, mode, remediation, confirm);
    }

    /** This configuration with an event's remediation mode, validated the same way. */
    RemediationOptions remediation(String mode) {
        return ScanSettings.remediation(mode, remediation.alarmTopicArn(), remediation.notificationEmail(),
                remediation.metricNamespace());
    }

    private static <T> T variable(String names, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigurationException e) {
            throw new ConfigurationException("environment variable " + names + ": " + e.getMessage());
        }
    }
}
