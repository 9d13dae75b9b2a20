package dev.cissentinel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader's pure decisions: when to stop listing alarms, and what it declares it calls. */
class SnapshotReaderTest {

    @ParameterizedTest(name = "{0} pages read, {1} candidate metrics, dimensions {2} -> switch {3}")
    @CsvSource({
            "1, 5, false, false",
            "4, 5, false, false",
            "5, 5, false, true",
            "1, 1, false, true",
            "2, 1, false, true",
            "5, 5, true, false",
            "999, 5, true, false"})
    void switchToPerMetric_pagesAgainstCandidates_switchesOnceListingCostsAsMuchAsAskingPerMetric(int pagesRead,
            int candidates, boolean dimensions, boolean expected) {
        assertThat(SnapshotReader.switchToPerMetric(pagesRead, candidates, dimensions)).isEqualTo(expected);
    }

    /** Cost of the rule for P pages and k candidates (no dimensions): P when P ≤ k, else k pages plus k calls. */
    @ParameterizedTest(name = "P={0}, k={1}")
    @CsvSource({"1, 5", "3, 5", "5, 5", "6, 5", "40, 5", "2, 1", "1000, 1", "7, 20"})
    void switchToPerMetric_anyPageCount_costsAtMostTwiceTheCheaperChoice(int totalPages, int candidates) {
        int calls = 0;
        for (int page = 1; page <= totalPages; page++) {
            calls++;
            boolean more = page < totalPages;
            if (more && SnapshotReader.switchToPerMetric(page, candidates, false)) {
                calls += candidates;
                break;
            }
        }

        int cheaper = Math.min(totalPages, 1 + candidates);
        assertThat(calls).isLessThan(2 * cheaper);
        assertThat(calls).isEqualTo(totalPages <= candidates ? totalPages : 2 * candidates);
    }

    @Test
    void iamActions_listed_areDistinctServiceActions() {
        assertThat(SnapshotReader.IAM_ACTIONS).doesNotHaveDuplicates()
                .allMatch(action -> action.matches("(sts|cloudtrail|logs|cloudwatch|sns):[A-Z][A-Za-z]+"))
                .contains("cloudtrail:GetEventSelectors", "cloudwatch:DescribeAlarmsForMetric");
    }
}
