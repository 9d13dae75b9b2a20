package dev.cissentinel.lambda;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.findings.FindingMapper;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.scan.ToolVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * Runs, once before a SnapStart snapshot, the code an invocation runs, so its classes are loaded and warmed in
 * the snapshot instead of on the first invocation after each restore (which otherwise loads ~5,000 classes, most
 * of them the SDK's Security Hub model): a scan, every read the chain can make, the ASFF mapping and a
 * BatchImportFindings request, each built, marshalled and signed by the real SDK pipeline.
 *
 * <p>Nothing reaches AWS and nothing a snapshot must not hold is kept: the clients here use fixed dummy keys (the
 * function's own credentials are never resolved before the snapshot; SnapStart supplies them after restore),
 * an interceptor stops every request before it is sent, and the clients are closed before returning.
 * Responses are not primed: there are none.
 */
final class SnapStartPriming {

    private static final String ACCOUNT = "000000000000";

    private SnapStartPriming() {
    }

    /** Primes, and returns the (NOT_AVAILABLE) scan result for the caller to render its own way. */
    static ScanResult prime(HandlerConfig config) {
        Region region = config.region();
        String arn = ":" + region.id() + ":" + ACCOUNT + ":";
        try (AwsClients clients = AwsClients.builder().dummyCredentials().interceptor(new NotSent()).build()) {
            ScanResult result = new Scan(clients, new CallRecorder(), Clock.systemUTC())
                    .run(config.configured().withPublish(false));
            // The scan stopped at its first unreadable link; these are the reads further along a chain.
            attempt(() -> clients.cloudTrail(region).getTrailStatus(r -> r.name("arn:aws:cloudtrail" + arn
                    + "trail/priming")));
            attempt(() -> clients.cloudTrail(region).getEventSelectors(r -> r.trailName("arn:aws:cloudtrail" + arn
                    + "trail/priming")));
            attempt(() -> clients.logs(region).describeMetricFilters(r -> r.logGroupName("priming")));
            attempt(() -> clients.cloudWatch(region).describeAlarms(r -> r.maxRecords(100)));
            attempt(() -> clients.cloudWatch(region).describeAlarmsForMetric(r -> r.metricName("Priming")
                    .namespace("CISBenchmark")));
            attempt(() -> clients.sns(region).listSubscriptionsByTopic(r -> r.topicArn("arn:aws:sns" + arn
                    + "priming")));
            Instant now = Instant.now();
            FindingMapper mapper = new FindingMapper(ACCOUNT, region.id(), ToolVersion.get());
            List<AwsSecurityFinding> findings = result.results().stream().map(r -> mapper.map(r, now, now)).toList();
            attempt(() -> clients.securityHub(region).getFindings(r -> r.maxResults(100)));
            attempt(() -> clients.securityHub(region).batchImportFindings(r -> r.findings(findings)));
            return result;
        }
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (SdkException stoppedBeforeSending) {
            // Expected: NotSent ends every request.
        }
    }

    /** Ends each request after signing, just before the HTTP client would send it. */
    private static final class NotSent implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw SdkClientException.create("priming: requests are never sent");
        }
    }
}
