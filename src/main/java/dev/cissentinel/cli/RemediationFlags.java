package dev.cissentinel.cli;

import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.scan.ScanInput;
import picocli.CommandLine.Option;

/** The remediation flags {@code scan} and {@code demo} share. */
final class RemediationFlags {

    @Option(names = "--remediate", defaultValue = "off", description = "off (default), dry-run (print the plan, "
            + "change nothing) or apply (create the missing filters, alarms and topic, then scan again).")
    private String remediate;

    @Option(names = "--alarm-topic-arn", description = "Existing SNS topic the created alarms notify.")
    private String alarmTopicArn;

    @Option(names = "--notification-email", description = "Create the topic cis-sentinel-alerts and subscribe "
            + "this address to it.")
    private String notificationEmail;

    /** Validated options; a {@code ConfigurationException} names the bad flag value. */
    RemediationOptions options() {
        return ScanInput.remediation(remediate, alarmTopicArn, notificationEmail, null);
    }
}
