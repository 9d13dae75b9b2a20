package dev.cissentinel.scan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Status;
import dev.cissentinel.controls.Verdict;
import dev.cissentinel.publish.PublishResult;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Prints a scan of many targets as the reports come ({@link FleetScan}): {@code table}, one row per target and
 * control with the account and region, and a summary per account at the end; or {@code json}, an array with one
 * object per target, each the single-target document ({@code accountId}, {@code region}, {@code summary},
 * {@code controls}, {@code awsCalls}…) plus {@code error} when the target could not be scanned to the end and
 * {@code unpublished} when its findings could not be sent. The array is streamed: nothing but per-account counts
 * is kept, so memory does not grow with the number of targets. With {@code progress}, one line per finished
 * target goes there (stderr).
 */
public final class FleetWriter implements Consumer<TargetReport> {

    private static final String ROW = "%-12s %-14s %-13s %-13s %-34s %s";
    private static final int CHAIN_WIDTH = ResultTable.WIDTH - 12 - 14 - 13 - 13 - 34 - 5;

    private final boolean json;
    private final PrintWriter out;
    private final Optional<PrintWriter> progress;
    private final Map<String, Tally> accounts = new TreeMap<>();
    private int finished;
    private int imported;
    private int archived;
    private int rejected;
    private boolean anyError;
    private boolean anyNotPassed;

    private FleetWriter(boolean json, PrintWriter out, Optional<PrintWriter> progress) {
        this.json = json;
        this.out = out;
        this.progress = progress;
    }

    /**
     * @throws ConfigurationException for a format that prints one target only
     */
    public static FleetWriter open(OutputFormat format, PrintWriter out, Optional<PrintWriter> progress) {
        if (!List.of("table", "json").contains(format.name())) {
            throw new ConfigurationException("--format " + format.name() + " prints one target; a scan of several "
                    + "accounts or regions prints table or json");
        }
        FleetWriter writer = new FleetWriter(format.name().equals("json"), out, progress);
        if (writer.json) {
            out.print("[");
        } else {
            out.println(String.format(ROW, "ACCOUNT", "REGION", "CONTROL", "STATUS", "REASON", "CHAIN"));
        }
        out.flush();
        return writer;
    }

    @Override
    public void accept(TargetReport report) {
        finished++;
        Tally tally = accounts.computeIfAbsent(report.accountId(), id -> new Tally());
        tally.targets++;
        report.result().ifPresent(result -> result.counts().forEach((status, count) ->
                tally.counts.merge(status, count, Integer::sum)));
        if (report.error().isPresent()) {
            tally.errors++;
            anyError = true;
        }
        if (!report.allPassed()) {
            anyNotPassed = true;
        }
        report.outcome().flatMap(ScanOutcome::published).ifPresent(this::add);
        if (json) {
            printJson(report);
        } else {
            printRows(report);
        }
        out.flush();
        progress.ifPresent(err -> {
            err.println("cis-sentinel: [" + finished + "] " + report.accountId() + " " + report.target().region().id()
                    + ": " + report.result().map(FleetWriter::counts).orElse("not scanned")
                    + report.error().map(e -> "; error: " + e).orElse("")
                    + report.unpublished().map(u -> "; " + u).orElse("")
                    + report.result().map(r -> " (" + r.duration().toMillis() + " ms, " + r.totalAwsCalls()
                            + " AWS calls)").orElse(""));
            err.flush();
        });
    }

    private void add(PublishResult published) {
        imported += published.imported();
        archived += published.archived();
        rejected += published.failed().size();
    }

    private void printJson(TargetReport report) {
        ObjectNode node = report.result().map(result -> (ObjectNode) ResultJson.document(result, report.mode(),
                report.outcome())).orElseGet(() -> {
                    ObjectNode empty = JsonNodeFactory.instance.objectNode();
                    empty.put("accountId", report.accountId());
                    empty.put("region", report.target().region().id());
                    return empty;
                });
        report.unpublished().ifPresent(why -> node.put("unpublished", why));
        report.error().ifPresent(why -> node.put("error", why));
        out.print((finished == 1 ? "\n" : ",\n") + ResultJson.pretty(node));
    }

    private void printRows(TargetReport report) {
        String account = report.accountId();
        String region = report.target().region().id();
        if (report.result().isEmpty()) {
            out.println(String.format(ROW, account, region, "-", "ERROR", "-", "-"));
        }
        for (ControlResult control : report.result().map(ScanResult::results).orElse(List.of())) {
            Verdict verdict = control.verdict();
            String chain = verdict.chain().links().isEmpty() ? "-" : verdict.chain().describe();
            out.println(String.format(ROW, account, region, control.control().id(), verdict.status(),
                    verdict.reason(), chain.length() <= CHAIN_WIDTH ? chain
                            : "…" + chain.substring(chain.length() - CHAIN_WIDTH + 1)));
            if (verdict.status() != Status.PASSED) {
                StringBuilder why = new StringBuilder();
                ResultTable.wrap("    ", verdict.explanation(), why);
                out.print(why);
            }
        }
        report.error().ifPresent(why -> {
            StringBuilder text = new StringBuilder();
            ResultTable.wrap("    ", "Error: " + why, text);
            out.print(text);
        });
        report.unpublished().ifPresent(why -> out.println("    " + why));
    }

    /** Ends the output: closes the JSON array, or prints the summary per account; then totals on {@code err}. */
    public void finish(PrintWriter err) {
        if (json) {
            out.println(finished == 0 ? "]" : "\n]");
        } else {
            out.println();
            accounts.forEach((id, tally) -> out.println(String.format(Locale.ROOT,
                    "Account %s: %d target(s), %s%s", id, tally.targets, counts(tally.counts),
                    tally.errors == 0 ? "" : ", " + tally.errors + " not scanned")));
        }
        out.flush();
        err.printf("cis-sentinel: %d target(s) in %d account(s); Security Hub: %d finding(s) imported (%d archived), "
                + "%d failed%n", finished, accounts.size(), imported, archived, rejected);
        err.flush();
    }

    /** Some target could not be scanned to the end (exit 1). */
    public boolean anyError() {
        return anyError;
    }

    /** Some control of some target is FAILED or NOT_AVAILABLE, or a target was not scanned. */
    public boolean anyNotPassed() {
        return anyNotPassed;
    }

    private static String counts(ScanResult result) {
        return counts(result.counts());
    }

    private static String counts(Map<Status, Integer> counts) {
        return counts.getOrDefault(Status.PASSED, 0) + " passed, " + counts.getOrDefault(Status.FAILED, 0)
                + " failed, " + counts.getOrDefault(Status.NOT_AVAILABLE, 0) + " not available";
    }

    private static final class Tally {
        private final Map<Status, Integer> counts = new EnumMap<>(Status.class);
        private int targets;
        private int errors;
    }
}
