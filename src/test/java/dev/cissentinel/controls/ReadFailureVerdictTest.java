package dev.cissentinel.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.snapshot.AccountSnapshot;
import dev.cissentinel.snapshot.FailureCause;
import dev.cissentinel.snapshot.Read;
import dev.cissentinel.snapshot.ReadFailure;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of read failure gets its own reason code and advice, and the verdict carries the failure. */
class ReadFailureVerdictTest {

    private static final Control ROOT = ControlTable.byId("CloudWatch.1").orElseThrow();

    static Stream<Arguments> causes() {
        return Stream.of(
                Arguments.of(new FailureCause.AwsError("AccessDeniedException", "denied"), ReasonCode.READ_FAILED,
                        "Grant cloudtrail:DescribeTrails to the scanning role"),
                Arguments.of(FailureCause.CrossAccountResource.of("210987654321", "123456789012"),
                        ReasonCode.CROSS_ACCOUNT_RESOURCE, "Scan from the account that owns it"),
                Arguments.of(new FailureCause.Deadline(), ReasonCode.DEADLINE, "give it more time"),
                Arguments.of(new FailureCause.PaginationLoop(2, true), ReasonCode.READ_FAILED, "PaginationLoop"),
                Arguments.of(new FailureCause.InvalidArn("arn:bad", "not an ARN"), ReasonCode.READ_FAILED,
                        "InvalidArn (not an ARN)"),
                Arguments.of(new FailureCause.NotRead(), ReasonCode.READ_FAILED, "did not read this resource"));
    }

    @ParameterizedTest
    @MethodSource("causes")
    void evaluate_unreadableTrails_reasonFromTheCause(FailureCause cause, ReasonCode reason, String advice) {
        ReadFailure failure = new ReadFailure("cloudtrail:DescribeTrails", "eu-west-1", "*", cause);
        AccountSnapshot snapshot = new AccountSnapshot(Read.ok("123456789012"), "eu-west-1",
                Read.unreadable(failure), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

        Verdict verdict = new ChainEvaluator(PatternMode.SEMANTIC).evaluate(List.of(ROOT), snapshot).get(0)
                .verdict();

        assertThat(verdict.status()).isEqualTo(Status.NOT_AVAILABLE);
        assertThat(verdict.reason()).isEqualTo(reason);
        assertThat(verdict.explanation()).startsWith("Could not judge: " + failure.describe()).contains(advice);
        assertThat(verdict.failure()).contains(failure);
    }
}
