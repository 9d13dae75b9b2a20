package dev.cissentinel.cli;

import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.OutputFormat;
import dev.cissentinel.scan.Quote;
import dev.cissentinel.scan.ResultWriter;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanInput;
import dev.cissentinel.scan.ScanOutcome;
import dev.cissentinel.scan.ScanRequest;
import java.io.PrintWriter;
import java.util.Optional;
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

    @Option(names = "--controls", description = "Comma-separated control ids, e.g. CloudWatch.1,CloudWatch.4, "
            + "or all for all 15 (default: CloudWatch.1,.2,.4,.5,.6). A scan that names its controls updates only their findings; one without "
            + "--controls also archives findings of controls cis-sentinel no longer has.")
    private String controls;

    @Option(names = "--format", defaultValue = "table", completionCandidates = FormatNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
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
        ScanRequest request;
        OutputFormat output;
        try {
            request = ScanRequest.parse(region != null ? region : defaultRegion(), controls, patternMode,
                    !noPublish).withRemediation(remediation.options()).withTimeout(ScanInput.timeout(timeout))
                    .withConfirmWithAws(confirmWithAws);
            output = OutputFormat.named(format);
        } catch (ConfigurationException e) {
            return usageError(spec, e);
        }
        try (Scan scan = Scan.create()) {
            return run(scan, request, output, out, err);
        }
    }

    /** Scan, print the verdicts (and plan) in {@code output}, publish; the exit code the README documents. */
    static int run(Scan scan, ScanRequest request, OutputFormat output, PrintWriter out, PrintWriter err) {
        ResultWriter writer = output.open(out);
        ScanOutcome outcome;
        try {
            outcome = scan.execute(request, writer);
        } catch (PublishException e) {
            writer.finish(Optional.empty());
            err.println("cis-sentinel: " + e.getMessage());
            err.flush();
            return ExitCode.FAILED;
        }
        writer.finish(Optional.of(outcome));
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

    /** The names of the output formats, for {@code --format}'s help. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return OutputFormat.ALL.stream().map(OutputFormat::name).iterator();
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
