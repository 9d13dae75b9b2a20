package dev.cissentinel.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.publish.FindingBatch;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.publish.SecurityHubPublisher;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.SnapshotReader;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.TestAccount;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * One control's evaluation dies (a real OutOfMemoryError from an allocation the JVM refuses, a real
 * StackOverflowError, a thrown exception), injected through the evaluator's judge seam on a compliant moto
 * account: that control's finding is NOT_AVAILABLE EVALUATION_ERROR and the other four are in Security Hub with
 * their own verdicts.
 */
@ExtendWith(EmulatorExtension.class)
class EvaluationErrorIT {

    private static final Region REGION = Region.US_EAST_1;

    @BeforeAll
    static void seed(TestAccount account) {
        account.compliantAccount();
        account.enableSecurityHub();
    }

    @ParameterizedTest
    @CsvSource({"CloudWatch.1, OutOfMemoryError", "CloudWatch.4, StackOverflowError",
        "CloudWatch.6, IllegalStateException"})
    void evaluate_oneControlDies_itsFindingIsEvaluationErrorAndTheOtherFourArePublished(String victim,
            String fault, Emulator emulator) {
        Map<String, AwsSecurityFinding> findings;
        try (AwsClients clients = EmulatorExtension.clientsFor(emulator.endpoint())) {
            AccountSnapshot snapshot = SnapshotReader.create(clients).read(REGION);
            ChainEvaluator evaluator = new ChainEvaluator(PatternMode.SEMANTIC, real -> (control, given) ->
                    control.id().equals(victim) ? die(fault) : real.judge(control, given));

            List<ControlResult> results = evaluator.evaluate(ControlTable.all(), snapshot);
            SecurityHubPublisher.create(clients.securityHub(REGION), "test").publish(
                    new FindingBatch(TestAccount.ACCOUNT_ID, REGION.id(), results, Map.of(), FindingScope.ALL,
                            java.time.Instant.now(), "cli"));
            findings = clients.securityHub(REGION).getFindings(r -> r.maxResults(100)).findings().stream()
                    .collect(Collectors.toMap(f -> f.compliance().securityControlId(), f -> f));
        }

        assertThat(findings).containsOnlyKeys(ControlTable.all().stream().map(Control::id).toList());
        findings.forEach((id, finding) -> {
            if (id.equals(victim)) {
                assertThat(finding.compliance().statusAsString()).isEqualTo("NOT_AVAILABLE");
                assertThat(finding.compliance().statusReasons().get(0).reasonCode()).isEqualTo("EVALUATION_ERROR");
                assertThat(finding.compliance().statusReasons().get(0).description()).contains(fault);
            } else {
                assertThat(finding.compliance().statusAsString()).as(id).isEqualTo("PASSED");
            }
        });
    }

    private static Verdict die(String fault) {
        switch (fault) {
            case "OutOfMemoryError":
                // The JVM refuses this allocation with a real OutOfMemoryError, without filling the heap first.
                long[] huge = new long[Integer.MAX_VALUE];
                return new Verdict.Passed(Chain.empty(), "unreachable " + huge.length);
            case "StackOverflowError":
                return new Verdict.Passed(Chain.empty(), "unreachable " + recurse(() -> 0));
            default:
                throw new IllegalStateException("injected bug");
        }
    }

    private static int recurse(Supplier<Integer> depth) {
        return recurse(() -> depth.get() + 1) + 1;
    }
}
