package dev.cissentinel.cli;

import dev.cissentinel.publish.PublishException;
import dev.cissentinel.publish.PublishResult;
import dev.cissentinel.scan.AwsPorts;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.FleetInput;
import dev.cissentinel.scan.FleetRequest;
import dev.cissentinel.scan.FleetScan;
import dev.cissentinel.scan.FleetWriter;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** {@code scan}: judge the controls in one account and region. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan the account the SDK's credentials reach (AWS_ENDPOINT_URL points it at an emulator), or "
                + "many accounts and regions: --accounts or --organization with --role-name, --regions.")
final class ScanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--region", description = "Region to scan (default: AWS_REGION or the SDK's region chain).")
    private String region;

    @Option(names = "--controls", description = "Comma-separated control ids, e.g. CloudWatch.1,CloudWatch.4, "
            + "or all for all 15 (default: CloudWatch.1,.2,.4,.5,.6). A scan that names its controls updates only "
            + "their findings; one without --controls also archives findings of controls cis-sentinel no longer has.")
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

    @Option(names = "--accounts", paramLabel = "ID,ID", description = "Scan these accounts (12-digit ids, "
            + "comma-separated) by assuming --role-name in each; the caller's own account with its own credentials.")
    private String accounts;

    @Option(names = "--organization", description = "Scan every ACTIVE account of the organization "
            + "(organizations:ListAccounts, from the management or a delegated administrator account).")
    private boolean organization;

    @Option(names = "--role-name", paramLabel = "NAME", description = "The role assumed in each scanned account "
            + "other than the caller's: arn:<partition>:iam::<account>:role/NAME, session name cis-sentinel.")
    private String roleName;

    @Option(names = "--link-role-name", paramLabel = "NAME", description = "The role assumed in an account that "
            + "owns a link of a scanned chain (an organization trail's log group, an alarm's topic) to read it there "
            + "(default: --role-name). Without it such links are NOT_AVAILABLE CROSS_ACCOUNT_RESOURCE.")
    private String linkRoleName;

    @Option(names = "--external-id", description = "The external id the member role's trust policy asks for.")
    private String externalId;

    @Option(names = "--regions", paramLabel = "R,R|all", description = "Scan these regions of each account, or all "
            + "of its enabled regions (account:ListRegions). Default: --region alone.")
    private String regions;

    @Option(names = "--concurrency", paramLabel = "N", description = "Targets (account and region) scanned at once, "
            + "1-64 (default: 8).")
    private String concurrency;

    @Option(names = "--quiet", description = "No progress line per finished target on stderr.")
    private boolean quiet;

    @Override
    public Integer call() {
        if (accounts != null || organization || regions != null) {
            return fleet();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanRequest request;
        OutputFormat output;
        Optional<String> linkRole;
        Optional<String> external;
        try {
            request = ScanRequest.parse(region != null ? region : defaultRegion(), controls, patternMode,
                    !noPublish).withRemediation(remediation.options()).withTimeout(ScanInput.timeout(timeout))
                    .withConfirmWithAws(confirmWithAws);
            output = OutputFormat.named(format);
            linkRole = FleetInput.roleName("--link-role-name", linkRoleName)
                    .or(() -> FleetInput.roleName("--role-name", roleName));
            external = FleetInput.externalId(externalId);
            if (external.isPresent() && linkRole.isEmpty()) {
                throw new ConfigurationException("--external-id needs --role-name or --link-role-name");
            }
        } catch (ConfigurationException e) {
            return usageError(spec, e);
        }
        java.time.Clock clock = java.time.Clock.systemUTC();
        try (Scan scan = new Scan(AwsPorts.create(clock).withRoles(Optional.empty(), linkRole, external,
                request.target().region()), clock)) {
            return run(scan, request, output, out, err);
        }
    }

    /** Reading time per target when a scan of many targets has no --timeout: one slow account must not hold a slot. */
    static final java.time.Duration FLEET_READ_TIMEOUT = java.time.Duration.ofMinutes(2);
    /** Beyond the reading time, what judging, confirming and publishing one target may take before it is given up. */
    static final java.time.Duration FLEET_GRACE = java.time.Duration.ofSeconds(90);

    /** {@code --accounts}, {@code --organization} or {@code --regions}: many targets through the fan-out. */
    private int fleet() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FleetRequest request;
        FleetWriter writer;
        try {
            if (accounts != null && organization) {
                throw new ConfigurationException("give --accounts or --organization, not both");
            }
            Optional<String> role = FleetInput.roleName("--role-name", roleName);
            if ((accounts != null || organization) && role.isEmpty()) {
                throw new ConfigurationException((organization ? "--organization" : "--accounts")
                        + " needs --role-name, the role to assume in each account");
            }
            Optional<String> linkRole = FleetInput.roleName("--link-role-name", linkRoleName).or(() -> role);
            Optional<String> external = FleetInput.externalId(externalId);
            if (external.isPresent() && linkRole.isEmpty()) {
                throw new ConfigurationException("--external-id needs --role-name");
            }
            FleetRequest.Accounts which = accounts != null ? new FleetRequest.Accounts.Listed(
                    FleetInput.accounts(accounts)) : organization ? new FleetRequest.Accounts.Organization()
                    : new FleetRequest.Accounts.CallerOnly();
            ScanRequest base = ScanRequest.parse(region != null ? region : defaultRegion(), controls, patternMode,
                    !noPublish).withRemediation(remediation.options()).withConfirmWithAws(confirmWithAws);
            java.time.Duration read = timeout == null ? FLEET_READ_TIMEOUT : ScanInput.timeout(timeout);
            base = base.withTimeout(read);
            FleetRequest.Regions where = regions == null
                    ? new FleetRequest.Regions.Listed(java.util.List.of(base.target().region()))
                    : FleetInput.regions(regions);
            request = new FleetRequest(base, which, where, role, FleetInput.concurrency(concurrency),
                    read.plus(FLEET_GRACE));
            writer = FleetWriter.open(OutputFormat.named(format), out, quiet ? Optional.empty() : Optional.of(err));
            try (AwsPorts ports = AwsPorts.create(java.time.Clock.systemUTC()).withRoles(role, linkRole, external,
                    request.home())) {
                new FleetScan(ports, java.time.Clock.systemUTC()).execute(request, writer);
            } catch (SdkException e) {
                writer.finish(err);
                err.println("cis-sentinel: could not list the organization's accounts (organizations:ListAccounts): "
                        + Quote.message(String.valueOf(e.getMessage())));
                err.flush();
                return ExitCode.FAILED;
            } catch (dev.cissentinel.scan.TargetDiscovery.NoAccounts e) {
                // Nothing scanned is not a pass (README, "Scanning an organization").
                writer.finish(err);
                err.println("cis-sentinel: " + e.getMessage());
                err.flush();
                return ExitCode.FAILED;
            }
        } catch (ConfigurationException e) {
            return usageError(spec, e);
        }
        writer.finish(err);
        return writer.anyError() ? ExitCode.FAILED : writer.anyNotPassed() ? ExitCode.FINDINGS : ExitCode.OK;
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
