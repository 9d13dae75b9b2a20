package dev.cissentinel.scan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * A format that prints one JSON document when the scan ends ({@code --format json}); the document is a
 * {@link Document} rendering, so another such format (OCSF, say) is a rendering and a registry entry.
 */
final class DocumentWriter implements ResultWriter {

    /** Renders the document of a scan that ended. */
    @FunctionalInterface
    interface Document {
        /**
         * @param result the final verdicts (after an apply, the re-scan's)
         * @param mode the remediation mode the scan ran with
         * @param outcome the outcome; empty when publishing failed, so only the verdicts are known
         */
        JsonNode render(ScanResult result, RemediationMode mode, Optional<ScanOutcome> outcome);
    }

    private final PrintWriter out;
    private final Document document;
    private ScanResult latest;
    private RemediationMode mode = RemediationMode.OFF;

    DocumentWriter(PrintWriter out, Document document) {
        this.out = out;
        this.document = document;
    }

    @Override
    public void verdicts(ScanResult result) {
        latest = result;
    }

    @Override
    public void plan(Plan plan, RemediationMode planMode) {
        mode = planMode;
    }

    @Override
    public void finish(Optional<ScanOutcome> outcome) {
        if (latest == null) {
            return;
        }
        out.println(ResultJson.pretty(document.render(outcome.map(ScanOutcome::result).orElse(latest), mode,
                outcome)));
        out.flush();
    }
}
