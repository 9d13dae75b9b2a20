package dev.cissentinel.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cissentinel.pattern.Coverage;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.Patterns;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlTableTest {

    static List<Control> rows() {
        return ControlTable.all();
    }

    @Test
    void all_fiveControls_uniqueIdsAndMetricNames() {
        assertThat(ControlTable.all()).extracting(Control::id)
                .containsExactly("CloudWatch.1", "CloudWatch.2", "CloudWatch.4", "CloudWatch.5", "CloudWatch.6");
        assertThat(ControlTable.all()).extracting(Control::metricName).doesNotHaveDuplicates()
                .containsExactly("RootAccountUsage", "UnauthorizedAPICalls", "IAMPolicyChanges",
                        "CloudTrailConfigChanges", "ConsoleSignInFailures");
    }

    @ParameterizedTest
    @MethodSource("rows")
    void row_referenceParsesAndCoversItself_andDocsArePresent(Control control) {
        assertThat(Patterns.covers(control.reference(), control.reference()).kind())
                .isEqualTo(Coverage.Kind.COVERS);
        assertThat(Patterns.covers(FilterPattern.parse(control.cisPattern()), control.reference()).kind())
                .as("the bare CIS text covers the source-restricted reference").isEqualTo(Coverage.Kind.COVERS);
        for (String text : control.exactTexts()) {
            assertThat(Patterns.covers(FilterPattern.parse(text), control.reference()).kind())
                    .as("every text exact mode accepts also covers semantically: %s", text)
                    .isEqualTo(Coverage.Kind.COVERS);
        }
        assertThat(control.documentationUrl()).startsWith("https://docs.aws.amazon.com/securityhub/")
                .endsWith(control.id().toLowerCase().replace('.', '-'));
        assertThat(control.recommendation()).isNotBlank();
        assertThat(control.relatedRequirements()).hasSize(2);
    }

    @Test
    void reference_serviceControls_requireTheirEventSource() {
        Control iam = ControlTable.byId("CloudWatch.4").orElseThrow();
        assertThat(iam.eventSources()).containsExactly("iam.amazonaws.com");
        assertThat(Patterns.covers(FilterPattern.parse("{ $.eventSource = \"organizations.amazonaws.com\" }"),
                iam.reference()).kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        assertThat(ControlTable.byId("CloudWatch.1").orElseThrow().eventSources()).isEmpty();
    }

    @Test
    void select_listOfIds_ignoresCaseAndDuplicates() {
        assertThat(ControlTable.select("cloudwatch.4, CloudWatch.1,CloudWatch.4")).extracting(Control::id)
                .containsExactly("CloudWatch.4", "CloudWatch.1");
        assertThat(ControlTable.select(" ")).hasSize(5);
    }

    @Test
    void select_unknownId_namesItAndTheKnownOnes() {
        assertThatThrownBy(() -> ControlTable.select("CloudWatch.1,CloudWatch.3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'CloudWatch.3'").hasMessageContaining("CloudWatch.6");
    }
}
