package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

/**
 * The handler's request building: the event shapes the function accepts and refuses (the samples in
 * {@code events/}), and the {@link ScanRequest} each makes with the configuration, without AWS.
 */
class InvocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HandlerConfig CONFIG = HandlerConfig.from(Map.of("AWS_REGION", "us-east-1"));

    @ParameterizedTest
    @ValueSource(strings = {"scheduled-rule.json", "scheduler.json"})
    void from_scheduledEventSample_scansWithTheConfiguration(String file) throws IOException {
        ScanRequest request = Invocation.request(event(file), CONFIG);

        assertThat(request.trigger().describe()).startsWith("schedule:aws.");
        assertThat(request.controls()).isEqualTo(ControlTable.defaults());
        assertThat(request.findingScope()).isEqualTo(FindingScope.ALL);
        assertThat(request.targets()).containsExactly(Target.caller(Region.US_EAST_1));
        assertThat(request.publish()).isTrue();
    }

    @Test
    void from_replayedRuleEventAndSchedulerDetailWithNewlines_accepted() throws IOException {
        ObjectNode replayed = event("scheduled-rule.json").put("replay-name", "nightly-replay");
        ObjectNode scheduler = event("scheduler.json").put("detail", "\n{}\n");

        assertThat(Invocation.request(replayed, CONFIG).trigger().describe()).startsWith("schedule:aws.events:");
        assertThat(Invocation.request(scheduler, CONFIG).trigger().describe()).startsWith("schedule:aws.scheduler:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduled-rule.json", "scheduler.json"})
    void from_scheduledEventWithAFieldEventBridgeNeverSends_refused(String file) throws IOException {
        ObjectNode event = event(file);
        event.putObject("controls").put("ids", "CloudWatch.1");

        assertThatThrownBy(() -> Invocation.request(event, CONFIG)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown field(s) [controls] in a scheduled event")
                .hasMessageContaining("EventBridge sends only");
    }

    @Test
    void from_scheduledEventWithAMisspelledField_refused() throws IOException {
        ObjectNode event = event("scheduler.json");
        event.set("detial", event.remove("detail"));

        assertThatThrownBy(() -> Invocation.request(event, CONFIG)).hasMessageContaining("[detial]");
    }

    @Test
    void from_hugeFieldNamesAndValues_quotedBriefly() throws IOException {
        ObjectNode scheduled = event("scheduler.json").put("z".repeat(5000), 1);
        ObjectNode overrides = JSON.createObjectNode().put("patternMode", 1);
        overrides.putArray("controls").add("q".repeat(5000));
        ObjectNode wrongType = JSON.createObjectNode().set("patternMode", JSON.createArrayNode().add("w".repeat(5000)));

        assertThatThrownBy(() -> Invocation.request(scheduled, CONFIG)).hasMessageContaining("(5000 characters)")
                .message().hasSizeLessThan(500);
        assertThatThrownBy(() -> Invocation.request(overrides, CONFIG)).message().hasSizeLessThan(500);
        assertThatThrownBy(() -> Invocation.request(wrongType, CONFIG)).hasMessageContaining("patternMode must be a "
                + "string, not array").message().hasSizeLessThan(500);
    }

    @Test
    void from_overrideEvent_unknownFieldRefused() throws IOException {
        assertThatThrownBy(() -> Invocation.request(event("malformed.json"), CONFIG))
                .hasMessageContaining("unknown field(s) [remediation] in the event");
    }

    @Test
    void request_emptyEventWithConfiguredControls_ownsEveryFindingOfTheTarget() throws IOException {
        HandlerConfig config = HandlerConfig.from(Map.of("AWS_REGION", "eu-west-1", "CONTROLS",
                "CloudWatch.1,CloudWatch.4", "CONFIRM_WITH_AWS", "true"));

        ScanRequest request = Invocation.request(event("empty.json"), config);

        assertThat(request.controls()).extracting(Control::id).containsExactly("CloudWatch.1", "CloudWatch.4");
        assertThat(request.findingScope()).isEqualTo(FindingScope.ALL);
        assertThat(request.target()).isEqualTo(Target.caller(Region.EU_WEST_1));
        assertThat(request.confirmWithAws()).isTrue();
        assertThat(request.trigger().describe()).isEqualTo("direct");
    }

    @ParameterizedTest
    @CsvSource({"overrides.json, 'CloudWatch.1,CloudWatch.4', EXACT", "one-control.json, CloudWatch.6, SEMANTIC"})
    void request_eventNamingControls_ownsOnlyTheirFindings(String file, String controls, PatternMode mode)
            throws IOException {
        ScanRequest request = Invocation.request(event(file), CONFIG);

        assertThat(request.controls()).extracting(Control::id).containsExactly(controls.split(","));
        assertThat(request.patternMode()).isEqualTo(mode);
        assertThat(request.findingScope()).isEqualTo(FindingScope.JUDGED);
        assertThat(request.publish()).isTrue();
    }

    @Test
    void request_overridesWithoutControls_keepTheConfiguredControlsAndScope() {
        ObjectNode exact = JSON.createObjectNode().put("patternMode", "exact");

        ScanRequest request = Invocation.request(exact, CONFIG);

        assertThat(request.controls()).isEqualTo(ControlTable.defaults());
        assertThat(request.findingScope()).isEqualTo(FindingScope.ALL);
        assertThat(request.patternMode()).isEqualTo(PatternMode.EXACT);
    }

    @Test
    void request_remediateOverride_usesTheConfiguredDestinationAndItsRules() {
        HandlerConfig config = HandlerConfig.from(Map.of("AWS_REGION", "us-east-1", "NOTIFICATION_EMAIL",
                "secops@example.com"));
        ObjectNode dryRun = JSON.createObjectNode().put("remediate", "dry-run");

        ScanRequest request = Invocation.request(dryRun, config);

        assertThat(request.remediation().mode()).isEqualTo(RemediationMode.DRY_RUN);
        assertThat(request.remediation().notificationEmail()).isEqualTo("secops@example.com");
        assertThat(config.configured().remediation().mode()).isEqualTo(RemediationMode.OFF);
        assertThatThrownBy(() -> Invocation.request(dryRun, CONFIG)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs somewhere to send alarms");
    }

    private static ObjectNode event(String file) throws IOException {
        JsonNode event = JSON.readTree(Files.readString(Path.of("events", file)));
        return (ObjectNode) event;
    }
}
