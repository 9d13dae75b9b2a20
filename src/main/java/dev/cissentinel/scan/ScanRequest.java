package dev.cissentinel.scan;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.remediate.RemediationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;

/**
 * Everything one scan is asked to do, immutable and validated before any AWS call: the CLI ({@code scan},
 * {@code demo}) and the Lambda handler each build one from their input with {@link ScanInput}, and {@link Scan}
 * runs it. Nothing else carries settings.
 *
 * @param targets the accounts and regions to judge, each once; {@link Scan} runs one, {@link FleetScan} one per target
 * @param controls the controls to judge in every target, in table order
 * @param publish send the findings to Security Hub
 * @param timeout how long reading may take before the scan judges what it has ({@link #NO_TIMEOUT}: no limit)
 * @param confirmWithAws after judging, ask CloudWatch Logs' own evaluator ({@code TestMetricFilter}) about the
 *     metric filter behind each PASSED and {@code NO_COVERING_METRIC_FILTER} verdict
 * @param findingScope which existing findings in each target the run owns: {@link FindingScope#ALL} only for a
 *     run with the configured controls (see {@link #ownedScope})
 * @param trigger what started the run, for its logs
 */
public record ScanRequest(List<Target> targets, List<Control> controls, PatternMode patternMode, boolean publish,
        RemediationOptions remediation, Duration timeout, boolean confirmWithAws, FindingScope findingScope,
        Trigger trigger) {

    /** No limit on how long reading may take. */
    public static final Duration NO_TIMEOUT = Duration.ofDays(365);

    public ScanRequest {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a scan needs at least one target");
        }
        if (targets.stream().distinct().count() < targets.size()) {
            throw new IllegalArgumentException("a scan judges each target once: " + targets);
        }
        controls = List.copyOf(controls);
        Objects.requireNonNull(patternMode, "patternMode");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(findingScope, "findingScope");
        Objects.requireNonNull(trigger, "trigger");
    }

    /**
     * The defaults for the caller's account in {@code region}: the default controls, semantic patterns, publishing
     * on, remediation off, no time limit, no confirmation, started from the command line. It judges the configured
     * controls, so it owns all of this tool's findings in the target ({@link FindingScope#ALL}).
     */
    public static ScanRequest of(Region region) {
        return new ScanRequest(List.of(Target.caller(region)), ControlTable.defaults(), PatternMode.SEMANTIC, true,
                RemediationOptions.off(), NO_TIMEOUT, false, FindingScope.ALL, Trigger.commandLine());
    }

    /**
     * Parses the values every caller has (flags, environment or tests); null means the default.
     *
     * @param region e.g. {@code eu-west-1}
     * @param controls comma-separated control ids or {@code all}; blank for the defaults, which makes a full run
     *     ({@link #ownedScope})
     * @param patternMode {@code semantic} or {@code exact}
     */
    public static ScanRequest parse(String region, String controls, String patternMode, boolean publish) {
        boolean named = controls != null && !controls.isBlank();
        return of(ScanInput.region(region)).withControls(ScanInput.controls(controls), ownedScope(named))
                .withPatternMode(ScanInput.patternMode(patternMode)).withPublish(publish);
    }

    /**
     * The rule for which findings a run owns, the same for every trigger: a run that names its controls
     * ({@code --controls}, an event's {@code controls}, a re-check of the controls a change can affect) owns
     * exactly the findings it judges; a run with the configured controls (a schedule, {@code {}}, {@code scan}
     * without {@code --controls}, {@code demo}) owns all of this tool's findings in its targets and archives those
     * of controls that were switched off.
     *
     * @param controlsNamed whether the caller named the controls to judge
     */
    public static FindingScope ownedScope(boolean controlsNamed) {
        return controlsNamed ? FindingScope.JUDGED : FindingScope.ALL;
    }

    /** The one target of a scan that has one (every request {@link Scan} runs). */
    public Target target() {
        if (targets.size() != 1) {
            throw new IllegalStateException("this scan has " + targets.size() + " targets; run each on its own");
        }
        return targets.get(0);
    }

    /** This request with other targets. */
    public ScanRequest withTargets(List<Target> others) {
        return with(copy -> copy.targets = others);
    }

    /** This request judging {@code selected}, owning the findings {@code scope} says. */
    public ScanRequest withControls(List<Control> selected, FindingScope scope) {
        return with(copy -> {
            copy.controls = selected;
            copy.findingScope = scope;
        });
    }

    public ScanRequest withPatternMode(PatternMode mode) {
        return with(copy -> copy.patternMode = mode);
    }

    public ScanRequest withPublish(boolean send) {
        return with(copy -> copy.publish = send);
    }

    public ScanRequest withRemediation(RemediationOptions options) {
        return with(copy -> copy.remediation = options);
    }

    /** This request, reading for at most {@code limit}; then judging what is known. */
    public ScanRequest withTimeout(Duration limit) {
        return with(copy -> copy.timeout = limit);
    }

    /** This request, asking AWS's own evaluator about the filters behind its verdicts when {@code confirm}. */
    public ScanRequest withConfirmWithAws(boolean confirm) {
        return with(copy -> copy.confirmWithAws = confirm);
    }

    public ScanRequest withTrigger(Trigger started) {
        return with(copy -> copy.trigger = started);
    }

    /** A new request: this one's components as {@code change} leaves them, checked again by the constructor. */
    private ScanRequest with(Consumer<Components> change) {
        Components copy = new Components(this);
        change.accept(copy);
        return new ScanRequest(copy.targets, copy.controls, copy.patternMode, copy.publish, copy.remediation,
                copy.timeout, copy.confirmWithAws, copy.findingScope, copy.trigger);
    }

    /** A request's components while a wither changes some: so a new component is added here once, not per wither. */
    private static final class Components {
        private List<Target> targets;
        private List<Control> controls;
        private PatternMode patternMode;
        private boolean publish;
        private RemediationOptions remediation;
        private Duration timeout;
        private boolean confirmWithAws;
        private FindingScope findingScope;
        private Trigger trigger;

        Components(ScanRequest request) {
            targets = request.targets;
            controls = request.controls;
            patternMode = request.patternMode;
            publish = request.publish;
            remediation = request.remediation;
            timeout = request.timeout;
            confirmWithAws = request.confirmWithAws;
            findingScope = request.findingScope;
            trigger = request.trigger;
        }
    }
}
