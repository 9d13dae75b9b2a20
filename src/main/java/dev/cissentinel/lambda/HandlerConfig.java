package dev.cissentinel.lambda;

import dev.cissentinel.aws.Arn;
import dev.cissentinel.controls.Control;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.ScanSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The function's configuration, read once from the environment the template sets
 * ({@code ../shared/docs/interfaces.md}, Lambda) and validated at start, before any AWS call: a bad value is a
 * {@link ConfigurationException} naming the variable and what it may be.
 */
record HandlerConfig(String region, List<Control> controls, PatternMode patternMode, String remediation,
        String alarmTopicArn, String notificationEmail, String metricNamespace) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._/#:\\- ]{1,255}");

    HandlerConfig {
        Objects.requireNonNull(region, "region");
        controls = List.copyOf(controls);
        Objects.requireNonNull(patternMode, "patternMode");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(alarmTopicArn, "alarmTopicArn");
        Objects.requireNonNull(notificationEmail, "notificationEmail");
        Objects.requireNonNull(metricNamespace, "metricNamespace");
    }

    static HandlerConfig from(Map<String, String> env) {
        String region = variable(env, "AWS_REGION", value -> ScanSettings.region(value).id());
        List<Control> controls = variable(env, "CONTROLS", ScanSettings::controls);
        PatternMode mode = variable(env, "PATTERN_MODE", ScanSettings::patternMode);
        String remediation = variable(env, "REMEDIATION_MODE", HandlerConfig::remediation);
        String topic = blankToEmpty(env.get("ALARM_TOPIC_ARN"));
        if (!topic.isEmpty() && Arn.parse(topic).filter(arn -> arn.service().equals("sns")).isEmpty()) {
            throw new ConfigurationException("ALARM_TOPIC_ARN must be an SNS topic ARN "
                    + "(arn:aws:sns:<region>:<account>:<name>), not '" + topic + "'");
        }
        String email = blankToEmpty(env.get("NOTIFICATION_EMAIL"));
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw new ConfigurationException("NOTIFICATION_EMAIL must be an email address, not '" + email + "'");
        }
        String namespace = blankToEmpty(env.get("METRIC_NAMESPACE"));
        if (namespace.isEmpty()) {
            namespace = "CISBenchmark";
        } else if (!NAMESPACE.matcher(namespace).matches() || namespace.startsWith("AWS/")) {
            throw new ConfigurationException("METRIC_NAMESPACE must be a CloudWatch namespace (letters, digits, "
                    + ". _ - / # :, at most 255, not starting with AWS/), not '" + namespace + "'");
        }
        return new HandlerConfig(region, controls, mode, remediation, topic, email, namespace);
    }

    /** off, dry-run or apply; only off exists in this version. */
    static String remediation(String value) {
        String mode = value == null || value.isBlank() ? "off" : value.trim().toLowerCase(Locale.ROOT);
        if (!List.of("off", "dry-run", "apply").contains(mode)) {
            throw new ConfigurationException("remediation mode must be off, dry-run or apply, not '" + value + "'");
        }
        if (!mode.equals("off")) {
            throw new ConfigurationException("remediation mode '" + mode + "' is not available in this version; "
                    + "use off");
        }
        return mode;
    }

    private static <T> T variable(Map<String, String> env, String name, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(env.get(name));
        } catch (ConfigurationException e) {
            throw new ConfigurationException("environment variable " + name + ": " + e.getMessage());
        }
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
