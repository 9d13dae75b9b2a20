package dev.cissentinel.findings;

import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import dev.cissentinel.testing.ChainLinks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.Verdict;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/** A PASSED finding over a noisy filter says so (description, ProductFields) and stays PASSED. */
class FindingMapperNoiseTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Control UNAUTHORIZED = ControlTable.byId("CloudWatch.2").orElseThrow();
    private static final String V14_TEXT = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = "
            + "\"AccessDenied*\") || ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") || "
            + "($.eventName!=\"HeadBucket\") }";

    static ControlResult passedWith(Control control, String pattern) {
        Chain chain = Chain.empty().with(ChainLinks.filter(
                "arn:aws:logs:eu-west-1:123456789012:log-group:trail:metric-filter:unauthorized", "eu-west-1",
                pattern, MetricTransformation.of("UnauthorizedAPICalls", "CISBenchmark", "1", Map.of())));
        return new ControlResult(control, new Verdict.Passed(chain, "complete"));
    }

    private static AwsSecurityFinding map(ControlResult result) {
        return new FindingMapper("123456789012", "eu-west-1", "1.0").map(result, NOW, NOW);
    }

    @Test
    void map_passedOverTheCisV14OrText_noisyInTheDescriptionAndProductFields() {
        AwsSecurityFinding finding = map(passedWith(UNAUTHORIZED, V14_TEXT));

        assertThat(finding.compliance().statusAsString()).isEqualTo("PASSED");
        assertThat(finding.description()).startsWith("PASSED, but noisy: the metric filter also matches ordinary "
                + "events the CIS pattern does not, such as ec2.amazonaws.com DescribeInstances");
        assertThat(finding.productFields()).containsEntry("cis-sentinel/Noisy", "true");
        assertThat(finding.productFields().get("cis-sentinel/NoisyExample")).contains("\"eventName\":"
                + "\"DescribeInstances\"");
    }

    @Test
    void map_passedOverTheCisText_notNoisy() {
        AwsSecurityFinding finding = map(passedWith(UNAUTHORIZED, UNAUTHORIZED.cisPattern()));

        assertThat(finding.description()).startsWith("PASSED. ");
        assertThat(finding.productFields()).doesNotContainKeys("cis-sentinel/Noisy", "cis-sentinel/NoisyExample");
    }
}
