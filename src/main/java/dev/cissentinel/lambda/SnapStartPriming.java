package dev.cissentinel.lambda;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.findings.FindingMapper;
import dev.cissentinel.remediate.RemediationOptions;
import dev.cissentinel.scan.AwsActions;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.scan.ToolVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * Runs, once before a SnapStart snapshot, the code an invocation runs, so its classes are loaded and warmed in
 * the snapshot instead of on the first invocation after each restore (which otherwise loads ~5,000 classes, most
 * of them the SDK's Security Hub model): a scan, then one request for every action of {@link AwsActions#scan}
 * (every read a chain can make, AWS's filter evaluator when the function confirms, and publishing), the ASFF
 * mapping included; each built, marshalled and signed by the real SDK pipeline, and its answer parsed. The
 * actions come from the table the least-privilege check uses, so a new call is primed as soon as it is declared,
 * or a test fails.
 *
 * <p>Nothing reaches AWS and nothing a snapshot must not hold is kept: the clients here use fixed dummy keys (the
 * function's own credentials are never resolved before the snapshot; SnapStart supplies them after restore),
 * {@link PrimingHttpClient} answers every request from memory without opening a socket, and the clients are
 * closed before returning. Remediation's calls are not primed (off by default), and the priming scan never
 * remediates whatever the configuration says.
 */
final class SnapStartPriming {

    private static final String ACCOUNT = "000000000000";

    private SnapStartPriming() {
    }

    /** Primes, and returns the (NOT_AVAILABLE) scan result for the caller to render its own way. */
    static ScanResult prime(HandlerConfig config) {
        return prime(config, new CallRecorder());
    }

    /** Primes, counting in {@code sent} the requests built (and stopped), by IAM action. */
    static ScanResult prime(HandlerConfig config, CallRecorder sent) {
        Region region = config.region();
        try (AwsClients clients = AwsClients.builder().dummyCredentials().interceptor(sent)
                .httpClient(new PrimingHttpClient()).build()) {
            ScanResult result = new Scan(clients, new CallRecorder(), Clock.systemUTC())
                    .run(config.configured().withPublish(false).withRemediation(RemediationOptions.off()));
            // The scan found no trail in the empty answers: now every action an invocation can call, once.
            Instant now = Instant.now();
            FindingMapper mapper = new FindingMapper(ACCOUNT, region.id(), ToolVersion.get());
            List<AwsSecurityFinding> findings = result.results().stream().map(r -> mapper.map(r, now, now)).toList();
            Map<String, Runnable> requests = requests(clients, region, findings);
            for (String action : AwsActions.scan(config.configured().confirmWithAws())) {
                Runnable request = requests.get(action);
                if (request != null) {
                    attempt(request);
                }
            }
            return result;
        }
    }

    /** One request per IAM action, with values of the shape AWS expects (nothing here is sent). */
    private static Map<String, Runnable> requests(AwsClients clients, Region region,
            List<AwsSecurityFinding> findings) {
        String arn = ":" + region.id() + ":" + ACCOUNT + ":";
        String trail = "arn:aws:cloudtrail" + arn + "trail/priming";
        return Map.ofEntries(
                Map.entry("sts:GetCallerIdentity", () -> clients.sts(region).getCallerIdentity()),
                Map.entry("cloudtrail:DescribeTrails", () -> clients.cloudTrail(region)
                        .describeTrails(r -> r.includeShadowTrails(true))),
                Map.entry("cloudtrail:GetTrailStatus", () -> clients.cloudTrail(region)
                        .getTrailStatus(r -> r.name(trail))),
                Map.entry("cloudtrail:GetEventSelectors", () -> clients.cloudTrail(region)
                        .getEventSelectors(r -> r.trailName(trail))),
                Map.entry("logs:DescribeMetricFilters", () -> clients.logs(region)
                        .describeMetricFilters(r -> r.logGroupName("priming").limit(50))),
                Map.entry("logs:TestMetricFilter", () -> clients.logs(region)
                        .testMetricFilter(r -> r.filterPattern("{ $.eventName = \"ConsoleLogin\" }")
                                .logEventMessages("{\"eventName\":\"ConsoleLogin\"}"))),
                Map.entry("cloudwatch:DescribeAlarms", () -> clients.cloudWatch(region)
                        .describeAlarms(r -> r.maxRecords(100))),
                Map.entry("cloudwatch:DescribeAlarmsForMetric", () -> clients.cloudWatch(region)
                        .describeAlarmsForMetric(r -> r.metricName("Priming").namespace("CISBenchmark"))),
                Map.entry("sns:ListSubscriptionsByTopic", () -> clients.sns(region)
                        .listSubscriptionsByTopic(r -> r.topicArn("arn:aws:sns" + arn + "priming"))),
                Map.entry("securityhub:GetFindings", () -> clients.securityHub(region)
                        .getFindings(r -> r.maxResults(100).filters(f -> f.id(StringFilter.builder()
                                .comparison(StringFilterComparison.PREFIX).value("priming").build())))),
                Map.entry("securityhub:BatchImportFindings", () -> clients.securityHub(region)
                        .batchImportFindings(r -> r.findings(findings))));
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (SdkException unexpectedAnswer) {
            // An answer the SDK refuses still primed the request's path; priming goes on.
        }
    }
}
