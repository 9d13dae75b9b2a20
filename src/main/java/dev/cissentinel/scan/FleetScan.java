package dev.cissentinel.scan;

import dev.cissentinel.publish.PublishException;
import dev.cissentinel.remediate.ApplyResult;
import dev.cissentinel.remediate.Plan;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.remediate.RemediationOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * A scan of many targets ({@link FleetRequest}): lists the accounts (and, for {@code --regions all}, each account's
 * enabled regions), runs one {@link Scan} per target through the {@link FanOut}, each with its own account's ports,
 * and hands each {@link TargetReport} on as it comes.
 *
 * <p>A target whose role is refused is judged (every control NOT_AVAILABLE, naming the role) and publishes nothing;
 * a target that throws, overruns its deadline, fails to publish or stops remediating is a report with an error;
 * an account whose regions cannot be listed is one such report, in the home region. Nothing stops the others.
 */
public final class FleetScan {

    private final FleetPorts ports;
    private final Clock clock;

    public FleetScan(FleetPorts ports, Clock clock) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Scans every target and hands each report to {@code each}, one at a time, in the order they finish.
     *
     * @throws SdkException when the organization's accounts cannot be listed (nothing was scanned)
     */
    public void execute(FleetRequest request, Consumer<TargetReport> each) {
        Region home = request.home();
        List<TargetAccount> accounts;
        if (request.accounts() instanceof FleetRequest.Accounts.Listed listed) {
            accounts = listed.ids().stream().<TargetAccount>map(TargetAccount.Named::new).toList();
        } else if (request.accounts() instanceof FleetRequest.Accounts.Organization) {
            accounts = ports.organizationAccounts(home).stream().<TargetAccount>map(TargetAccount.Named::new).toList();
        } else {
            accounts = List.of(TargetAccount.CALLER);
        }
        Scan scan = new Scan(ports, clock);
        new FanOut<TargetAccount, Target, TargetReport>(request.concurrency(), request.targetDeadline(), clock,
                request.startBy()).run(
                accounts, new FanOut.Job<>() {
                    @Override
                    public List<Target> targets(TargetAccount account) {
                        List<Region> regions = request.regions() instanceof FleetRequest.Regions.Listed listed
                                ? listed.regions() : ports.enabledRegions(account, home);
                        return regions.stream().map(region -> new Target(account, region)).toList();
                    }

                    @Override
                    public TargetReport scan(Target target) {
                        return scanOne(scan, request.base(), target);
                    }

                    @Override
                    public TargetReport failed(Target target, Throwable why) {
                        return TargetReport.failed(target, "could not scan " + target + ": " + describe(why));
                    }

                    @Override
                    public TargetReport unlisted(TargetAccount account, Throwable why) {
                        return TargetReport.failed(new Target(account, home), "could not list the enabled regions of "
                                + account + " (account:ListRegions): " + describe(why));
                    }

                    @Override
                    public void release(TargetAccount account) {
                        ports.release(account);
                    }
                }, each);
    }

    private TargetReport scanOne(Scan scan, ScanRequest base, Target target) {
        Optional<String> unreachable = ports.unreachable(target);
        ScanRequest one = base.withTargets(List.of(target));
        if (unreachable.isPresent()) {
            one = one.withPublish(false).withRemediation(RemediationOptions.off());
        }
        Optional<String> unpublished = unreachable.filter(why -> base.publish())
                .map(why -> "findings not published: " + why);
        Capture capture = new Capture();
        try {
            ScanOutcome outcome = scan.execute(one, capture);
            Optional<String> error = Optional.empty();
            if (outcome.publishIncomplete()) {
                error = Optional.of("Security Hub rejected " + outcome.published().get().failed().size()
                        + " finding(s)");
            } else if (outcome.applyIncomplete()) {
                error = Optional.of("remediation stopped: " + outcome.applied().get().failure());
            }
            return new TargetReport(target, Optional.of(outcome.result()), Optional.of(outcome), capture.mode,
                    unpublished, error);
        } catch (PublishException e) {
            return new TargetReport(target, Optional.ofNullable(capture.latest), Optional.empty(), capture.mode,
                    unpublished, Optional.of(e.getMessage()));
        }
    }

    private static String describe(Throwable why) {
        return why.getMessage() != null ? why.getMessage() : why.getClass().getSimpleName();
    }

    /** Keeps a target's latest verdicts and remediation mode, for its report. */
    private static final class Capture implements ScanListener {
        private ScanResult latest;
        private RemediationMode mode = RemediationMode.OFF;

        @Override
        public void verdicts(ScanResult result) {
            latest = result;
        }

        @Override
        public void plan(Plan plan, RemediationMode planMode) {
            mode = planMode;
        }

        @Override
        public void applied(ApplyResult result) {
        }
    }
}
