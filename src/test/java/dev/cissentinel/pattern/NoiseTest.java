package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Over-broad covering filters: flagged with an ordinary event the reference rejects; the CIS texts are not. */
class NoiseTest {

    /** CIS v1.4.0-v3.0.0 4.1 as printed: an {@code ||} chain ending in {@code $.eventName != "HeadBucket"}. */
    private static final String UNAUTHORIZED_V14 = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = "
            + "\"AccessDenied*\") || ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") || "
            + "($.eventName!=\"HeadBucket\") }";

    /** CIS v4.0.1+ 4.1 (and v2.0.0, v3.0.0 with quotes): {@code &&} binds the exclusions to AccessDenied*. */
    private static final String UNAUTHORIZED_V4 = "{ ($.errorCode =*UnauthorizedOperation) || ($.errorCode "
            + "=AccessDenied*) && ($.sourceIPAddress!=delivery.logs.amazonaws.com) && ($.eventName!=HeadBucket) }";

    private static final Control UNAUTHORIZED = ControlTable.byId("CloudWatch.2").orElseThrow();

    @Test
    void example_cisV14OrText_isNoisyWithAnOrdinaryEvent() {
        FilterPattern filter = FilterPattern.parse(UNAUTHORIZED_V14);
        assertThat(Patterns.covers(filter, UNAUTHORIZED.reference())).isEqualTo(new Coverage.Covers());

        var example = Noise.example(filter, UNAUTHORIZED.reference(), UNAUTHORIZED.eventSources()).orElseThrow();

        assertThat(example.path("eventName").asText()).isEqualTo("DescribeInstances");
        assertThat(example.has("errorCode")).isFalse();
        assertThat(filter.matches(example)).isTrue();
        assertThat(UNAUTHORIZED.reference().matches(example)).isFalse();
    }

    @Test
    void example_cisV4AndText_isNotNoisy() {
        assertThat(Noise.example(FilterPattern.parse(UNAUTHORIZED_V4), UNAUTHORIZED.reference(),
                UNAUTHORIZED.eventSources())).isEmpty();
    }

    static Stream<Control> rows() {
        return ControlTable.all().stream();
    }

    @ParameterizedTest
    @MethodSource("rows")
    void example_everyTextExactModeAccepts_isNotNoisy(Control control) {
        for (String text : control.exactTexts()) {
            assertThat(Noise.example(FilterPattern.parse(text), control.reference(), control.eventSources()))
                    .as(text).isEmpty();
        }
    }

    @Test
    void example_aWholeService_isNoisyWithThatServicesReadOnlyCall() {
        Control iam = ControlTable.byId("CloudWatch.4").orElseThrow();

        var example = Noise.example(FilterPattern.parse("{ $.eventSource = iam.amazonaws.com }"), iam.reference(),
                iam.eventSources()).orElseThrow();

        assertThat(example.path("eventSource").asText()).isEqualTo("iam.amazonaws.com");
        assertThat(example.path("eventName").asText()).isEqualTo("ListTagsForResource");
    }

    @Test
    void example_matchesEverything_isNoisy_andNarrowOnesAreNot() {
        Control root = ControlTable.byId("CloudWatch.1").orElseThrow();
        assertThat(Noise.example(FilterPattern.parse(""), root.reference(), List.of())).isPresent();
        assertThat(Noise.example(FilterPattern.parse("{ $.userIdentity.type = \"Root\" }"), root.reference(),
                List.of())).isEmpty();
    }

    @Test
    void ordinaryEvents_matchNoReference() {
        for (Control control : ControlTable.all()) {
            assertThat(Noise.ordinaryEvents(control.eventSources())).as(control.id())
                    .noneMatch(event -> control.reference().matches(event));
        }
    }
}
