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
    void all_fifteenControls_uniqueIdsAndMetricNames() {
        assertThat(ControlTable.all()).extracting(Control::id)
                .containsExactly("CloudWatch.1", "CloudWatch.2", "CloudWatch.3", "CloudWatch.4", "CloudWatch.5",
                        "CloudWatch.6", "CloudWatch.7", "CloudWatch.8", "CloudWatch.9", "CloudWatch.10",
                        "CloudWatch.11", "CloudWatch.12", "CloudWatch.13", "CloudWatch.14", "CIS.Organizations");
        assertThat(ControlTable.all()).extracting(Control::metricName).doesNotHaveDuplicates()
                .containsExactly("RootAccountUsage", "UnauthorizedAPICalls", "ConsoleSignInWithoutMfa",
                        "IAMPolicyChanges", "CloudTrailConfigChanges", "ConsoleSignInFailures", "DisableOrDeleteCMK",
                        "S3BucketPolicyChanges", "AWSConfigChanges", "SecurityGroupChanges", "NACLChanges",
                        "NetworkGatewayChanges", "RouteTableChanges", "VPCChanges", "OrganizationsChanges");
    }

    @Test
    void defaults_theFiveJudgedBeforeTheOthersWereRows() {
        assertThat(ControlTable.defaults()).extracting(Control::id)
                .containsExactly("CloudWatch.1", "CloudWatch.2", "CloudWatch.4", "CloudWatch.5", "CloudWatch.6");
        assertThat(ControlTable.select(null)).isEqualTo(ControlTable.defaults());
        assertThat(ControlTable.select(" ALL ")).isEqualTo(ControlTable.all());
    }

    /** Security Hub's ids are a service and a number; ours must not be able to collide with one. */
    @Test
    void organizations_idCannotCollideWithASecurityHubControlId() {
        assertThat(ControlTable.ORGANIZATIONS).doesNotMatch("[A-Za-z0-9]+\\.[0-9]+");
        assertThat(ControlTable.all()).extracting(Control::id).filteredOn(id -> !id.equals(ControlTable.ORGANIZATIONS))
                .allMatch(id -> id.matches("CloudWatch\\.[0-9]+"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void row_cisNumbersAgreeWithTheVersionTable(Control control) {
        assertThat(CisVersions.number(control.id(), "v1.2.0").orElse("")).isEqualTo(control.cisV12());
        assertThat(CisVersions.number(control.id(), "v1.4.0")).hasValue(control.cisV14());
        assertThat(control.cisPattern().length()).as("fits a metric filter (1024 characters)")
                .isLessThanOrEqualTo(1024);
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
        if (control.id().equals(ControlTable.ORGANIZATIONS)) {
            assertThat(control.documentationUrl()).startsWith("https://docs.aws.amazon.com/organizations/");
        } else {
            assertThat(control.documentationUrl()).startsWith("https://docs.aws.amazon.com/securityhub/")
                    .endsWith(control.id().toLowerCase().replace('.', '-'));
        }
        assertThat(control.recommendation()).isNotBlank();
        assertThat(control.relatedRequirements()).hasSizeBetween(8, 9);
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
        assertThat(ControlTable.select("all")).hasSize(15);
    }

    @Test
    void select_unknownId_namesItAndTheKnownOnes() {
        assertThatThrownBy(() -> ControlTable.select("CloudWatch.1,CloudWatch.15"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'CloudWatch.15'").hasMessageContaining("CIS.Organizations (or all)");
        assertThatThrownBy(() -> ControlTable.select("all,CloudWatch.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'all'");
    }
}
