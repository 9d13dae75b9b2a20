package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.scan.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The event shapes the function accepts and refuses, read from the samples in {@code events/}. */
class InvocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HandlerConfig CONFIG = HandlerConfig.from(Map.of("AWS_REGION", "us-east-1"));

    @ParameterizedTest
    @ValueSource(strings = {"scheduled-rule.json", "scheduler.json"})
    void from_scheduledEventSample_scansWithTheConfiguration(String file) throws IOException {
        Invocation invocation = Invocation.from(event(file), CONFIG);

        assertThat(invocation.trigger()).startsWith("schedule:aws.");
        assertThat(invocation.controls()).isEqualTo(ControlTable.all());
    }

    @Test
    void from_replayedRuleEventAndSchedulerDetailWithNewlines_accepted() throws IOException {
        ObjectNode replayed = event("scheduled-rule.json").put("replay-name", "nightly-replay");
        ObjectNode scheduler = event("scheduler.json").put("detail", "\n{}\n");

        assertThat(Invocation.from(replayed, CONFIG).trigger()).startsWith("schedule:aws.events:");
        assertThat(Invocation.from(scheduler, CONFIG).trigger()).startsWith("schedule:aws.scheduler:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduled-rule.json", "scheduler.json"})
    void from_scheduledEventWithAFieldEventBridgeNeverSends_refused(String file) throws IOException {
        ObjectNode event = event(file);
        event.putObject("controls").put("ids", "CloudWatch.1");

        assertThatThrownBy(() -> Invocation.from(event, CONFIG)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown field(s) [controls] in a scheduled event")
                .hasMessageContaining("EventBridge sends only");
    }

    @Test
    void from_scheduledEventWithAMisspelledField_refused() throws IOException {
        ObjectNode event = event("scheduler.json");
        event.set("detial", event.remove("detail"));

        assertThatThrownBy(() -> Invocation.from(event, CONFIG)).hasMessageContaining("[detial]");
    }

    @Test
    void from_hugeFieldNamesAndValues_quotedBriefly() throws IOException {
        ObjectNode scheduled = event("scheduler.json").put("z".repeat(5000), 1);
        ObjectNode overrides = JSON.createObjectNode().put("patternMode", 1);
        overrides.putArray("controls").add("q".repeat(5000));
        ObjectNode wrongType = JSON.createObjectNode().set("patternMode", JSON.createArrayNode().add("w".repeat(5000)));

        assertThatThrownBy(() -> Invocation.from(scheduled, CONFIG)).hasMessageContaining("(5000 characters)")
                .message().hasSizeLessThan(500);
        assertThatThrownBy(() -> Invocation.from(overrides, CONFIG)).message().hasSizeLessThan(500);
        assertThatThrownBy(() -> Invocation.from(wrongType, CONFIG)).hasMessageContaining("patternMode must be a "
                + "string, not array").message().hasSizeLessThan(500);
    }

    @Test
    void from_overrideEvent_unknownFieldRefused() throws IOException {
        assertThatThrownBy(() -> Invocation.from(event("malformed.json"), CONFIG))
                .hasMessageContaining("unknown field(s) [remediation] in the event");
    }

    private static ObjectNode event(String file) throws IOException {
        JsonNode event = JSON.readTree(Files.readString(Path.of("events", file)));
        return (ObjectNode) event;
    }
}
