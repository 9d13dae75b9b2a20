package dev.cissentinel.remediate;

import java.util.Objects;

/**
 * What the user asked remediation to do.
 *
 * @param alarmTopicArn an existing SNS topic the alarms notify; empty to create {@value Plan#TOPIC_NAME}
 * @param notificationEmail who to subscribe to the created topic; empty when a topic ARN is given
 * @param metricNamespace where created filters put their metrics ({@code CISBenchmark})
 */
public record RemediationOptions(RemediationMode mode, String alarmTopicArn, String notificationEmail,
        String metricNamespace) {

    public RemediationOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(alarmTopicArn, "alarmTopicArn");
        Objects.requireNonNull(notificationEmail, "notificationEmail");
        Objects.requireNonNull(metricNamespace, "metricNamespace");
    }

    public static RemediationOptions off() {
        return new RemediationOptions(RemediationMode.OFF, "", "", "CISBenchmark");
    }
}
