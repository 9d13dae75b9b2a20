package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.pattern.PatternMode;
import org.junit.jupiter.api.Test;

class ScanSettingsTest {

    @Test
    void parse_defaults_allControlsSemantic() {
        ScanSettings settings = ScanSettings.parse("eu-west-1", null, null, true);
        assertThat(settings.region().id()).isEqualTo("eu-west-1");
        assertThat(settings.controls()).hasSize(5);
        assertThat(settings.patternMode()).isEqualTo(PatternMode.SEMANTIC);
    }

    @Test
    void parse_badValues_configurationErrorsThatSayWhat() {
        assertThatThrownBy(() -> ScanSettings.parse(null, null, null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--region");
        assertThatThrownBy(() -> ScanSettings.parse("mars-1", null, null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'mars-1'");
        assertThatThrownBy(() -> ScanSettings.parse("us-east-1", "CloudWatch.9", null, true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CloudWatch.9");
        assertThatThrownBy(() -> ScanSettings.parse("us-east-1", null, "fuzzy", true))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("semantic or exact");
    }

    @Test
    void remediation_badInput_rejectedBeforeAnyCallNamingTheValue() {
        assertThatThrownBy(() -> ScanSettings.remediation("sometimes", null, null, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("off, dry-run or apply");
        assertThatThrownBy(() -> ScanSettings.remediation("apply", null, null, null))
                .hasMessageContaining("--notification-email");
        assertThatThrownBy(() -> ScanSettings.remediation("apply", null, "not-an-address", null))
                .hasMessageContaining("'not-an-address'");
        assertThatThrownBy(() -> ScanSettings.remediation("apply", "arn:aws:sqs:us-east-1:123456789012:q", null,
                null)).hasMessageContaining("SNS topic ARN");
        assertThatThrownBy(() -> ScanSettings.remediation("apply", "arn:aws:sns:us-east-1:123456789012:t",
                "a@example.com", null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> ScanSettings.remediation("off", null, null, "AWS/Logs"))
                .hasMessageContaining("namespace");
    }

    @Test
    void remediation_goodInput_parsed() {
        var options = ScanSettings.remediation("Dry-Run", null, " secops@example.com ", null);
        assertThat(options.mode()).isEqualTo(dev.cissentinel.remediate.RemediationMode.DRY_RUN);
        assertThat(options.notificationEmail()).isEqualTo("secops@example.com");
        assertThat(options.metricNamespace()).isEqualTo("CISBenchmark");
    }

    @Test
    void timeout_secondsOrMinutesWithinLambdaLimits() {
        assertThat(ScanSettings.timeout("90")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(ScanSettings.timeout("5m")).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(ScanSettings.timeout(null)).isEqualTo(ScanSettings.NO_TIMEOUT);
        assertThatThrownBy(() -> ScanSettings.timeout("2s")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("between 5s and 15m");
        assertThatThrownBy(() -> ScanSettings.timeout("soon")).hasMessageContaining("'soon'");
    }
}
