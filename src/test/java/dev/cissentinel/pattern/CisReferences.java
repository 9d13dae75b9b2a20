package dev.cissentinel.pattern;

import java.util.List;
import java.util.Map;

/**
 * The five CIS reference texts of {@code docs/filter-patterns.md} §6, written out once for the pattern tests (the
 * production copy lives in the controls table; a test checks that both agree).
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

    /** Control id to CIS text. */
    static final Map<String, String> CIS_TEXT = Map.of("CloudWatch.1", ROOT, "CloudWatch.2", UNAUTHORIZED,
            "CloudWatch.4", IAM_POLICY, "CloudWatch.5", TRAIL, "CloudWatch.6", CONSOLE);

    /** Control id to the one event source its events come from ({@code docs/controls.md}, The controls). */
    static final Map<String, String> EVENT_SOURCE = Map.of("CloudWatch.4", "iam.amazonaws.com",
            "CloudWatch.5", "cloudtrail.amazonaws.com", "CloudWatch.6", "signin.amazonaws.com");

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
