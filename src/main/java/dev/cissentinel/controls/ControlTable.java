package dev.cissentinel.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The controls cis-sentinel judges: one row each. Texts are the CIS v2.0+ wording
 * ({@code docs/controls.md}, The controls; {@code docs/filter-patterns.md} §6); exact mode also accepts
 * Security Hub's spellings.
 */
public final class ControlTable {

    private static final String DOCS = "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#";

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
                    DOCS + "cloudwatch-6"));

    private static final Map<String, Control> BY_ID = index();

    private ControlTable() {
    }

    /** The 16 IAM event names as parenthesised {@code $.eventName=} terms joined by {@code ||}. */
    private static String iamPolicyEventTerms(String separator) {
        return String.join(separator, IAM_POLICY_EVENTS.stream().map(name -> "($.eventName=" + name + ")").toList());
    }

    /** Every control, in id order. */
    public static List<Control> all() {
        return ROWS;
    }

    public static Optional<Control> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * The controls a comma-separated list names ({@code CloudWatch.1,CloudWatch.4}); blank means all. Ids are
     * matched ignoring case.
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones
     */
    public static List<Control> select(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return ROWS;
        }
        List<Control> selected = new ArrayList<>();
        for (String id : commaSeparated.split(",")) {
            if (id.isBlank()) {
                continue;
            }
            Control control = byId(id).orElseThrow(() -> new IllegalArgumentException("unknown control '"
                    + id.trim() + "'; known: " + String.join(", ", ROWS.stream().map(Control::id).toList())));
            if (!selected.contains(control)) {
                selected.add(control);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no control named in '" + commaSeparated + "'");
        }
        return List.copyOf(selected);
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
