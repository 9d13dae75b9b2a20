package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every check of input, with the messages a user sees from a flag, a variable or an event. */
class ScanInputTest {

    @Test
    void remediation_badInput_rejectedBeforeAnyCallNamingTheValue() {
        assertThatThrownBy(() -> ScanInput.remediation("sometimes", null, null, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("off, dry-run or apply");
        assertThatThrownBy(() -> ScanInput.remediation("apply", null, null, null))
                .hasMessageContaining("--notification-email");
        assertThatThrownBy(() -> ScanInput.remediation("apply", null, "not-an-address", null))
                .hasMessageContaining("'not-an-address'");
        assertThatThrownBy(() -> ScanInput.remediation("apply", "arn:aws:sqs:us-east-1:123456789012:q", null,
                null)).hasMessageContaining("SNS topic ARN");
        assertThatThrownBy(() -> ScanInput.remediation("apply", "arn:aws:sns:us-east-1:123456789012:t",
                "a@example.com", null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> ScanInput.remediation("off", null, null, "AWS/Logs"))
                .hasMessageContaining("namespace");
    }

    @Test
    void remediation_goodInput_parsed() {
        var options = ScanInput.remediation("Dry-Run", null, " secops@example.com ", null);
        assertThat(options.mode()).isEqualTo(dev.cissentinel.remediate.RemediationMode.DRY_RUN);
        assertThat(options.notificationEmail()).isEqualTo("secops@example.com");
        assertThat(options.metricNamespace()).isEqualTo("CISBenchmark");
    }

    @Test
    void timeout_secondsOrMinutesWithinLambdaLimits() {
        assertThat(ScanInput.timeout("90")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(ScanInput.timeout("5m")).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(ScanInput.timeout(null)).isEqualTo(ScanRequest.NO_TIMEOUT);
        assertThatThrownBy(() -> ScanInput.timeout("2s")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("between 5s and 15m");
        assertThatThrownBy(() -> ScanInput.timeout("soon")).hasMessageContaining("'soon'");
    }

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:";
    /** What a hostile or careless user may paste: far longer than any real value. */
    private static final String HUGE = "x".repeat(130_000);

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-2", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1",
            "eusc-de-east-1", "ap-southeast-7", "xx-future-1", "us-east-100"})
    void region_knownToTheSdkOrShapedLikeOne_accepted(String region) {
        assertThat(ScanInput.region(region).id()).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mars", "us-east", "US-EAST-1", "us_east_1", "aws-global", "us-east-1 x", "-east-1",
            "u-east-1", "us--east-1", "us-east-1a", "us-east-1/../x", "us-east-\u0661"})
    void region_notARegion_refused(String region) {
        assertThatThrownBy(() -> ScanInput.region(region)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not an AWS region name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:sns:us-east-1:123456789012:soc-alerts", "arn:aws:sns:eu-west-1:111122223333:a",
            "arn:aws-us-gov:sns:us-gov-west-1:111122223333:soc_alerts-1", "arn:aws-cn:sns:cn-north-1:111122223333:soc",
            "arn:aws-iso-b:sns:us-isob-east-1:111122223333:soc", "arn:aws-eusc:sns:eusc-de-east-1:111122223333:soc"})
    void alarmTopic_standardTopicInItsPartition_accepted(String arn) {
        assertThat(ScanInput.alarmTopic(" " + arn + " ")).isEqualTo(arn);
    }

    @Test
    void alarmTopic_longestNameAccepted_oneLongerRefused() {
        assertThatCode(() -> ScanInput.alarmTopic(TOPIC + "n".repeat(256))).doesNotThrowAnyException();

        assertThatThrownBy(() -> ScanInput.alarmTopic(TOPIC + "n".repeat(257)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("1 to 256 characters");
    }

    @Test
    void alarmTopic_notATopicAnAlarmCanNotify_refusedSayingWhy() {
        assertThatThrownBy(() -> ScanInput.alarmTopic(TOPIC + "alerts.fifo")).hasMessageContaining("FIFO");
        assertThatThrownBy(() -> ScanInput.alarmTopic("arn:aws-mars:sns:us-east-1:123456789012:soc"))
                .hasMessageContaining("partition 'aws-mars' is not one the AWS SDK knows");
        assertThatThrownBy(() -> ScanInput.alarmTopic("arn:aws-cn:sns:us-east-1:123456789012:soc"))
                .hasMessageContaining("region us-east-1 belongs to partition aws, not aws-cn");
        assertThatThrownBy(() -> ScanInput.alarmTopic("arn:aws:sqs:us-east-1:123456789012:soc"))
                .hasMessageContaining("not sns");
        assertThatThrownBy(() -> ScanInput.alarmTopic("arn:aws:sns:mars:123456789012:soc"))
                .hasMessageContaining("is not an AWS region name");
        assertThatThrownBy(() -> ScanInput.alarmTopic("arn:aws:sns:us-east-1:12345678901a:soc"))
                .hasMessageContaining("not 12 digits");
        assertThatThrownBy(() -> ScanInput.alarmTopic(TOPIC + "soc:extra")).hasMessageContaining("7 colon");
        assertThatThrownBy(() -> ScanInput.alarmTopic(TOPIC + "soc.alerts")).hasMessageContaining("character 4");
        assertThatThrownBy(() -> ScanInput.alarmTopic(TOPIC)).hasMessageContaining("1 to 256 characters");
        assertThatThrownBy(() -> ScanInput.alarmTopic("soc-alerts")).hasMessageContaining("arn:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secops@example.com", "a.b+c@mail.example.org", "o'brien@example.ie",
            "x@sub-domain.example.co.uk", "jos\u00e9@example.com"})
    void email_onePlausibleAddress_accepted(String address) {
        assertThat(ScanInput.email(address)).isEqualTo(address);
    }

    @Test
    void email_implausible_refusedSayingWhy() {
        assertThatThrownBy(() -> ScanInput.email("jane..doe@example.com")).hasMessageContaining("contains ..");
        assertThatThrownBy(() -> ScanInput.email("jane@example..com")).hasMessageContaining("contains ..");
        assertThatThrownBy(() -> ScanInput.email("jane\u0000@example.com")).hasMessageContaining("control");
        assertThatThrownBy(() -> ScanInput.email("jane\u202e@example.com")).hasMessageContaining("control");
        assertThatThrownBy(() -> ScanInput.email("jane\n@example.com")).hasMessageContaining("control");
        assertThatThrownBy(() -> ScanInput.email("a@b.com,c@d.com")).hasMessageContaining("one address");
        assertThatThrownBy(() -> ScanInput.email("a@b@c.com")).hasMessageContaining("more than one @");
        assertThatThrownBy(() -> ScanInput.email("jane.example.com")).hasMessageContaining("no @");
        assertThatThrownBy(() -> ScanInput.email(".jane@example.com")).hasMessageContaining("dot");
        assertThatThrownBy(() -> ScanInput.email("jane@localhost")).hasMessageContaining("two labels");
        assertThatThrownBy(() -> ScanInput.email("jane@exa_mple.com")).hasMessageContaining("domain");
    }

    @Test
    void email_longestAddressAccepted_oneLongerRefusedByLength() {
        String domain = "@example.com";
        String longest = "a".repeat(ScanInput.MAX_EMAIL - domain.length()) + domain;

        assertThat(ScanInput.email(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> ScanInput.email("a" + longest)).hasMessageContaining("at most 254");
    }

    @Test
    void email_hugeAdversarialArgument_refusedByItsLengthInOneLineMessage() {
        // The former pattern backtracked quadratically over the dots: 45 s on this input.
        String hostile = "a@" + ".".repeat(130_000) + "@";

        assertThatThrownBy(() -> ScanInput.email(hostile)).satisfies(briefMessage(130_003))
                .hasMessageContaining("at most 254");
    }

    @Test
    void everyValidator_hugeValue_quotesAtMostAHundredCharacters() {
        assertThatThrownBy(() -> ScanInput.region(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanInput.alarmTopic(TOPIC + HUGE)).satisfies(briefMessage(130_035));
        assertThatThrownBy(() -> ScanInput.alarmTopic(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanInput.email(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanInput.controls(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanInput.controls("CloudWatch.1," + HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanInput.patternMode(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanInput.remediationMode(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanInput.namespace(HUGE)).satisfies(briefMessage(130_000));
        assertThatThrownBy(() -> ScanInput.timeout(HUGE)).satisfies(briefMessage(130_000));
    }

    @Test
    void messages_valueWithNewline_stayOnOneLine() {
        assertThatThrownBy(() -> ScanInput.region("us-east-1\nINFO all controls PASSED"))
                .hasMessageNotContaining("\n").hasMessageContaining("us-east-1\\nINFO");
        assertThatThrownBy(() -> ScanInput.controls("CloudWatch.1\r\nCloudWatch.9"))
                .hasMessageNotContaining("\n").hasMessageNotContaining("\r");
    }

    @Test
    void controls_allOrBlank_everyRowOrTheDefaults() {
        assertThat(ScanInput.controls("all")).isEqualTo(ControlTable.all());
        assertThat(ScanInput.controls(" All ")).hasSize(15);
        assertThat(ScanInput.controls("")).isEqualTo(ControlTable.defaults());
        assertThat(ScanInput.controls("CIS.Organizations,cloudwatch.10")).extracting(Control::id)
                .containsExactly("CIS.Organizations", "CloudWatch.10");
        assertThatThrownBy(() -> ScanInput.controls("all,CloudWatch.1")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown control 'all'").hasMessageContaining("(or all)");
    }

    @Test
    void flag_trueFalseOrBlank_anythingElseRefused() {
        assertThat(ScanInput.flag("true")).isTrue();
        assertThat(ScanInput.flag(" FALSE ")).isFalse();
        assertThat(ScanInput.flag(null)).isFalse();
        assertThat(ScanInput.flag("")).isFalse();
        assertThatThrownBy(() -> ScanInput.flag("yes")).hasMessageContaining("true or false, not 'yes'");
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
