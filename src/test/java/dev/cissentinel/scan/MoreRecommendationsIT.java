package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;

/**
 * The ten recommendations beyond the default five (issue 20), each on moto_server through the real reader and
 * evaluator: its CIS pattern on a whole chain passes; the same chain with a narrowed pattern fails, showing the
 * event the filter misses.
 */
@ExtendWith(EmulatorExtension.class)
class MoreRecommendationsIT {

    private static final Region HOME = Region.US_EAST_1;
    private static final Pattern LAST_NAME = Pattern.compile("\\|\\|\\s*\\(\\$\\.eventName\\s*=\\s*(\\w+)\\)");

    private TestAccount account;
    private Emulator emulator;

    @BeforeEach
    void emptyAccount(TestAccount testAccount, Emulator testEmulator) {
        testEmulator.reset();
        this.account = testAccount;
        this.emulator = testEmulator;
    }

    static Stream<Control> moreRecommendations() {
        return ControlTable.all().stream().filter(control -> !ControlTable.defaults().contains(control));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreRecommendations")
    void scan_cisPattern_passed(Control control) {
        chain(control, control.cisPattern());

        ControlResult result = scan(control);

        assertThat(result.status()).as(result.verdict().explanation()).isEqualTo(Status.PASSED);
        assertThat(result.verdict().chain().describe()).contains(control.metricName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreRecommendations")
    void scan_narrowedPattern_failedWithTheMissedEvent(Control control) {
        Narrowed narrowed = narrowed(control);
        chain(control, narrowed.pattern());

        ControlResult result = scan(control);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.verdict().reason()).isEqualTo(ReasonCode.NO_COVERING_METRIC_FILTER);
        assertThat(result.verdict().counterexample()).hasValueSatisfying(event -> assertThat(
                event.at(narrowed.pointer()).asText()).isEqualTo(narrowed.value()));
    }

    /** Filters are read once per log group and alarms once per region: fifteen rows cost the five's seven reads. */
    @Test
    void scan_allControlsOnACompliantAccount_allPassedInSevenReads() {
        account.compliantAccount();
        CallRecorder calls = new CallRecorder();
        try (AwsClients clients = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(calls).build()) {
            ScanResult result = new Scan(clients, calls, Clock.systemUTC())
                    .run(ScanRequest.parse(HOME.id(), "all", null, false));

            assertThat(result.results()).hasSize(15).allSatisfy(r -> assertThat(r.status())
                    .as(r.control().id() + ": " + r.verdict().explanation()).isEqualTo(Status.PASSED));
            assertThat(result.results()).allSatisfy(r -> assertThat(r.noisyExample()).as(r.control().id()).isEmpty());
            assertThat(result.totalAwsCalls()).isEqualTo(7);
        }
    }

    /** The CIS text without its last event name, or (no list) with an exclusion every event of one region hits. */
    private static Narrowed narrowed(Control control) {
        String text = control.cisPattern();
        Matcher names = LAST_NAME.matcher(text);
        if (names.find()) {
            return lastName(text);
        }
        return new Narrowed("{ (" + text.substring(1, text.lastIndexOf('}')) + ") && ($.awsRegion != \"us-east-1\") }",
                "/awsRegion", "us-east-1");
    }

    private static Narrowed lastName(String text) {
        Matcher names = LAST_NAME.matcher(text);
        int start = -1;
        int end = -1;
        String name = null;
        while (names.find()) {
            start = names.start();
            end = names.end();
            name = names.group(1);
        }
        return new Narrowed(text.substring(0, start) + text.substring(end), "/eventName", name);
    }

    private record Narrowed(String pattern, String pointer, String value) {
    }

    private void chain(Control control, String pattern) {
        TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
        account.trail("management").logGroup(group).create();
        String topic = account.topic("alerts").emailSubscriber("secops@example.com").create().arn();
        account.compliantChain(group, control.metricName(), pattern, topic);
    }

    private ControlResult scan(Control control) {
        CallRecorder calls = new CallRecorder();
        try (AwsClients clients = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(calls).build()) {
            List<ControlResult> results = new Scan(clients, calls, Clock.systemUTC())
                    .run(ScanRequest.parse(HOME.id(), control.id(), null, false)).results();
            assertThat(results).hasSize(1);
            return results.get(0);
        }
    }
}
