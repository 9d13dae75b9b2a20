package dev.cissentinel.scan;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.remediate.RemediationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * Everything one scan is asked to do, immutable and validated before any AWS call: the CLI ({@code scan},
 * {@code demo}) and the Lambda handler each build one from their input with {@link ScanInput}, and {@link Scan}
 * runs it. Nothing else carries settings.
 *
 * @param targets the accounts and regions to judge, each once; today one, the caller's account in one region
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
     * The defaults for the caller's account in {@code region}: every control, semantic patterns, publishing on,
     * remediation off, no time limit, no confirmation, started from the command line. It judges every control, so
     * it owns all of this tool's findings in the target ({@link FindingScope#ALL}).
     */
    public static ScanRequest of(Region region) {
        return new ScanRequest(List.of(Target.caller(region)), ControlTable.all(), PatternMode.SEMANTIC, true,
                RemediationOptions.off(), NO_TIMEOUT, false, FindingScope.ALL, Trigger.commandLine());
    }

    /**
     * Parses the values every caller has (flags, environment or tests); null means the default.
     *
     * @param region e.g. {@code eu-west-1}
     * @param controls comma-separated control ids; blank for all, which makes a full run ({@link #ownedScope})
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

    /** The one target of a scan that has one (every scan today). */
    public Target target() {
        if (targets.size() != 1) {
            throw new IllegalStateException("this scan has " + targets.size() + " targets; run each on its own");
        }
        return targets.get(0);
    }

    /** This request with other targets. */
    public ScanRequest withTargets(List<Target> others) {
        return new ScanRequest(others, controls, patternMode, publish, remediation, timeout, confirmWithAws,
                findingScope, trigger);
    }

    /** This request judging {@code selected}, owning the findings {@code scope} says. */
    public ScanRequest withControls(List<Control> selected, FindingScope scope) {
        return new ScanRequest(targets, selected, patternMode, publish, remediation, timeout, confirmWithAws, scope,
                trigger);
    }

    public ScanRequest withPatternMode(PatternMode mode) {
        return new ScanRequest(targets, controls, mode, publish, remediation, timeout, confirmWithAws, findingScope,
                trigger);
    }

    public ScanRequest withPublish(boolean send) {
        return new ScanRequest(targets, controls, patternMode, send, remediation, timeout, confirmWithAws,
                findingScope, trigger);
    }

    public ScanRequest withRemediation(RemediationOptions options) {
        return new ScanRequest(targets, controls, patternMode, publish, options, timeout, confirmWithAws,
                findingScope, trigger);
    }

    /** This request, reading for at most {@code limit}; then judging what is known. */
    public ScanRequest withTimeout(Duration limit) {
        return new ScanRequest(targets, controls, patternMode, publish, remediation, limit, confirmWithAws,
                findingScope, trigger);
    }

    /** This request, asking AWS's own evaluator about the filters behind its verdicts when {@code confirm}. */
    public ScanRequest withConfirmWithAws(boolean confirm) {
        return new ScanRequest(targets, controls, patternMode, publish, remediation, timeout, confirm, findingScope,
                trigger);
    }

    public ScanRequest withTrigger(Trigger started) {
        return new ScanRequest(targets, controls, patternMode, publish, remediation, timeout, confirmWithAws,
                findingScope, started);
    }
}
