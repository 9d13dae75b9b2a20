package dev.cissentinel.aws;

import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls by IAM action ({@code cloudtrail:DescribeTrails}), one per SDK operation however many
 * HTTP attempts its retries take. The scan reports the counts; tests compare the recorded actions with the
 * IAM policy in {@code template.yaml}.
 */
public final class CallRecorder implements ExecutionInterceptor {

    /** SDK service names to IAM action prefixes (they differ for CloudWatch Logs). */
    private static final Map<String, String> IAM_PREFIX = Map.of(
            "CloudTrail", "cloudtrail",
            "CloudWatchLogs", "logs",
            "CloudWatch", "cloudwatch",
            "Sns", "sns",
            "SecurityHub", "securityhub",
            "Sts", "sts",
            "Account", "account",
            "Organizations", "organizations",
            "S3", "s3");

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /**
     * The same calls counted per thread: a synchronous SDK call runs its interceptors on the calling thread, so when
     * several targets are scanned at once, each on its own thread, each target's count is its thread's.
     */
    private final ThreadLocal<Map<String, Integer>> onThread = ThreadLocal.withInitial(TreeMap::new);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String action = action(attributes);
        calls.computeIfAbsent(action, key -> new AtomicInteger()).incrementAndGet();
        onThread.get().merge(action, 1, Integer::sum);
    }

    /** The calls made on this thread since its last {@link #resetThread}, by IAM action, in name order. */
    public SortedMap<String, Integer> threadCounts() {
        return new TreeMap<>(onThread.get());
    }

    /** Starts this thread's count again. */
    public void resetThread() {
        onThread.remove();
    }

    /** The IAM action a call needs, e.g. {@code logs:DescribeMetricFilters}; public for the tests' call recorder. */
    public static String action(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return IAM_PREFIX.getOrDefault(service, service.toLowerCase(Locale.ROOT)) + ":" + operation;
    }

    /** Calls so far, by IAM action, in name order. */
    public SortedMap<String, Integer> counts() {
        SortedMap<String, Integer> out = new TreeMap<>();
        calls.forEach((action, count) -> out.put(action, count.get()));
        return out;
    }

    public int total() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public void reset() {
        calls.clear();
    }
}
