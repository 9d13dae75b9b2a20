package dev.cissentinel.scan;

import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Status;
import dev.cissentinel.controls.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The scan result as a table for a 120-column terminal: control, status, reason, chain as far as it got; then,
 * for each control, why (wrapped), and a counterexample event where a filter missed one.
 */
final class ResultTable {

    static final int WIDTH = 120;
    /** The id column fits CloudWatch.14; a longer id (CIS.Organizations) widens it and narrows the chain. */
    private static final int ID_WIDTH = 13;

    private ResultTable() {
    }

    static String render(ScanResult result) {
        StringBuilder out = new StringBuilder();
        out.append("Account ").append(result.accountId()).append(", region ").append(result.region()).append('\n');
        int idWidth = Math.max(ID_WIDTH, result.results().stream().mapToInt(r -> r.control().id().length()).max()
                .orElse(0));
        String row = "%-" + idWidth + "s %-13s %-34s %s";
        int chainWidth = WIDTH - idWidth - 1 - 13 - 1 - 34 - 1;
        out.append(String.format(row, "CONTROL", "STATUS", "REASON", "CHAIN")).append('\n');
        for (ControlResult control : result.results()) {
            Verdict verdict = control.verdict();
            String chain = verdict.chain().links().isEmpty() ? "-" : verdict.chain().describe();
            out.append(String.format(row, control.control().id(), verdict.status(), verdict.reason(),
                    clip(chain, chainWidth))).append('\n');
        }
        out.append('\n');
        for (ControlResult control : result.results()) {
            Verdict verdict = control.verdict();
            out.append(control.control().id()).append(' ').append(control.control().title()).append(": ")
                    .append(verdict.status()).append('\n');
            wrap("  ", verdict.explanation(), out);
            verdict.counterexample().ifPresent(event -> wrap("  ", "Missed event: " + event, out));
            control.noisyExample().ifPresent(event -> wrap("  ", "Noisy: the filter also matches ordinary events the "
                    + "CIS pattern does not, so its alarm fires on routine traffic; e.g. " + event, out));
        }
        var counts = result.counts();
        out.append('\n').append(String.format("%d passed, %d failed, %d not available; %d AWS calls in %d ms%n",
                counts.get(Status.PASSED), counts.get(Status.FAILED), counts.get(Status.NOT_AVAILABLE),
                result.totalAwsCalls(), result.duration().toMillis()));
        return out.toString();
    }

    /** Keeps the end of the chain, where it broke or completed; the trail is named in the explanation below. */
    private static String clip(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }

    /** Word-wraps {@code text} to {@link #WIDTH}, each line indented. */
    static void wrap(String indent, String text, StringBuilder out) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        lines.forEach(l -> out.append(l).append('\n'));
    }
}
