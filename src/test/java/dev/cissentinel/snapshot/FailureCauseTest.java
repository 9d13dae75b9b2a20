package dev.cissentinel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The causes print what the JSON output's {@code errorCode} and {@code message} printed when a cause was a string,
 * and each kind has exactly one type, so a switch over {@link FailureCause#kind()} covers every cause.
 */
class FailureCauseTest {

    private static final List<FailureCause> ONE_OF_EACH = List.of(new FailureCause.AwsError("AccessDenied", "no"),
            FailureCause.CrossAccountResource.of("210987654321", "123456789012"), new FailureCause.Deadline(),
            new FailureCause.PaginationLoop(3, true), new FailureCause.InvalidArn("arn:x", "not an ARN"),
            new FailureCause.NotRead());

    @Test
    void kind_onePerPermittedType() {
        assertThat(FailureCause.class.getPermittedSubclasses()).hasSize(FailureCause.Kind.values().length)
                .containsExactlyInAnyOrderElementsOf(ONE_OF_EACH.stream().map(Object::getClass).toList());
        assertThat(ONE_OF_EACH).extracting(FailureCause::kind).containsExactly(FailureCause.Kind.values());
    }

    @Test
    void code_awsCodeOrTheNameOfOurKind_asTheJsonOutputPrintsIt() {
        assertThat(ONE_OF_EACH).extracting(FailureCause::code).containsExactly("AccessDenied",
                "CrossAccountResource", "Deadline", "PaginationLoop", "InvalidArn", "NotRead");
    }

    @Test
    void message_saysWhatHappenedAndWhatToDo() {
        assertThat(new FailureCause.Deadline().message()).isEqualTo("the scan's deadline passed before this was "
                + "read; give the scan more time (Lambda timeout, or --timeout)");
        assertThat(new FailureCause.PaginationLoop(7, true).message())
                .isEqualTo("page 7 returned a next token already followed; stopped reading");
        assertThat(new FailureCause.PaginationLoop(1000, false).message())
                .isEqualTo("more pages after 1000; stopped reading");
        assertThat(FailureCause.CrossAccountResource.of("210987654321", "123456789012").message())
                .contains("belongs to account 210987654321, not the scanned account 123456789012")
                .endsWith("scan from that account");
    }

    @Test
    void describe_callResourceRegionCodeAndMessage() {
        ReadFailure failure = new ReadFailure("logs:DescribeMetricFilters", "eu-west-1", "group",
                new FailureCause.AwsError("AccessDeniedException", "denied"));

        assertThat(failure.describe()).isEqualTo("logs:DescribeMetricFilters on group in eu-west-1 failed: "
                + "AccessDeniedException (denied)");
        assertThat(new ReadFailure("sns:ListSubscriptionsByTopic", "eu-west-1", "t",
                new FailureCause.AwsError("NotFound", "")).describe()).endsWith("failed: NotFound");
    }
}
