package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.scan.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handler reads exactly one JSON value from its input, before it builds anything that calls AWS. */
class ScanHandlerEventTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", " {} ", "{}\n", "{\"controls\":[\"CloudWatch.1\"]}"})
    void readEvent_oneJsonValue_read(String text) {
        assertThat(ScanHandler.readEvent(input(text)).isObject()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}x", "{}\n{\"controls\":\"CloudWatch.1\"}", "{} 1", "{}]", "{\"a\":1}}"})
    void readEvent_contentAfterTheValue_refused(String text) {
        assertThatThrownBy(() -> ScanHandler.readEvent(input(text))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("the event is not one JSON value: content follows it at line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "nul"})
    void readEvent_noValue_refused(String text) {
        assertThatThrownBy(() -> ScanHandler.readEvent(input(text))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1} ", "{\"a\": \"", "{\"a\": 1} "})
    void readEvent_hugeBadEvent_errorDoesNotEchoIt(String start) {
        String text = start + "x".repeat(200_000);

        assertThatThrownBy(() -> ScanHandler.readEvent(input(text))).isInstanceOf(ConfigurationException.class)
                .message().doesNotContain("x".repeat(101)).hasSizeLessThan(600);
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
