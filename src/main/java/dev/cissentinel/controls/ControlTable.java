package dev.cissentinel.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The controls cis-sentinel judges: one row each, for the fifteen recommendations of the CIS AWS Foundations
 * Benchmark's monitoring section. CloudWatch.1, .2, .4, .5 and .6 are judged by default ({@link #defaults()});
 * {@code --controls all} selects every row.
 *
 * <p>Sources of the pattern texts: Security Hub's CloudWatch controls
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html, its CLI remediation text) and
 * the CIS AWS Foundations Benchmark's remediation procedures (v1.2.0 section 3; v1.4.0 to v5.0.0 section 4; v6.0.0 and
 * v7.0.0 section 5), as transcribed in Prowler's compliance files {@code prowler/compliance/aws/cis_*_aws.json}
 * (https://github.com/prowler-cloud/prowler). The CIS version each number belongs to is {@link CisVersions}. The
 * CIS texts of v4.0.1 and later drop the quotes around bare names; quoted and unquoted texts mean the same.
 *
 * <p>The Organizations recommendation (CIS v1.4.0+ 4.15, v6.0.0+ 5.15) has no Security Hub control, so its id is
 * ours: {@value #ORGANIZATIONS}. Security Hub's control ids are a service name, a dot and a number, so an id whose
 * part after the dot is a word cannot collide with one (docs/controls.md, "More recommendations").
 */
public final class ControlTable {

    private static final String DOCS = "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#";

    /** Our id for CIS 4.15 / 5.15, "Ensure AWS Organizations changes are monitored". */
    public static final String ORGANIZATIONS = "CIS.Organizations";

    /** What a scan judges when it names no controls: the five cis-sentinel judged before the others were rows. */
    private static final List<String> DEFAULT_IDS = List.of("CloudWatch.1", "CloudWatch.2", "CloudWatch.4",
            "CloudWatch.5", "CloudWatch.6");

    /** The word {@code --controls}, {@code CONTROLS} and the template's {@code Controls} take for every row. */
    public static final String ALL = "all";

    private static final String CHAIN = " on the log group of a multi-region trail, an alarm on its metric that "
            + "fires on one event, and an SNS topic with a confirmed subscriber.";

    private static final List<String> SECURITY_GROUP_EVENTS = List.of("AuthorizeSecurityGroupIngress",
            "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
            "CreateSecurityGroup", "DeleteSecurityGroup", "ModifySecurityGroupRules");
    private static final List<String> NACL_EVENTS = List.of("CreateNetworkAcl", "CreateNetworkAclEntry",
            "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation");
    private static final List<String> GATEWAY_EVENTS = List.of("CreateCustomerGateway", "DeleteCustomerGateway",
            "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway");
    private static final List<String> ROUTE_EVENTS = List.of("CreateRoute", "CreateRouteTable", "ReplaceRoute",
            "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable");
    private static final List<String> VPC_EVENTS = List.of("CreateVpc", "DeleteVpc", "ModifyVpcAttribute",
            "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection",
            "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink",
            "EnableVpcClassicLink");
    private static final List<String> S3_EVENTS = List.of("PutBucketAcl", "PutBucketPolicy", "PutBucketCors",
            "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors",
            "DeleteBucketLifecycle", "DeleteBucketReplication");
    private static final List<String> ORGANIZATIONS_EVENTS = List.of("AcceptHandshake", "AttachPolicy",
            "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization",
            "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType",
            "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization",
            "UpdatePolicy", "UpdateOrganizationalUnit");

    private static final List<String> IAM_POLICY_EVENTS = List.of("DeleteGroupPolicy", "DeleteRolePolicy",
            "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
            "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
            "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy");


    private static final List<Control> ROWS = List.of(
            Control.of("CloudWatch.1", "3.3", "4.3", "Usage of the root user is monitored",
                    "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS "
                            + "&& $.eventType != \"AwsServiceEvent\" }",
                    List.of(),
                    List.of(), "RootAccountUsage",
                    "Create a metric filter for root user activity on the log group of a multi-region trail, an "
                            + "alarm on its metric that fires on one event, and an SNS topic with a confirmed "
                            + "subscriber.",
                    DOCS + "cloudwatch-1"),
            Control.of("CloudWatch.2", "3.1", "4.1", "Unauthorized API calls are monitored",
                    "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") "
                            + "&& ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") "
                            + "&& ($.eventName != \"HeadBucket\") }",
                    List.of("{ ($.errorCode =\"*UnauthorizedOperation\") || ($.errorCode =\"AccessDenied*\") "
                            + "&& ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") "
                            + "&& ($.eventName!=\"HeadBucket\") }",
                            "{($.errorCode=\"*UnauthorizedOperation\") || ($.errorCode=\"AccessDenied*\")}"),
                    List.of(), "UnauthorizedAPICalls",
                    "Create a metric filter for UnauthorizedOperation and AccessDenied errors on the log group of "
                            + "a multi-region trail, an alarm on its metric that fires on one event, and an SNS "
                            + "topic with a confirmed subscriber.",
                    DOCS + "cloudwatch-2"),
            // CIS v1.4.0+ 4.2 / v6.0.0+ 5.2 offers two texts; the second, "to reduce false positives in case
            // Single Sign-On (SSO) is used", is the narrower one and Security Hub's, so both CIS texts cover it and
            // it is the reference (as CloudWatch.4 follows AWS's narrower text, docs/controls.md).
            Control.of("CloudWatch.3", "3.2", "4.2", "Console sign-in without MFA is monitored",
                    "{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) "
                            + "&& ($.userIdentity.type = IAMUser) && ($.responseElements.ConsoleLogin = Success) }",
                    List.of("{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") "
                            + "&& ($.userIdentity.type = \"IAMUser\") "
                            + "&& ($.responseElements.ConsoleLogin = \"Success\") }",
                            "{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) }",
                            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }",
                            "{($.eventName=\"ConsoleLogin\") && ($.additionalEventData.MFAUsed !=\"Yes\")}"),
                    List.of("signin.amazonaws.com"), "ConsoleSignInWithoutMfa",
                    "Create a metric filter for successful ConsoleLogin events of IAM users without MFA" + CHAIN,
                    DOCS + "cloudwatch-3"),
            Control.of("CloudWatch.4", "3.4", "4.4", "IAM policy changes are monitored",
                    "{" + iamPolicyEventTerms("||") + "}",
                    List.of("{" + iamPolicyEventTerms(" || ") + "}",
                            "{($.eventSource=iam.amazonaws.com) && (" + iamPolicyEventTerms(" || ") + ")}"),
                    List.of("iam.amazonaws.com"), "IAMPolicyChanges",
                    "Create a metric filter for the 16 IAM policy-change events on the log group of a "
                            + "multi-region trail, an alarm on its metric that fires on one event, and an SNS "
                            + "topic with a confirmed subscriber.",
                    DOCS + "cloudwatch-4"),
            Control.of("CloudWatch.5", "3.5", "4.5", "CloudTrail configuration changes are monitored",
                    "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) "
                            + "|| ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
                    List.of(),
                    List.of("cloudtrail.amazonaws.com"), "CloudTrailConfigChanges",
                    "Create a metric filter for CreateTrail, UpdateTrail, DeleteTrail, StartLogging and "
                            + "StopLogging on the log group of a multi-region trail, an alarm on its metric that "
                            + "fires on one event, and an SNS topic with a confirmed subscriber.",
                    DOCS + "cloudwatch-5"),
            Control.of("CloudWatch.6", "3.6", "4.6", "Failed console sign-ins are monitored",
                    "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }",
                    List.of(),
                    List.of("signin.amazonaws.com"), "ConsoleSignInFailures",
                    "Create a metric filter for failed ConsoleLogin events on the log group of a multi-region "
                            + "trail, an alarm on its metric that fires on one event, and an SNS topic with a "
                            + "confirmed subscriber.",
                    DOCS + "cloudwatch-6"),
            Control.of("CloudWatch.7", "3.7", "4.7", "Disabling or scheduled deletion of customer managed keys is "
                    + "monitored",
                    "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)"
                            + "||($.eventName=ScheduleKeyDeletion)) }",
                    List.of("{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || "
                            + "($.eventName=ScheduleKeyDeletion))}"),
                    List.of("kms.amazonaws.com"), "DisableOrDeleteCMK",
                    "Create a metric filter for the KMS events DisableKey and ScheduleKeyDeletion" + CHAIN,
                    DOCS + "cloudwatch-7"),
            Control.of("CloudWatch.8", "3.8", "4.8", "S3 bucket policy changes are monitored",
                    "{ ($.eventSource = s3.amazonaws.com) && (" + eventNames(S3_EVENTS, " || ") + ") }",
                    List.of("{($.eventSource=s3.amazonaws.com) && (" + compactEventNames(S3_EVENTS, " || ") + ")}"),
                    List.of("s3.amazonaws.com"), "S3BucketPolicyChanges",
                    "Create a metric filter for the 9 S3 bucket ACL, policy, CORS, lifecycle and replication "
                            + "change events" + CHAIN,
                    DOCS + "cloudwatch-8"),
            Control.of("CloudWatch.9", "3.9", "4.9", "AWS Config configuration changes are monitored",
                    "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)"
                            + "||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)"
                            + "||($.eventName=PutConfigurationRecorder)) }",
                    List.of("{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || "
                            + "($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || "
                            + "($.eventName=PutConfigurationRecorder))}"),
                    List.of("config.amazonaws.com"), "AWSConfigChanges",
                    "Create a metric filter for StopConfigurationRecorder, DeleteDeliveryChannel, PutDeliveryChannel "
                            + "and PutConfigurationRecorder" + CHAIN,
                    DOCS + "cloudwatch-9"),
            // CIS v5.0.0+ adds ModifySecurityGroupRules, which changes rules as the other events do; the older
            // six-event text (CIS v1.2.0-v4.0.1, Security Hub) misses it, so it does not cover this reference.
            Control.of("CloudWatch.10", "3.10", "4.10", "Security group changes are monitored",
                    "{ " + eventNames(SECURITY_GROUP_EVENTS, " || ") + " }",
                    List.of(),
                    List.of("ec2.amazonaws.com"), "SecurityGroupChanges",
                    "Create a metric filter for the 7 security group events of CIS v5.0.0 and later (including "
                            + "ModifySecurityGroupRules)" + CHAIN,
                    DOCS + "cloudwatch-10"),
            Control.of("CloudWatch.11", "3.11", "4.11", "Network ACL changes are monitored",
                    "{ " + eventNames(NACL_EVENTS, " || ") + " }",
                    List.of("{" + compactEventNames(NACL_EVENTS, " || ") + "}"),
                    List.of("ec2.amazonaws.com"), "NACLChanges",
                    "Create a metric filter for the 6 network ACL change events" + CHAIN,
                    DOCS + "cloudwatch-11"),
            Control.of("CloudWatch.12", "3.12", "4.12", "Network gateway changes are monitored",
                    "{ " + eventNames(GATEWAY_EVENTS, " || ") + " }",
                    List.of("{" + compactEventNames(GATEWAY_EVENTS, " || ") + "}"),
                    List.of("ec2.amazonaws.com"), "NetworkGatewayChanges",
                    "Create a metric filter for the 6 customer and internet gateway change events" + CHAIN,
                    DOCS + "cloudwatch-12"),
            Control.of("CloudWatch.13", "3.13", "4.13", "Route table changes are monitored",
                    "{ " + eventNames(ROUTE_EVENTS, " || ") + " }",
                    List.of("{" + compactEventNames(ROUTE_EVENTS, " || ") + "}"),
                    List.of("ec2.amazonaws.com"), "RouteTableChanges",
                    "Create a metric filter for the 7 route and route table change events" + CHAIN,
                    DOCS + "cloudwatch-13"),
            Control.of("CloudWatch.14", "3.14", "4.14", "VPC changes are monitored",
                    "{ " + eventNames(VPC_EVENTS, " || ") + " }",
                    List.of("{" + compactEventNames(VPC_EVENTS, " || ") + "}"),
                    List.of("ec2.amazonaws.com"), "VPCChanges",
                    "Create a metric filter for the 11 VPC, peering and ClassicLink change events" + CHAIN,
                    DOCS + "cloudwatch-14"),
            // No Security Hub control: CIS v1.4.0-v5.0.0 4.15, v6.0.0+ 5.15 (not in v1.2.0). v1.4.0-v3.0.0 quote
            // the names. AWS documents the Organizations events CloudTrail records at the URL below.
            Control.of(ORGANIZATIONS, "", "4.15", "AWS Organizations changes are monitored",
                    "{ ($.eventSource = organizations.amazonaws.com) && ("
                            + eventNames(ORGANIZATIONS_EVENTS, " || ") + ") }",
                    List.of("{ ($.eventSource = organizations.amazonaws.com) && ("
                            + eventNames(ORGANIZATIONS_EVENTS, " || ").replaceAll("= (\\w+)\\)", "= \"$1\")")
                            + ") }"),
                    List.of("organizations.amazonaws.com"), "OrganizationsChanges",
                    "Create a metric filter for the 18 AWS Organizations change events" + CHAIN,
                    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_cloudtrail-integration.html"));

    private static final Map<String, Control> BY_ID = index();

    private static final List<Control> DEFAULTS = DEFAULT_IDS.stream()
            .map(id -> BY_ID.get(id.toLowerCase(Locale.ROOT))).toList();

    private ControlTable() {
    }

    /** The 16 IAM event names as parenthesised {@code $.eventName=} terms joined by {@code ||}. */
    private static String iamPolicyEventTerms(String separator) {
        return String.join(separator, IAM_POLICY_EVENTS.stream().map(name -> "($.eventName=" + name + ")").toList());
    }

    /** {@code ($.eventName = A) || ($.eventName = B) ...}, as CIS prints its lists. */
    private static String eventNames(List<String> names, String separator) {
        return String.join(separator, names.stream().map(name -> "($.eventName = " + name + ")").toList());
    }

    /** {@code ($.eventName=A) || ...}, as Security Hub prints its lists. */
    private static String compactEventNames(List<String> names, String separator) {
        return String.join(separator, names.stream().map(name -> "($.eventName=" + name + ")").toList());
    }

    /** Every control, in id order ({@code --controls all}). */
    public static List<Control> all() {
        return ROWS;
    }

    /** The controls a scan judges when it names none: CloudWatch.1, .2, .4, .5 and .6. */
    public static List<Control> defaults() {
        return DEFAULTS;
    }

    public static Optional<Control> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * The controls a comma-separated list names ({@code CloudWatch.1,CloudWatch.4}); blank means the defaults,
     * {@code all} every row. Ids and {@code all} are matched ignoring case.
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones
     */
    public static List<Control> select(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return DEFAULTS;
        }
        if (commaSeparated.trim().equalsIgnoreCase(ALL)) {
            return ROWS;
        }
        List<Control> selected = new ArrayList<>();
        for (String id : commaSeparated.split(",")) {
            if (id.isBlank()) {
                continue;
            }
            Control control = byId(id).orElseThrow(() -> new IllegalArgumentException("unknown control '"
                    + id.trim() + "'; known: " + known()));
            if (!selected.contains(control)) {
                selected.add(control);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no control named in '" + commaSeparated + "'");
        }
        return List.copyOf(selected);
    }

    /** The ids a user may name, for messages: every row's id, and {@code all}. */
    public static String known() {
        return String.join(", ", ROWS.stream().map(Control::id).toList()) + " (or " + ALL + ")";
    }

    private static Map<String, Control> index() {
        Map<String, Control> index = new LinkedHashMap<>();
        for (Control row : ROWS) {
            if (index.put(row.id().toLowerCase(Locale.ROOT), row) != null) {
                throw new IllegalStateException("duplicate control id " + row.id());
            }
        }
        return Map.copyOf(index);
    }
}
