package dev.cissentinel.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CIS reference texts, written out once for the pattern tests (the production copy lives in the controls table; a
 * test checks that both agree). The first five are {@code docs/filter-patterns.md} §6; the others are the CIS v7.0.0
 * remediation texts (5.2, 5.7-5.15; docs/controls.md, "More recommendations").
 */
final class CisReferences {

    static final String ROOT = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS "
            + "&& $.eventType != \"AwsServiceEvent\" }";

    static final String UNAUTHORIZED = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = "
            + "\"AccessDenied*\") && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != "
            + "\"HeadBucket\") }";

    static final List<String> IAM_EVENT_NAMES = List.of("DeleteGroupPolicy", "DeleteRolePolicy",
            "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy",
            "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
            "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy");

    static final String IAM_POLICY = "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)"
            + "||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)"
            + "||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)"
            + "||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)"
            + "||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)"
            + "||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}";

    static final List<String> TRAIL_EVENT_NAMES = List.of("CreateTrail", "UpdateTrail", "DeleteTrail",
            "StartLogging", "StopLogging");

    static final String TRAIL = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = "
            + "DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }";

    static final String CONSOLE = "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }";

    static final String CONSOLE_WITHOUT_MFA = "{ ($.eventName = ConsoleLogin) && "
            + "($.additionalEventData.MFAUsed != Yes) &&"
            + " ($.userIdentity.type = IAMUser) && ($.responseElements.ConsoleLogin = Success) }";

    static final String KMS = "{($.eventSource = kms.amazonaws.com) &&"
            + " (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }";

    static final String S3_POLICY = "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) ||"
            + " ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName ="
            + " PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName ="
            + " DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName ="
            + " DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }";

    static final String CONFIG = "{ ($.eventSource = config.amazonaws.com) &&"
            + " (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.e"
            + "ventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }";

    static final String SECURITY_GROUP = "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName ="
            + " AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) ||"
            + " ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup)"
            + " || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules)"
            + " }";

    static final String NACL = "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) ||"
            + " ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) ||"
            + " ($.eventName = ReplaceNetworkAclEntry) || ($.eventName ="
            + " ReplaceNetworkAclAssociation) }";

    static final String GATEWAY = "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) ||"
            + " ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) ||"
            + " ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }";

    static final String ROUTE_TABLE = "{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || "
            + "($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName ="
            + " DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName ="
            + " DisassociateRouteTable) }";

    static final String VPC = "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName ="
            + " ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName"
            + " = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) ||"
            + " ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc)"
            + " || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink)"
            + " || ($.eventName = EnableVpcClassicLink) }";

    static final String ORGANIZATIONS = "{ ($.eventSource = organizations.amazonaws.com) && "
            + "(($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || "
            + "($.eventName = CreateAccount) || ($.eventName ="
            + " CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName ="
            + " DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName ="
            + " DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName ="
            + " DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName ="
            + " EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName ="
            + " LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName ="
            + " RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName ="
            + " UpdateOrganizationalUnit)) }";

    /** Control id to CIS text. */
    static final Map<String, String> CIS_TEXT = Map.ofEntries(Map.entry("CloudWatch.1", ROOT),
            Map.entry("CloudWatch.2", UNAUTHORIZED), Map.entry("CloudWatch.3", CONSOLE_WITHOUT_MFA),
            Map.entry("CloudWatch.4", IAM_POLICY), Map.entry("CloudWatch.5", TRAIL),
            Map.entry("CloudWatch.6", CONSOLE), Map.entry("CloudWatch.7", KMS), Map.entry("CloudWatch.8", S3_POLICY),
            Map.entry("CloudWatch.9", CONFIG), Map.entry("CloudWatch.10", SECURITY_GROUP),
            Map.entry("CloudWatch.11", NACL), Map.entry("CloudWatch.12", GATEWAY),
            Map.entry("CloudWatch.13", ROUTE_TABLE), Map.entry("CloudWatch.14", VPC),
            Map.entry("CIS.Organizations", ORGANIZATIONS));

    /** Control id to the one event source its events come from ({@code docs/controls.md}, The controls). */
    static final Map<String, String> EVENT_SOURCE = Map.ofEntries(
            Map.entry("CloudWatch.3", "signin.amazonaws.com"),
            Map.entry("CloudWatch.4", "iam.amazonaws.com"), Map.entry("CloudWatch.5", "cloudtrail.amazonaws.com"),
            Map.entry("CloudWatch.6", "signin.amazonaws.com"), Map.entry("CloudWatch.7", "kms.amazonaws.com"),
            Map.entry("CloudWatch.8", "s3.amazonaws.com"), Map.entry("CloudWatch.9", "config.amazonaws.com"),
            Map.entry("CloudWatch.10", "ec2.amazonaws.com"), Map.entry("CloudWatch.11", "ec2.amazonaws.com"),
            Map.entry("CloudWatch.12", "ec2.amazonaws.com"), Map.entry("CloudWatch.13", "ec2.amazonaws.com"),
            Map.entry("CloudWatch.14", "ec2.amazonaws.com"),
            Map.entry("CIS.Organizations", "organizations.amazonaws.com"));

    /** The controls whose CIS text is a list of event names (after an optional {@code $.eventSource} term). */
    static final List<String> EVENT_LIST_CONTROLS = List.of("CloudWatch.7", "CloudWatch.8", "CloudWatch.9",
            "CloudWatch.10", "CloudWatch.11", "CloudWatch.12", "CloudWatch.13", "CloudWatch.14", "CIS.Organizations");

    private static final Pattern EVENT_NAME = Pattern.compile("\\$\\.eventName\\s*=\\s*\"?(\\w+)");

    /** The event names a list control's CIS text names, in its order. */
    static List<String> eventNamesOf(String controlId) {
        Matcher matcher = EVENT_NAME.matcher(CIS_TEXT.get(controlId));
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    private CisReferences() {
    }

    /** The reference of a control: the CIS text, and {@code $.eventSource = source} where the control has one. */
    static FilterPattern reference(String controlId) {
        FilterPattern cis = FilterPattern.parse(CIS_TEXT.get(controlId));
        String source = EVENT_SOURCE.get(controlId);
        return source == null ? cis : cis.and(FilterPattern.parse("{ $.eventSource = \"" + source + "\" }"));
    }

    /** {@code ($.eventName=A) || ($.eventName=B) ...} in the given order and spacing. */
    static String eventNames(List<String> names, String separator) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            if (text.length() > 0) {
                text.append(separator);
            }
            text.append("($.eventName = ").append(name).append(")");
        }
        return text.toString();
    }
}
