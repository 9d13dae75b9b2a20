package dev.cissentinel.scan;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.aws.Arn;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.remediate.RemediationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * What one scan does, validated before any AWS call: the CLI and the Lambda handler both build it with
 * {@link #parse}, so a bad value is a {@link ConfigurationException} with the same message everywhere.
 */
public record ScanSettings(Region region, List<Control> controls, PatternMode patternMode, boolean publish,
        RemediationOptions remediation, Duration timeout) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._/#:\\- ]{1,255}");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,5})\\s*([sm]?)");

    public ScanSettings {
        Objects.requireNonNull(region, "region");
        controls = List.copyOf(controls);
        Objects.requireNonNull(patternMode, "patternMode");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A read-only scan (remediation off), no time limit. */
    public ScanSettings(Region region, List<Control> controls, PatternMode patternMode, boolean publish) {
        this(region, controls, patternMode, publish, RemediationOptions.off(), NO_TIMEOUT);
    }

    /** A read-only scan with remediation options, no time limit. */
    public ScanSettings(Region region, List<Control> controls, PatternMode patternMode, boolean publish,
            RemediationOptions remediation) {
        this(region, controls, patternMode, publish, remediation, NO_TIMEOUT);
    }

    /** No limit on how long reading may take. */
    public static final Duration NO_TIMEOUT = Duration.ofDays(365);

    /**
     * Parses raw values (flags or environment); null means the default.
     *
     * @param region e.g. {@code eu-west-1}
     * @param controls comma-separated control ids; blank for all
     * @param patternMode {@code semantic} or {@code exact}
     */
    public static ScanSettings parse(String region, String controls, String patternMode, boolean publish) {
        return new ScanSettings(region(region), controls(controls), patternMode(patternMode), publish);
    }

    /** This scan with remediation options. */
    public ScanSettings withRemediation(RemediationOptions options) {
        return new ScanSettings(region, controls, patternMode, publish, options, timeout);
    }

    /** This scan, reading for at most {@code limit}; then judging what is known. */
    public ScanSettings withTimeout(Duration limit) {
        return new ScanSettings(region, controls, patternMode, publish, remediation, limit);
    }

    /**
     * A time limit: seconds ({@code 90}) or with a unit ({@code 90s}, {@code 5m}); between 5 s and 15 min, the
     * Lambda maximum.
     */
    public static Duration timeout(String value) {
        if (value == null || value.isBlank()) {
            return NO_TIMEOUT;
        }
        Matcher m = TIMEOUT.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigurationException("timeout must be seconds (90) or 90s / 5m, not '" + value + "'");
        }
        Duration limit = m.group(2).equals("m") ? Duration.ofMinutes(Long.parseLong(m.group(1)))
                : Duration.ofSeconds(Long.parseLong(m.group(1)));
        if (limit.compareTo(Duration.ofSeconds(5)) < 0 || limit.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new ConfigurationException("timeout must be between 5s and 15m, not '" + value + "'");
        }
        return limit;
    }

    /**
     * Validates remediation input: the mode, and for dry-run/apply exactly one destination, a topic ARN or an
     * email address; a namespace CloudWatch accepts.
     */
    public static RemediationOptions remediation(String mode, String alarmTopicArn, String email,
            String namespace) {
        RemediationMode parsed = remediationMode(mode);
        String topic = alarmTopic(alarmTopicArn);
        String address = email(email);
        String space = namespace(namespace);
        if (!topic.isEmpty() && !address.isEmpty()) {
            throw new ConfigurationException("give an alarm topic ARN or a notification email, not both: with a "
                    + "topic, subscribe people to it yourself");
        }
        if (parsed != RemediationMode.OFF && topic.isEmpty() && address.isEmpty()) {
            throw new ConfigurationException("remediation " + parsed.text() + " needs somewhere to send alarms: "
                    + "--alarm-topic-arn (ALARM_TOPIC_ARN) or --notification-email (NOTIFICATION_EMAIL)");
        }
        return new RemediationOptions(parsed, topic, address, space);
    }

    public static RemediationMode remediationMode(String value) {
        try {
            return RemediationMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** An SNS topic ARN with a region and a 12-digit account, or empty. */
    public static String alarmTopic(String value) {
        String topic = value == null ? "" : value.trim();
        if (!topic.isEmpty() && Arn.parse(topic).filter(arn -> arn.service().equals("sns")
                && !arn.region().isEmpty() && arn.accountId().matches("\\d{12}")).isEmpty()) {
            throw new ConfigurationException("alarm topic must be an SNS topic ARN "
                    + "(arn:aws:sns:<region>:<12-digit account>:<name>), not '" + topic + "'");
        }
        return topic;
    }

    /** One email address, or empty. */
    public static String email(String value) {
        String address = value == null ? "" : value.trim();
        if (!address.isEmpty() && !EMAIL.matcher(address).matches()) {
            throw new ConfigurationException("notification email must be one email address, not '" + address + "'");
        }
        return address;
    }

    /** A CloudWatch namespace; blank means {@code CISBenchmark}. */
    public static String namespace(String value) {
        String space = value == null || value.isBlank() ? "CISBenchmark" : value.trim();
        if (!NAMESPACE.matcher(space).matches() || space.startsWith("AWS/")) {
            throw new ConfigurationException("metric namespace must be a CloudWatch namespace (letters, digits, "
                    + ". _ - / # :, at most 255, not starting with AWS/), not '" + space + "'");
        }
        return space;
    }

    public static Region region(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("no AWS region: pass --region or set AWS_REGION");
        }
        String trimmed = value.trim();
        if (!REGION.matcher(trimmed).matches()) {
            throw new ConfigurationException("'" + value + "' is not an AWS region name (like us-east-1)");
        }
        return Region.of(trimmed);
    }

    public static List<Control> controls(String value) {
        try {
            return ControlTable.select(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    public static PatternMode patternMode(String value) {
        if (value == null || value.isBlank()) {
            return PatternMode.SEMANTIC;
        }
        try {
            return PatternMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("pattern mode must be semantic or exact, not '" + value + "'");
        }
    }
}
