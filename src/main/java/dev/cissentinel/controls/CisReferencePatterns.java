package dev.cissentinel.controls;

import dev.cissentinel.pattern.FilterPattern;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reference filter pattern of each control ({@code controls.md}, "The controls" and "Event sources"): the CIS
 * v2.0+ text, and for CloudWatch.4, .5 and .6 that text {@code &&} the one {@code eventSource} their events come
 * from. A stand-in until the controls table holds these rows; texts from {@code filter-patterns.md} §6.
 */
public final class CisReferencePatterns {

    private static final Map<String, String> CIS_TEXT = Map.of(
            "CloudWatch.1", "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS "
                    + "&& $.eventType != \"AwsServiceEvent\" }",
            "CloudWatch.2", "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") "
                    + "&& ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }",
            "CloudWatch.4", "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)"
                    + "||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)"
                    + "||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)"
                    + "||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)"
                    + "||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)"
                    + "||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)"
                    + "||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}",
            "CloudWatch.5", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) "
                    + "|| ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
            "CloudWatch.6", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }");

    private static final Map<String, String> EVENT_SOURCE = Map.of(
            "CloudWatch.4", "iam.amazonaws.com",
            "CloudWatch.5", "cloudtrail.amazonaws.com",
            "CloudWatch.6", "signin.amazonaws.com");

    private CisReferencePatterns() {
    }

    /** The reference pattern of a control ({@code "CloudWatch.4"}), or empty for an id without one. */
    public static Optional<FilterPattern> reference(String controlId) {
        return cisText(controlId).map(text -> {
            FilterPattern cis = FilterPattern.parse(text);
            String source = EVENT_SOURCE.get(controlId);
            return source == null ? cis
                    : cis.and(FilterPattern.parse("{ $.eventSource = \"" + source + "\" }"));
        });
    }

    /** The CIS text alone (no event-source condition): what {@code --pattern-mode exact} compares with. */
    public static Optional<String> cisText(String controlId) {
        return Optional.ofNullable(CIS_TEXT.get(controlId));
    }

    /** The control ids that have a reference pattern, sorted. */
    public static Set<String> controlIds() {
        return new TreeSet<>(CIS_TEXT.keySet());
    }
}
