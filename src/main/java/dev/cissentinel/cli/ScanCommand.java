package dev.cissentinel.cli;

import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.PlanJson;
import dev.cissentinel.scan.Quote;
import dev.cissentinel.scan.ResultJson;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanListener;
import dev.cissentinel.scan.ScanOutcome;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.scan.ScanSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** {@code scan}: judge the controls in one account and region. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan the account the SDK's credentials reach (AWS_ENDPOINT_URL points it at an emulator).")
final class ScanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--region", description = "Region to scan (default: AWS_REGION or the SDK's region chain).")
    private String region;

    @Option(names = "--controls", description = "Comma-separated control ids, e.g. CloudWatch.1,CloudWatch.4 "
            + "(default: all five).")
    private String controls;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--pattern-mode", defaultValue = "semantic",
            description = "semantic (a filter passes when it catches every event the CIS pattern catches) or exact "
                    + "(the CIS text, whitespace ignored). Default: ${DEFAULT-VALUE}.")
    private String patternMode;

    @Option(names = "--no-publish", description = "Do not send findings to Security Hub.")
    private boolean noPublish;

    @Mixin
    private RemediationFlags remediation;

    @Option(names = "--timeout", description = "Stop reading after this long (90, 90s, 5m) and judge what is "
            + "known; controls left unread are NOT_AVAILABLE with reason DEADLINE. Default: no limit.")
    private String timeout;

    @Option(names = "--confirm-with-aws", description = "After judging, ask CloudWatch Logs' own evaluator "
            + "(logs:TestMetricFilter) about the filter behind each PASSED and NO_COVERING_METRIC_FILTER verdict; "
            + "where AWS disagrees the control becomes NOT_AVAILABLE (AWS_EVALUATOR_DISAGREES).")
    private boolean confirmWithAws;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanSettings settings;
        try {
            settings = ScanSettings.parse(region != null ? region : defaultRegion(), controls, patternMode,
                    !noPublish).withRemediation(remediation.options()).withTimeout(ScanSettings.timeout(timeout))
                    .withConfirmWithAws(confirmWithAws);
            checkFormat(format);
        } catch (ConfigurationException e) {
            return usageError(spec, e);
        }
        try (Scan scan = Scan.create()) {
            return run(scan, settings, format, out, err);
        }
    }

    /** Scan, print the verdicts (and plan), publish; the exit code the README documents. */
    static int run(Scan scan, ScanSettings settings, String format, PrintWriter out, PrintWriter err) {
        Printer printer = new Printer(format, settings.remediation().mode(), out);
        ScanOutcome outcome;
        try {
            outcome = scan.execute(settings, printer);
        } catch (PublishException e) {
            printer.finish(null);
            err.println("cis-sentinel: " + e.getMessage());
            err.flush();
            return ExitCode.FAILED;
        }
        printer.finish(outcome);
        if (outcome.published().isPresent()) {
            PublishResult published = outcome.published().get();
            err.printf("Security Hub: %d finding(s) imported (%d archived), %d failed%n", published.imported(),
                    published.archived(), published.failed().size());
            published.failed().forEach(failed -> err.printf("  not imported: %s: %s %s%n", failed.id(),
                    failed.errorCode(), failed.errorMessage()));
            err.flush();
        }
        if (outcome.publishIncomplete() || outcome.applyIncomplete()) {
            outcome.applied().filter(a -> !a.complete())
                    .ifPresent(a -> err.println("cis-sentinel: remediation stopped: " + a.failure()));
            err.flush();
            return ExitCode.FAILED;
        }
        return outcome.result().allPassed() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    /**
     * Prints as the scan goes: tables (and the plan) at once; JSON as one document at the end, or, if
     * publishing fails, the verdicts it had.
     */
    private static final class Printer implements ScanListener {
        private final boolean json;
        private final RemediationMode mode;
        private final PrintWriter out;
        private ScanResult latest;
        private int scans;

        Printer(String format, RemediationMode mode, PrintWriter out) {
            this.json = format.equals("json");
            this.mode = mode;
            this.out = out;
        }

        @Override
        public void verdicts(ScanResult result) {
            latest = result;
            scans++;
            if (!json) {
                if (scans == 2) {
                    out.println();
                    out.println("After remediation:");
                }
                out.print(ResultTable.render(result));
                out.flush();
            }
        }

        @Override
        public void plan(Plan plan, RemediationMode planMode) {
            if (json) {
                return;
            }
            out.println();
            out.println(plan.isEmpty() ? "Remediation (" + planMode.text() + "): nothing to change."
                    : "Remediation plan (" + planMode.text() + (planMode == RemediationMode.DRY_RUN ? ", nothing sent" : "")
                            + "): " + plan.changes().size() + " change(s)");
            PlanJson.lines(plan).forEach(out::println);
            out.flush();
        }

        @Override
        public void applied(ApplyResult result) {
            if (!json) {
                out.println("Applied " + result.applied().size() + " change(s)"
                        + (result.complete() ? "." : "; stopped: " + result.failure()));
                out.flush();
            }
        }

        void finish(ScanOutcome outcome) {
            if (!json || latest == null) {
                return;
            }
            var root = ResultJson.of(outcome == null ? latest : outcome.result());
            if (outcome != null && outcome.plan().isPresent()) {
                root.set("remediation", PlanJson.of(mode, outcome.plan().get(), outcome.applied()));
            }
            out.println(ResultJson.pretty(root));
            out.flush();
        }
    }

    static void checkFormat(String format) {
        if (!format.equals("table") && !format.equals("json")) {
            throw new ConfigurationException("--format must be table or json, not " + Quote.of(format));
        }
    }

    /** A bad value: one line naming it, one line saying where the options are; exit 2, nothing was called. */
    static int usageError(CommandSpec command, ConfigurationException error) {
        PrintWriter err = command.commandLine().getErr();
        err.println("cis-sentinel: " + Quote.message(error.getMessage()));
        err.println(Main.hint(command));
        err.flush();
        return ExitCode.USAGE;
    }

    private static String defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (RuntimeException none) {
            return null;
        }
    }
}
