package dev.cissentinel.reliability;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Status;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.TestAccount;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One hostile input tried against cis-sentinel and what it must do: a row of the "Hostile account" section of
 * {@code docs/reliability.md}. A case is data plus a {@link Trial} that runs it and says what happened, so a case
 * of any kind (an account seeded in moto and scanned, a filter pattern, a CLI argument) is one entry in
 * {@link HostileCases#ALL}.
 *
 * @param hostileClass the class of attack, e.g. "metric math", "units", "dimension values"
 * @param input what was tried, in a few words
 * @param expected what cis-sentinel must answer, e.g. {@code FAILED ALARM_UNIT_MISMATCH}
 */
public record HostileCase(String hostileClass, String input, String expected, Trial trial) {

    public HostileCase {
        Objects.requireNonNull(hostileClass, "hostileClass");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(trial, "trial");
    }

    /** Runs a case on an emptied emulator. */
    @FunctionalInterface
    public interface Trial {
        Observation run(Emulator emulator, TestAccount account) throws Exception;
    }

    /**
     * What happened.
     *
     * @param got the answer, written like {@code expected}
     * @param passed whether the answer was PASSED (a false PASSED when the expected answer is not)
     * @param crashed whether the run failed instead of answering (an exception, or EVALUATION_ERROR)
     */
    public record Observation(String got, boolean passed, boolean crashed) {
    }

    /**
     * An account case: a compliant trail, log group {@code cloudtrail/management} and topic {@code alerts} with a
     * subscriber, to which {@code seed} adds the control's filter and alarm; then one scan of that control.
     */
    public static HostileCase account(String hostileClass, String input, String controlId, String expected,
            Consumer<Seed> seed) {
        return new HostileCase(hostileClass, input, expected, (emulator, account) -> {
            TestAccount.LogGroup group = account.logGroup("cloudtrail/management");
            account.trail("management").logGroup(group).create();
            String topic = account.topic("alerts").emailSubscriber("secops@example.com").create().arn();
            seed.accept(new Seed(account, group, topic));
            ControlResult result = scan(emulator, controlId);
            String got = result.status() + " " + result.verdict().reason();
            return new Observation(got, result.status() == Status.PASSED,
                    result.verdict().reason().name().equals("EVALUATION_ERROR"));
        });
    }

    /** What an account case seeds into: the account, the trail's log group and the subscribed topic's ARN. */
    public record Seed(TestAccount account, TestAccount.LogGroup group, String topic) {
    }

    /** Scans one control of the emulated account with the production code path, without publishing. */
    static ControlResult scan(Emulator emulator, String controlId) {
        CallRecorder calls = new CallRecorder();
        try (AwsClients clients = AwsClients.builder().endpointOverride(emulator.endpoint()).dummyCredentials()
                .interceptor(calls).build()) {
            ScanResult result = new Scan(clients, calls, Clock.systemUTC())
                    .run(ScanRequest.parse("us-east-1", controlId, null, false));
            return result.results().get(0);
        }
    }
}
