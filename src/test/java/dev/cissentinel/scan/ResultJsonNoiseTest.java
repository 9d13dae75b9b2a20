package dev.cissentinel.scan;

import dev.cissentinel.snapshot.MetricFilterRecord.MetricTransformation;
import dev.cissentinel.testing.ChainLinks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code noisy} sits beside PASSED only, with one ordinary event the filter matches and the reference does not. */
class ResultJsonNoiseTest {

    private static final Control UNAUTHORIZED = ControlTable.byId("CloudWatch.2").orElseThrow();
    private static final String V14_TEXT = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = "
            + "\"AccessDenied*\") || ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") || "
            + "($.eventName!=\"HeadBucket\") }";
    private static final String V4_TEXT = "{ ($.errorCode =*UnauthorizedOperation) || ($.errorCode =AccessDenied*) "
            + "&& ($.sourceIPAddress!=delivery.logs.amazonaws.com) && ($.eventName!=HeadBucket) }";

    private static ControlResult passedWith(String pattern) {
        Chain chain = Chain.empty().with(ChainLinks.filter(
                "arn:aws:logs:eu-west-1:123456789012:log-group:trail:metric-filter:unauthorized", "eu-west-1",
                pattern, MetricTransformation.of("UnauthorizedAPICalls", "CISBenchmark", "1", Map.of())));
        return new ControlResult(UNAUTHORIZED, new Verdict.Passed(chain, "complete"));
    }

    @Test
    void control_cisV14OrText_noisyWithAnExample() {
        ObjectNode node = ResultJson.control(passedWith(V14_TEXT));

        assertThat(node.path("status").asText()).isEqualTo("PASSED");
        assertThat(node.path("noisy").asBoolean()).isTrue();
        assertThat(node.path("noisyExample").path("eventName").asText()).isEqualTo("DescribeInstances");
    }

    @Test
    void control_cisV4AndText_notNoisy() {
        ObjectNode node = ResultJson.control(passedWith(V4_TEXT));

        assertThat(node.path("noisy").isBoolean()).isTrue();
        assertThat(node.path("noisy").asBoolean()).isFalse();
        assertThat(node.has("noisyExample")).isFalse();
    }

    @Test
    void control_failed_noNoisyField() {
        ObjectNode node = ResultJson.control(new ControlResult(UNAUTHORIZED, new Verdict.Failed(
                ReasonCode.NO_MULTI_REGION_TRAIL, Chain.empty(), "none", null)));

        assertThat(node.has("noisy")).isFalse();
    }

    @Test
    void control_cisNumbers_everyVersionByMajorMinor() {
        ObjectNode node = ResultJson.control(passedWith(V4_TEXT));

        assertThat(node.path("cis").toString()).isEqualTo("{\"v1.2\":\"3.1\",\"v1.4\":\"4.1\",\"v1.5\":\"4.1\","
                + "\"v2.0\":\"4.1\",\"v3.0\":\"4.1\",\"v4.0\":\"4.1\",\"v5.0\":\"4.1\",\"v6.0\":\"5.1\","
                + "\"v7.0\":\"5.1\"}");
    }
}
