package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.LinkEvents.Reach;
import dev.cissentinel.scan.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A CloudTrail API-call event: what it names, and the short error for one that is not a watched call. */
class ChangeEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stopLogging_reachesEveryControl_namingWhoCalled() throws Exception {
        ChangeEvent event = ChangeEvent.parse(sample("cloudtrail-stop-logging.json"));

        assertThat(event.row().reach()).isEqualTo(Reach.EVERY_CONTROL);
        assertThat(event.account()).isEqualTo("123456789012");
        assertThat(event.region()).isEqualTo("us-east-1");
        assertThat(event.failed()).isEmpty();
        assertThat(event.madeAt()).contains(java.time.Instant.parse("2026-12-03T10:15:02Z"));
        assertThat(event.call().describe()).isEqualTo("cloudtrail:StopLogging:a1c3e5f7-2b4d-4f6a-8c0e-1a3b5c7d9e0f:"
                + "arn:aws:sts::123456789012:assumed-role/Admin/jane");
    }

    @Test
    void deleteAlarms_namesTheAlarmsArn_unsubscribeItsTopic() throws Exception {
        assertThat(ChangeEvent.parse(sample("cloudtrail-delete-alarms.json")).resourceIds()).containsExactly(
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:IAMPolicyChangesAlarm");
        assertThat(ChangeEvent.parse(sample("cloudtrail-unsubscribe.json")).resourceIds()).containsExactly(
                "arn:aws:sns:us-east-1:123456789012:alerts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "logs.amazonaws.com|DeleteMetricFilter|{\"logGroupName\":\"trail-logs\",\"filterName\":\"Root\"}|"
                + "arn:aws:logs:eu-west-1:123456789012:log-group:trail-logs:metric-filter:Root",
        "logs.amazonaws.com|DeleteLogGroup|{\"logGroupName\":\"trail-logs\"}|"
                + "arn:aws:logs:eu-west-1:123456789012:log-group:trail-logs",
        "monitoring.amazonaws.com|PutMetricAlarm|{\"alarmName\":\"a\",\"metricName\":\"m\"}|"
                + "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a",
        "sns.amazonaws.com|CreateTopic|{\"name\":\"soc\"}|arn:aws:sns:eu-west-1:123456789012:soc",
        "sns.amazonaws.com|Subscribe|{\"topicArn\":\"arn:aws:sns:eu-west-1:123456789012:soc\",\"protocol\":\"email\"}|"
                + "arn:aws:sns:eu-west-1:123456789012:soc"})
    void namedResource_asFindingsNameIt(String source, String name, String request, String id) throws Exception {
        ChangeEvent event = ChangeEvent.parse(call(source, name, JSON.readTree(request)));

        assertThat(event.resourceIds()).containsExactly(id);
    }

    @Test
    void failedCall_changedNothing() throws Exception {
        ObjectNode event = (ObjectNode) sample("cloudtrail-delete-alarms.json");
        ((ObjectNode) event.get("detail")).put("errorCode", "AccessDenied").putNull("requestParameters");

        ChangeEvent parsed = ChangeEvent.parse(event);

        assertThat(parsed.failed()).isEqualTo("AccessDenied");
        assertThat(parsed.resourceIds()).isEmpty();
    }

    @Test
    void malformedSample_isAShortErrorNamingTheMissingField() throws Exception {
        assertThatThrownBy(() -> ChangeEvent.parse(sample("cloudtrail-malformed.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("a CloudTrail event needs detail.eventSource as a non-empty string");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sns.amazonaws.com|Publish|is not a call that can break or repair a chain",
        "kms.amazonaws.com|DisableKey|is not a call that can break or repair a chain",
        "logs.amazonaws.com|StopLogging|is not a call that can break or repair a chain"})
    void unwatchedCall_isRefused(String source, String name, String message) {
        assertThatThrownBy(() -> ChangeEvent.parse(call(source, name, JSON.createObjectNode())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(message);
    }

    @Test
    void hostileValues_shortErrorsThatQuoteLittle() throws Exception {
        ObjectNode event = (ObjectNode) sample("cloudtrail-stop-logging.json");
        event.put("account", "x".repeat(5000));
        assertThatThrownBy(() -> ChangeEvent.parse(event)).message().hasSizeLessThan(300);

        ObjectNode extra = (ObjectNode) sample("cloudtrail-stop-logging.json");
        extra.put("input", "{}");
        assertThatThrownBy(() -> ChangeEvent.parse(extra)).hasMessageContaining("unknown field(s) [input]");

        ObjectNode region = (ObjectNode) sample("cloudtrail-stop-logging.json");
        ((ObjectNode) region.get("detail")).put("awsRegion", "../../etc");
        assertThatThrownBy(() -> ChangeEvent.parse(region)).hasMessageContaining("detail.awsRegion");

        ObjectNode time = (ObjectNode) sample("cloudtrail-stop-logging.json");
        ((ObjectNode) time.get("detail")).put("eventTime", "yesterday");
        assertThat(ChangeEvent.parse(time).madeAt()).isEmpty();

        ObjectNode detail = (ObjectNode) sample("cloudtrail-stop-logging.json");
        detail.put("detail", "{}");
        assertThatThrownBy(() -> ChangeEvent.parse(detail)).hasMessageContaining("detail must be an object");
    }

    static JsonNode sample(String file) throws Exception {
        return JSON.readTree(Files.readAllBytes(Path.of("events", file)));
    }

    /** The delete-alarms sample, made a call of {@code source} {@code name} in eu-west-1 with this request. */
    static JsonNode call(String source, String name, JsonNode request) throws Exception {
        ObjectNode event = (ObjectNode) sample("cloudtrail-delete-alarms.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventSource", source).put("eventName", name).put("awsRegion", "eu-west-1")
                .set("requestParameters", request);
        return event;
    }
}
