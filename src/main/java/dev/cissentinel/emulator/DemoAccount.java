package dev.cissentinel.emulator;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The {@code demo} command's account, seeded on a fresh emulator through the SDK: one good trail, and a chain
 * per control in which some pass and others fail, each for a different, instructive reason.
 *
 * <ul>
 *   <li>CloudWatch.1 passes with a filter whose clauses are reordered and respaced (text checkers fail it).
 *   <li>CloudWatch.2 passes with the shorter CIS v1.2 pattern, which catches more than the v2.0 reference.
 *   <li>CloudWatch.4 fails: the filter forgot {@code DeletePolicyVersion}; the scan shows the event it misses.
 *   <li>CloudWatch.5 fails: the alarm exists but its actions are disabled.
 *   <li>CloudWatch.6 fails: the alarm notifies a topic nobody is subscribed to.
 * </ul>
 *
 * <p>Two of the other recommendations ({@code scan --controls all}) have a chain too: CloudWatch.7 passes with
 * Security Hub's text, and CloudWatch.10 fails with the security-group text of CIS v1.2.0 to v4.0.1, which misses
 * {@code ModifySecurityGroupRules}. The other eight fail: no metric filter is about them.
 */
public final class DemoAccount {

    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCOUNT_ID = "123456789012";
    static final String LOG_GROUP = "cloudtrail/management-events";
    static final String NAMESPACE = "CISBenchmark";

    private DemoAccount() {
    }

    public static void seed(MotoServer server, AwsClients clients) {
        clients.securityHub(REGION).enableSecurityHub(r -> r.enableDefaultStandards(false));
        String bucket = "demo-cloudtrail-" + ACCOUNT_ID;
        server.createBucket(bucket);
        CloudWatchLogsClient logs = clients.logs(REGION);
        logs.createLogGroup(r -> r.logGroupName(LOG_GROUP));
        String groupArn = "arn:aws:logs:" + REGION.id() + ":" + ACCOUNT_ID + ":log-group:" + LOG_GROUP + ":*";
        var cloudTrail = clients.cloudTrail(REGION);
        cloudTrail.createTrail(r -> r.name("organization-trail").s3BucketName(bucket).isMultiRegionTrail(true)
                .cloudWatchLogsLogGroupArn(groupArn)
                .cloudWatchLogsRoleArn("arn:aws:iam::" + ACCOUNT_ID + ":role/CloudTrailToCloudWatchLogs"));
        cloudTrail.startLogging(r -> r.name("organization-trail"));
        // A single-region trail: visible, but it cannot satisfy a multi-region control.
        cloudTrail.createTrail(r -> r.name("legacy-us-east-1-only").s3BucketName(bucket).isMultiRegionTrail(false));

        var sns = clients.sns(REGION);
        String alerts = sns.createTopic(r -> r.name("security-alerts")).topicArn();
        sns.subscribe(r -> r.topicArn(alerts).protocol("email").endpoint("secops@example.com"));
        String unwatched = sns.createTopic(r -> r.name("nobody-listens")).topicArn();

        Map<String, String> patterns = Map.of(
                "CloudWatch.1", "{$.eventType != \"AwsServiceEvent\" && ($.userIdentity.type = Root) && "
                        + "$.userIdentity.invokedBy NOT EXISTS}",
                "CloudWatch.2", "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }",
                "CloudWatch.4", iamPolicyChangesWithout("DeletePolicyVersion"),
                "CloudWatch.5", control("CloudWatch.5").cisPattern(),
                "CloudWatch.6", control("CloudWatch.6").cisPattern(),
                "CloudWatch.7", control("CloudWatch.7").exactTexts().get(1),
                "CloudWatch.10", "{($.eventName=AuthorizeSecurityGroupIngress) || "
                        + "($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || "
                        + "($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || "
                        + "($.eventName=DeleteSecurityGroup)}");
        CloudWatchClient cloudWatch = clients.cloudWatch(REGION);
        for (Control control : ControlTable.all().stream().filter(row -> patterns.containsKey(row.id())).toList()) {
            logs.putMetricFilter(r -> r.logGroupName(LOG_GROUP).filterName(control.metricName())
                    .filterPattern(patterns.get(control.id()))
                    .metricTransformations(t -> t.metricName(control.metricName()).metricNamespace(NAMESPACE)
                            .metricValue("1")));
            boolean enabled = !control.id().equals("CloudWatch.5");
            String topic = control.id().equals("CloudWatch.6") ? unwatched : alerts;
            cloudWatch.putMetricAlarm(r -> r.alarmName(control.metricName() + "-alarm")
                    .metricName(control.metricName()).namespace(NAMESPACE).statistic("Sum").period(300)
                    .evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanOrEqualToThreshold")
                    .treatMissingData("notBreaching").actionsEnabled(enabled).alarmActions(topic));
        }
    }

    private static Control control(String id) {
        return ControlTable.byId(id).orElseThrow();
    }

    /** The CIS IAM pattern with one event name left out, as people often (mis)type it. */
    private static String iamPolicyChangesWithout(String missing) {
        String cis = control("CloudWatch.4").cisPattern();
        String term = "($.eventName=" + missing + ")";
        List<String> terms = List.of(cis.substring(1, cis.length() - 1).split("\\|\\|"));
        return "{ " + String.join(" || ", terms.stream().filter(t -> !t.equals(term)).toList()) + " }";
    }
}
