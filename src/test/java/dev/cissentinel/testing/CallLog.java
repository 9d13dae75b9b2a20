package dev.cissentinel.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every AWS call in order, as {@code "<IAM action> <region>"} (e.g. {@code "logs:DescribeMetricFilters eu-west-1"}),
 * so a test can say where each call was asked. Action names are {@link dev.cissentinel.aws.CallRecorder}'s.
 */
public final class CallLog implements ExecutionInterceptor {

    /** SDK service names whose IAM prefix is not the name in lower case; the rest are. */
    private static final Map<String, String> IAM_PREFIX = Map.of("CloudWatchLogs", "logs");

    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(action(attributes) + " " + attributes.getAttribute(AwsExecutionAttribute.AWS_REGION).id());
    }

    /** The IAM action of the call these attributes describe, e.g. {@code cloudtrail:GetTrailStatus}. */
    public static String action(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        return IAM_PREFIX.getOrDefault(service, service.toLowerCase(Locale.ROOT)) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
