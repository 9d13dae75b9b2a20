package dev.cissentinel.testing;

import dev.cissentinel.aws.CallRecorder;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Every AWS call in order, as {@code "<IAM action> <region>"} (e.g. {@code "logs:DescribeMetricFilters eu-west-1"}),
 * so a test can say where each call was asked. Action names are {@link dev.cissentinel.aws.CallRecorder}'s.
 */
public final class CallLog implements ExecutionInterceptor {

    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(action(attributes) + " " + attributes.getAttribute(AwsExecutionAttribute.AWS_REGION).id());
    }

    /** The IAM action of the call these attributes describe, e.g. {@code cloudtrail:GetTrailStatus}. */
    public static String action(ExecutionAttributes attributes) {
        return CallRecorder.action(attributes);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
