package dev.cissentinel.cli;

import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.ResultJson;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanOutcome;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.scan.ScanSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanSettings settings;
        try {
            settings = ScanSettings.parse(region != null ? region : defaultRegion(), controls, patternMode,
                    !noPublish);
            checkFormat(format);
        } catch (ConfigurationException e) {
            err.println("cis-sentinel: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try (Scan scan = Scan.create()) {
            return run(scan, settings, format, out, err);
        }
    }

    /** Scan, print the verdicts, publish; the exit code of {@code ../shared/docs/interfaces.md}. */
    static int run(Scan scan, ScanSettings settings, String format, PrintWriter out, PrintWriter err) {
        ScanOutcome outcome;
        try {
            outcome = scan.execute(settings, result -> print(result, format, out));
        } catch (PublishException e) {
            err.println("cis-sentinel: " + e.getMessage());
            err.flush();
            return ExitCode.FAILED;
        }
        if (outcome.published().isPresent()) {
            PublishResult published = outcome.published().get();
            err.printf("Security Hub: %d finding(s) imported (%d archived), %d failed%n", published.imported(),
                    published.archived(), published.failed().size());
            published.failed().forEach(failed -> err.printf("  not imported: %s: %s %s%n", failed.id(),
                    failed.errorCode(), failed.errorMessage()));
            err.flush();
            if (outcome.publishIncomplete()) {
                return ExitCode.FAILED;
            }
        }
        return outcome.result().allPassed() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    static void checkFormat(String format) {
        if (!format.equals("table") && !format.equals("json")) {
            throw new ConfigurationException("--format must be table or json, not '" + format + "'");
        }
    }

    static void print(ScanResult result, String format, PrintWriter out) {
        out.print(format.equals("json") ? ResultJson.pretty(result) + System.lineSeparator()
                : ResultTable.render(result));
        out.flush();
    }

    private static String defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (RuntimeException none) {
            return null;
        }
    }
}
