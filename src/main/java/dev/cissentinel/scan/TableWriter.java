package dev.cissentinel.scan;

import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import java.io.PrintWriter;
import java.util.Optional;

/** {@code --format table}: each table, the plan and what apply sent, printed the moment the scan has them. */
final class TableWriter implements ResultWriter {

    private final PrintWriter out;
    private int scans;

    TableWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void verdicts(ScanResult result) {
        scans++;
        if (scans == 2) {
            out.println();
            out.println("After remediation:");
        }
        out.print(ResultTable.render(result));
        out.flush();
    }

    @Override
    public void plan(Plan plan, RemediationMode mode) {
        out.println();
        out.println(plan.isEmpty() ? "Remediation (" + mode.text() + "): nothing to change."
                : "Remediation plan (" + mode.text() + (mode == RemediationMode.DRY_RUN ? ", nothing sent" : "")
                        + "): " + plan.changes().size() + " change(s)");
        PlanJson.lines(plan).forEach(out::println);
        out.flush();
    }

    @Override
    public void applied(ApplyResult result) {
        out.println("Applied " + result.applied().size() + " change(s)"
                + (result.complete() ? "." : "; stopped: " + result.failure()));
        out.flush();
    }

    @Override
    public void finish(Optional<ScanOutcome> outcome) {
        // Everything was printed as it came.
    }
}
