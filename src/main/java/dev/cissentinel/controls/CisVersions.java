package dev.cissentinel.controls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The number each CIS AWS Foundations Benchmark version gives each monitoring recommendation: one table, the only
 * one. A finding's {@code Compliance.RelatedRequirements} lists a control's row ({@link #requirements(String)}), in
 * Security Hub's spelling, {@code CIS AWS Foundations Benchmark v1.4.0/4.3}.
 *
 * <p>Sources. v1.2.0 and v1.4.0: the "Related requirements" of each control on Security Hub's page
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html; Security Hub's own v1.4.0
 * standard leaves out 4.1 and 4.2, so its CloudWatch.2 and .3 name v1.2.0 only, but the benchmark has both). v1.4.0
 * to v7.0.0: the benchmark texts as transcribed in Prowler's {@code prowler/compliance/aws/cis_1.4_aws.json} ...
 * {@code cis_7.0_aws.json} (https://github.com/prowler-cloud/prowler, commit 3e000fa), whose "Monitoring" section
 * lists all fifteen in each of them, with the same order and titles; and Tenable's audit files for v3.0.0 and v4.0.1
 * (https://www.tenable.com/audits), which number Organizations 4.15. No recommendation was dropped or merged between
 * v1.4.0 and v7.0.0: v1.2.0 has fourteen (no Organizations), v1.3.0 added 4.15, v6.0.0 moved the section from 4 to 5.
 * What changed is wording (v4.0.1+: "Ensure ... is monitored", Manual) and one pattern: v5.0.0 added
 * {@code ModifySecurityGroupRules} to the security-group list.
 */
public final class CisVersions {

    /** The versions, in order; the columns of {@link #TABLE}. */
    public static final List<String> VERSIONS = List.of("v1.2.0", "v1.4.0", "v1.5.0", "v2.0.0", "v3.0.0", "v4.0.1",
            "v5.0.0", "v6.0.0", "v7.0.0");

    private static final String NONE = "-";

    /** Control id, then its number in each of {@link #VERSIONS}; {@code -} where the version lacks it. */
    private static final String[][] TABLE = {
        {"CloudWatch.1", "3.3", "4.3", "4.3", "4.3", "4.3", "4.3", "4.3", "5.3", "5.3"},
        {"CloudWatch.2", "3.1", "4.1", "4.1", "4.1", "4.1", "4.1", "4.1", "5.1", "5.1"},
        {"CloudWatch.3", "3.2", "4.2", "4.2", "4.2", "4.2", "4.2", "4.2", "5.2", "5.2"},
        {"CloudWatch.4", "3.4", "4.4", "4.4", "4.4", "4.4", "4.4", "4.4", "5.4", "5.4"},
        {"CloudWatch.5", "3.5", "4.5", "4.5", "4.5", "4.5", "4.5", "4.5", "5.5", "5.5"},
        {"CloudWatch.6", "3.6", "4.6", "4.6", "4.6", "4.6", "4.6", "4.6", "5.6", "5.6"},
        {"CloudWatch.7", "3.7", "4.7", "4.7", "4.7", "4.7", "4.7", "4.7", "5.7", "5.7"},
        {"CloudWatch.8", "3.8", "4.8", "4.8", "4.8", "4.8", "4.8", "4.8", "5.8", "5.8"},
        {"CloudWatch.9", "3.9", "4.9", "4.9", "4.9", "4.9", "4.9", "4.9", "5.9", "5.9"},
        {"CloudWatch.10", "3.10", "4.10", "4.10", "4.10", "4.10", "4.10", "4.10", "5.10", "5.10"},
        {"CloudWatch.11", "3.11", "4.11", "4.11", "4.11", "4.11", "4.11", "4.11", "5.11", "5.11"},
        {"CloudWatch.12", "3.12", "4.12", "4.12", "4.12", "4.12", "4.12", "4.12", "5.12", "5.12"},
        {"CloudWatch.13", "3.13", "4.13", "4.13", "4.13", "4.13", "4.13", "4.13", "5.13", "5.13"},
        {"CloudWatch.14", "3.14", "4.14", "4.14", "4.14", "4.14", "4.14", "4.14", "5.14", "5.14"},
        {ControlTable.ORGANIZATIONS, NONE, "4.15", "4.15", "4.15", "4.15", "4.15", "4.15", "5.15", "5.15"},
    };

    private static final Map<String, Map<String, String>> BY_CONTROL = index();

    private CisVersions() {
    }

    /** Version to number for one control, in version order; versions without the recommendation are left out. */
    public static Map<String, String> numbers(String controlId) {
        return Optional.ofNullable(BY_CONTROL.get(controlId)).orElseThrow(() -> new IllegalArgumentException(
                "no CIS versions for control " + controlId));
    }

    /** The number in one version, when that version has the recommendation. */
    public static Optional<String> number(String controlId, String version) {
        return Optional.ofNullable(numbers(controlId).get(version));
    }

    /** {@code CIS AWS Foundations Benchmark v1.2.0/3.3}, ... for ASFF {@code RelatedRequirements} (at most 32). */
    public static List<String> requirements(String controlId) {
        List<String> requirements = new ArrayList<>();
        numbers(controlId).forEach((version, number) -> requirements.add("CIS AWS Foundations Benchmark " + version
                + "/" + number));
        return List.copyOf(requirements);
    }

    /** Every control id the table has a row for, in table order. */
    public static List<String> controlIds() {
        return List.copyOf(BY_CONTROL.keySet());
    }

    private static Map<String, Map<String, String>> index() {
        Map<String, Map<String, String>> index = new LinkedHashMap<>();
        for (String[] row : TABLE) {
            if (row.length != VERSIONS.size() + 1) {
                throw new IllegalStateException("row " + Arrays.toString(row) + " needs one number per version");
            }
            Map<String, String> numbers = new LinkedHashMap<>();
            for (int column = 0; column < VERSIONS.size(); column++) {
                if (!row[column + 1].equals(NONE)) {
                    numbers.put(VERSIONS.get(column), row[column + 1]);
                }
            }
            index.put(row[0], Collections.unmodifiableMap(numbers));
        }
        return Collections.unmodifiableMap(index);
    }
}
