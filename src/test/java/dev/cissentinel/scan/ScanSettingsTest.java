package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.pattern.PatternMode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:";
    /** What a hostile or careless user may paste: far longer than any real value. */
    private static final String HUGE = "x".repeat(130_000);

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-2", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1",
            "eusc-de-east-1", "ap-southeast-7", "xx-future-1", "us-east-100"})
    void region_knownToTheSdkOrShapedLikeOne_accepted(String region) {
        assertThat(ScanSettings.region(region).id()).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mars", "us-east", "US-EAST-1", "us_east_1", "aws-global", "us-east-1 x", "-east-1",
            "u-east-1", "us--east-1", "us-east-1a", "us-east-1/../x", "us-east-\u0661"})
    void region_notARegion_refused(String region) {
        assertThatThrownBy(() -> ScanSettings.region(region)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not an AWS region name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:sns:us-east-1:123456789012:soc-alerts", "arn:aws:sns:eu-west-1:111122223333:a",
            "arn:aws-us-gov:sns:us-gov-west-1:111122223333:soc_alerts-1", "arn:aws-cn:sns:cn-north-1:111122223333:soc",
            "arn:aws-iso-b:sns:us-isob-east-1:111122223333:soc", "arn:aws-eusc:sns:eusc-de-east-1:111122223333:soc"})
    void alarmTopic_standardTopicInItsPartition_accepted(String arn) {
        assertThat(ScanSettings.alarmTopic(" " + arn + " ")).isEqualTo(arn);
    }

    @Test
    void alarmTopic_longestNameAccepted_oneLongerRefused() {
        assertThatCode(() -> ScanSettings.alarmTopic(TOPIC + "n".repeat(256))).doesNotThrowAnyException();

        assertThatThrownBy(() -> ScanSettings.alarmTopic(TOPIC + "n".repeat(257)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("1 to 256 characters");
    }

    @Test
    void alarmTopic_notATopicAnAlarmCanNotify_refusedSayingWhy() {
        assertThatThrownBy(() -> ScanSettings.alarmTopic(TOPIC + "alerts.fifo")).hasMessageContaining("FIFO");
        assertThatThrownBy(() -> ScanSettings.alarmTopic("arn:aws-mars:sns:us-east-1:123456789012:soc"))
                .hasMessageContaining("partition 'aws-mars' is not one the AWS SDK knows");
        assertThatThrownBy(() -> ScanSettings.alarmTopic("arn:aws-cn:sns:us-east-1:123456789012:soc"))
                .hasMessageContaining("region us-east-1 belongs to partition aws, not aws-cn");
        assertThatThrownBy(() -> ScanSettings.alarmTopic("arn:aws:sqs:us-east-1:123456789012:soc"))
                .hasMessageContaining("not sns");
        assertThatThrownBy(() -> ScanSettings.alarmTopic("arn:aws:sns:mars:123456789012:soc"))
                .hasMessageContaining("is not an AWS region name");
        assertThatThrownBy(() -> ScanSettings.alarmTopic("arn:aws:sns:us-east-1:12345678901a:soc"))
                .hasMessageContaining("not 12 digits");
        assertThatThrownBy(() -> ScanSettings.alarmTopic(TOPIC + "soc:extra")).hasMessageContaining("7 colon");
        assertThatThrownBy(() -> ScanSettings.alarmTopic(TOPIC + "soc.alerts")).hasMessageContaining("character 4");
        assertThatThrownBy(() -> ScanSettings.alarmTopic(TOPIC)).hasMessageContaining("1 to 256 characters");
        assertThatThrownBy(() -> ScanSettings.alarmTopic("soc-alerts")).hasMessageContaining("arn:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secops@example.com", "a.b+c@mail.example.org", "o'brien@example.ie",
            "x@sub-domain.example.co.uk", "jos\u00e9@example.com"})
    void email_onePlausibleAddress_accepted(String address) {
        assertThat(ScanSettings.email(address)).isEqualTo(address);
    }

    @Test
    void email_implausible_refusedSayingWhy() {
        assertThatThrownBy(() -> ScanSettings.email("jane..doe@example.com")).hasMessageContaining("contains ..");
        assertThatThrownBy(() -> ScanSettings.email("jane@example..com")).hasMessageContaining("contains ..");
        assertThatThrownBy(() -> ScanSettings.email("jane\u0000@example.com")).hasMessageContaining("control");
        assertThatThrownBy(() -> ScanSettings.email("jane\u202e@example.com")).hasMessageContaining("control");
        assertThatThrownBy(() -> ScanSettings.email("jane\n@example.com")).hasMessageContaining("control");
        assertThatThrownBy(() -> ScanSettings.email("a@b.com,c@d.com")).hasMessageContaining("one address");
        assertThatThrownBy(() -> ScanSettings.email("a@b@c.com")).hasMessageContaining("more than one @");
        assertThatThrownBy(() -> ScanSettings.email("jane.example.com")).hasMessageContaining("no @");
        assertThatThrownBy(() -> ScanSettings.email(".jane@example.com")).hasMessageContaining("dot");
        assertThatThrownBy(() -> ScanSettings.email("jane@localhost")).hasMessageContaining("two labels");
        assertThatThrownBy(() -> ScanSettings.email("jane@exa_mple.com")).hasMessageContaining("domain");
    }

    @Test
    void email_longestAddressAccepted_oneLongerRefusedByLength() {
        String domain = "@example.com";
        String longest = "a".repeat(ScanSettings.MAX_EMAIL - domain.length()) + domain;

        assertThat(ScanSettings.email(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> ScanSettings.email("a" + longest)).hasMessageContaining("at most 254");
    }

    @Test
    void email_hugeAdversarialArgument_refusedByItsLengthInOneLineMessage() {
        // The former pattern backtracked quadratically over the dots: 45 s on this input.
        String hostile = "a@" + ".".repeat(130_000) + "@";

        assertThatThrownBy(() -> ScanSettings.email(hostile)).satisfies(briefMessage(130_003))
                .hasMessageContaining("at most 254");
    }

    @Test
    void everyValidator_hugeValue_quotesAtMostAHundredCharacters() {
        assertThatThrownBy(() -> ScanSettings.region(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanSettings.alarmTopic(TOPIC + HUGE)).satisfies(briefMessage(130_035));
        assertThatThrownBy(() -> ScanSettings.alarmTopic(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanSettings.email(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanSettings.controls(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanSettings.controls("CloudWatch.1," + HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanSettings.patternMode(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanSettings.remediationMode(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanSettings.namespace(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanSettings.timeout(HUGE)).satisfies(briefMessage(130_000));
    }

    @Test
    void messages_valueWithNewline_stayOnOneLine() {
        assertThatThrownBy(() -> ScanSettings.region("us-east-1\nINFO all controls PASSED"))
                .hasMessageNotContaining("\n").hasMessageContaining("us-east-1\\nINFO");
        assertThatThrownBy(() -> ScanSettings.controls("CloudWatch.1\r\nCloudWatch.9"))
                .hasMessageNotContaining("\n").hasMessageNotContaining("\r");
    }

    @Test
    void flag_trueFalseOrBlank_anythingElseRefused() {
        assertThat(ScanSettings.flag("true")).isTrue();
        assertThat(ScanSettings.flag(" FALSE ")).isFalse();
        assertThat(ScanSettings.flag(null)).isFalse();
        assertThat(ScanSettings.flag("")).isFalse();
        assertThatThrownBy(() -> ScanSettings.flag("yes")).hasMessageContaining("true or false, not 'yes'");
    }

    @Test
    void withConfirmWithAws_keptByTheOtherWithers() {
        ScanSettings settings = ScanSettings.parse("us-east-1", null, null, false).withConfirmWithAws(true)
                .withTimeout(java.time.Duration.ofSeconds(30)).withRemediation(ScanSettings.remediation("off", null,
                        null, null));

        assertThat(settings.confirmWithAws()).isTrue();
        assertThat(ScanSettings.parse("us-east-1", null, null, false).confirmWithAws()).isFalse();
    }

    /** One line, at most a hundred characters of the input, and a marker saying how long it was. */
    private static Consumer<Throwable> briefMessage(int inputLength) {
        return error -> {
            assertThat(error).isInstanceOf(ConfigurationException.class);
            assertThat(error.getMessage()).doesNotContain("\n").hasSizeLessThan(400)
                    .contains("(" + inputLength + " characters)").doesNotContain("x".repeat(101));
        };
    }
}
