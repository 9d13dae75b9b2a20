package dev.cissentinel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.Coverage;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.JsonEvents;
import dev.cissentinel.pattern.Patterns;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The filter-pattern engine on the five CIS references (issue 4): parsing each reference text, matching it against
 * a realistic CloudTrail record it catches, and deciding coverage of the reference by a reordered variant. Goals:
 * at least 1,000,000 matches/s per core, covers under 1 ms. Figures and command: {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
public class PatternBench {

    /** A realistic CloudTrail record for each control that its reference matches (account ids are examples). */
    private static final Map<String, String> EVENTS = Map.of(
            "CloudWatch.1", "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"Root\",\"principalId\":"
                    + "\"111122223333\",\"arn\":\"arn:aws:iam::111122223333:root\",\"accountId\":\"111122223333\","
                    + "\"accessKeyId\":\"ASIAEXAMPLE\",\"sessionContext\":{\"attributes\":{\"creationDate\":"
                    + "\"2026-11-25T10:00:00Z\",\"mfaAuthenticated\":\"true\"}}},"
                    + "\"eventTime\":\"2026-11-25T10:05:00Z\","
                    + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateAccessKey\",\"awsRegion\":"
                    + "\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"AWS Internal\","
                    + "\"requestParameters\":null,\"responseElements\":{\"accessKey\":{\"accessKeyId\":\"AKIAEXAMPLE\","
                    + "\"status\":\"Active\"}},\"requestID\":\"6f1d9a4e-0000-4000-8000-000000000001\",\"eventID\":"
                    + "\"0c4b1f2e-0000-4000-8000-000000000002\",\"readOnly\":false,\"eventType\":\"AwsApiCall\","
                    + "\"managementEvent\":true,\"recipientAccountId\":\"111122223333\",\"eventCategory\":"
                    + "\"Management\"}",
            "CloudWatch.2", "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":"
                    + "\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\","
                    + "\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"alice\"},\"eventTime\":\"2026-11-25T10:06:00Z\","
                    + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetBucketPolicy\",\"awsRegion\":"
                    + "\"eu-west-1\",\"sourceIPAddress\":\"203.0.113.12\",\"userAgent\":\"aws-cli/2.15.0\","
                    + "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"Access Denied\",\"requestParameters\":"
                    + "{\"bucketName\":\"example-bucket\",\"Host\":\"example-bucket.s3.eu-west-1.amazonaws.com\","
                    + "\"policy\":\"\"},\"responseElements\":null,\"requestID\":\"EXAMPLE123\",\"eventID\":"
                    + "\"0c4b1f2e-0000-4000-8000-000000000003\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
                    + "\"managementEvent\":true,\"recipientAccountId\":\"111122223333\",\"eventCategory\":"
                    + "\"Management\"}",
            "CloudWatch.4", "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":"
                    + "\"AROAEXAMPLE:bob\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/bob\",\"accountId\":"
                    + "\"111122223333\",\"accessKeyId\":\"ASIAEXAMPLE\"},\"eventTime\":\"2026-11-25T10:07:00Z\","
                    + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"DetachGroupPolicy\",\"awsRegion\":"
                    + "\"us-east-1\",\"sourceIPAddress\":\"198.51.100.8\",\"userAgent\":\"console.amazonaws.com\","
                    + "\"requestParameters\":{\"groupName\":\"Admins\",\"policyArn\":"
                    + "\"arn:aws:iam::aws:policy/AdministratorAccess\"},\"responseElements\":null,\"requestID\":"
                    + "\"6f1d9a4e-0000-4000-8000-000000000004\",\"eventID\":\"0c4b1f2e-0000-4000-8000-000000000005\","
                    + "\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":"
                    + "\"111122223333\",\"eventCategory\":\"Management\"}",
            "CloudWatch.5", "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":"
                    + "\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:user/mallory\",\"accountId\":"
                    + "\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"mallory\"},\"eventTime\":"
                    + "\"2026-11-25T10:08:00Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":"
                    + "\"StopLogging\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.50\",\"userAgent\":"
                    + "\"aws-cli/2.15.0\",\"requestParameters\":{\"name\":"
                    + "\"arn:aws:cloudtrail:us-east-1:111122223333:trail/management\"},\"responseElements\":null,"
                    + "\"requestID\":\"6f1d9a4e-0000-4000-8000-000000000006\",\"eventID\":"
                    + "\"0c4b1f2e-0000-4000-8000-000000000007\",\"readOnly\":false,\"eventType\":\"AwsApiCall\","
                    + "\"managementEvent\":true,\"recipientAccountId\":\"111122223333\",\"eventCategory\":"
                    + "\"Management\"}",
            "CloudWatch.6", "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":"
                    + "\"AIDAEXAMPLE\",\"accountId\":\"111122223333\",\"accessKeyId\":\"\",\"userName\":\"carol\"},"
                    + "\"eventTime\":\"2026-11-25T10:09:00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":"
                    + "\"ConsoleLogin\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"192.0.2.33\",\"userAgent\":"
                    + "\"Mozilla/5.0\",\"errorMessage\":\"Failed authentication\",\"requestParameters\":null,"
                    + "\"responseElements\":{\"ConsoleLogin\":\"Failure\"},\"additionalEventData\":{\"LoginTo\":"
                    + "\"https://console.aws.amazon.com/console/home\",\"MobileVersion\":\"No\",\"MFAUsed\":\"No\"},"
                    + "\"eventID\":\"0c4b1f2e-0000-4000-8000-000000000008\",\"readOnly\":false,\"eventType\":"
                    + "\"AwsConsoleSignIn\",\"managementEvent\":true,\"recipientAccountId\":\"111122223333\","
                    + "\"eventCategory\":\"Management\"}");

    /** A deployed filter equivalent to (or wider than) each reference, written differently. */
    private static final Map<String, String> REORDERED = Map.of(
            "CloudWatch.1", "{$.eventType !=\"AwsServiceEvent\" && $.userIdentity.invokedBy NOT EXISTS && "
                    + "$.userIdentity.type=\"Root\"}",
            "CloudWatch.2", "{ ($.eventName != \"HeadBucket\") && "
                    + "($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.errorCode = \"AccessDenied*\") || "
                    + "($.errorCode = \"*UnauthorizedOperation\") }",
            "CloudWatch.4", "{($.eventSource=iam.amazonaws.com) && (($.eventName=DetachGroupPolicy) || "
                    + "($.eventName=AttachGroupPolicy) || ($.eventName=DetachUserPolicy) || "
                    + "($.eventName=AttachUserPolicy) || ($.eventName=DetachRolePolicy) || "
                    + "($.eventName=AttachRolePolicy) || ($.eventName=DeletePolicyVersion) || "
                    + "($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicy) "
                    + "|| ($.eventName=PutUserPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutGroupPolicy) "
                    + "|| ($.eventName=DeleteUserPolicy) || ($.eventName=DeleteRolePolicy) || "
                    + "($.eventName=DeleteGroupPolicy))}",
            "CloudWatch.5", "{ $.eventSource = \"cloudtrail.amazonaws.com\" && ($.eventName = \"StopLogging\" || "
                    + "$.eventName = \"StartLogging\" || $.eventName = \"DeleteTrail\" || $.eventName = \"UpdateTrail\""
                    + " || $.eventName = \"CreateTrail\") }",
            "CloudWatch.6", "{ $.errorMessage = \"Failed authentication\" && $.eventName = \"ConsoleLogin\" }");

    @Param({"CloudWatch.1", "CloudWatch.2", "CloudWatch.4", "CloudWatch.5", "CloudWatch.6"})
    public String control;

    private String referenceText;
    private FilterPattern reference;
    private FilterPattern reordered;
    private JsonNode event;

    @Setup
    public void setUp() {
        referenceText = ControlTable.byId(control).orElseThrow().cisPattern();
        reference = ControlTable.byId(control).orElseThrow().reference();
        reordered = FilterPattern.parse(REORDERED.get(control));
        event = JsonEvents.parse(EVENTS.get(control)).orElseThrow();
        if (!reference.matches(event)) {
            throw new IllegalStateException(control + ": the sample event must match the reference");
        }
        if (Patterns.covers(reordered, reference).kind() != Coverage.Kind.COVERS) {
            throw new IllegalStateException(control + ": the reordered variant must cover the reference");
        }
    }

    /** Parsing the CIS reference text. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public FilterPattern parse() {
        return FilterPattern.parse(referenceText);
    }

    /** Matching the reference (with its event-source condition) against a CloudTrail record it catches. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean matches() {
        return reference.matches(event);
    }

    /** Deciding that the reordered variant covers the reference. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Coverage covers() {
        return Patterns.covers(reordered, reference);
    }
}
