package dev.cissentinel.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.Chain;
import dev.cissentinel.controls.CisVersions;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every finding's {@code Compliance.RelatedRequirements} names its recommendation in every CIS version that has it,
 * as {@link CisVersions} (the one table) says, and the table follows the benchmarks' numbering: v1.2.0 section 3
 * (fourteen, no Organizations), v1.4.0 to v5.0.0 section 4, v6.0.0 and v7.0.0 section 5, one item number throughout.
 */
class RelatedRequirementsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    static Stream<Control> rows() {
        return ControlTable.all().stream();
    }

    @ParameterizedTest
    @MethodSource("rows")
    void finding_listsEveryVersionOfTheTable(Control control) {
        var finding = new FindingMapper("123456789012", "eu-west-1", "test").map(new ControlResult(control,
                new Verdict.Failed(ReasonCode.NO_MULTI_REGION_TRAIL, Chain.empty(), "none", null)), NOW, NOW);

        List<String> expected = new ArrayList<>();
        CisVersions.numbers(control.id()).forEach((version, number) -> expected.add(
                "CIS AWS Foundations Benchmark " + version + "/" + number));
        assertThat(finding.compliance().relatedRequirements()).isEqualTo(expected)
                .hasSizeLessThanOrEqualTo(AsffLimits.RELATED_REQUIREMENTS);
    }

    @ParameterizedTest
    @MethodSource("rows")
    void table_followsEachVersionsSectionWithOneItemNumber(Control control) {
        var numbers = CisVersions.numbers(control.id());
        String item = control.cisV14().substring(control.cisV14().indexOf('.') + 1);
        for (String version : CisVersions.VERSIONS) {
            String section = version.equals("v1.2.0") ? "3" : version.startsWith("v6") || version.startsWith("v7")
                    ? "5" : "4";
            if (version.equals("v1.2.0") && control.id().equals(ControlTable.ORGANIZATIONS)) {
                assertThat(numbers).as("v1.2.0 has no Organizations recommendation").doesNotContainKey(version);
            } else {
                assertThat(numbers).as(version).containsEntry(version, section + "." + item);
            }
        }
    }

    @Test
    void table_hasARowForEveryControlAndNoOther() {
        assertThat(CisVersions.controlIds()).containsExactlyInAnyOrderElementsOf(
                ControlTable.all().stream().map(Control::id).toList());
        assertThat(CisVersions.VERSIONS).containsExactly("v1.2.0", "v1.4.0", "v1.5.0", "v2.0.0", "v3.0.0",
                "v4.0.1", "v5.0.0", "v6.0.0", "v7.0.0");
    }
}
