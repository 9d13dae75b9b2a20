package dev.cissentinel.scan;

import dev.cissentinel.confirm.CloudWatchLogsTester;
import dev.cissentinel.publish.SecurityHubPublisher;
import dev.cissentinel.remediate.RemediationExecutor;
import dev.cissentinel.snapshot.SnapshotReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of the AWS actions the function can call: each class that calls AWS, with the IAM actions it
 * declares. The least-privilege check compares it with what the integration tests saw called and with what
 * {@code template.yaml} grants; SnapStart priming sends (and stops) one request per action of an invocation.
 */
public final class AwsActions {

    /** Caller class to its declared actions, readers first, in the order an invocation makes them. */
    public static final Map<Class<?>, List<String>> BY_CALLER = byCaller();

    private AwsActions() {
    }

    private static Map<Class<?>, List<String>> byCaller() {
        Map<Class<?>, List<String>> table = new LinkedHashMap<>();
        table.put(SnapshotReader.class, SnapshotReader.IAM_ACTIONS);
        table.put(CloudWatchLogsTester.class, CloudWatchLogsTester.IAM_ACTIONS);
        table.put(SecurityHubPublisher.class, SecurityHubPublisher.IAM_ACTIONS);
        table.put(RemediationExecutor.class, RemediationExecutor.IAM_ACTIONS);
        return Collections.unmodifiableMap(table);
    }

    /**
     * What a scan with remediation off can call: every read, then publishing; with {@code confirmWithAws}, AWS's
     * filter evaluator too.
     */
    public static List<String> scan(boolean confirmWithAws) {
        List<String> actions = new ArrayList<>(SnapshotReader.IAM_ACTIONS);
        if (confirmWithAws) {
            actions.addAll(CloudWatchLogsTester.IAM_ACTIONS);
        }
        actions.addAll(SecurityHubPublisher.IAM_ACTIONS);
        return List.copyOf(actions);
    }
}
