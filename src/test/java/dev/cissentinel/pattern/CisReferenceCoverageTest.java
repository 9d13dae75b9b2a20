package dev.cissentinel.pattern;

import static dev.cissentinel.pattern.CisReferences.IAM_EVENT_NAMES;
import static dev.cissentinel.pattern.CisReferences.TRAIL_EVENT_NAMES;
import static dev.cissentinel.pattern.CisReferences.eventNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CIS references against realistic deployed variants (issue 4; the ten more recommendations, issue 20):
 * equivalent rewrites and supersets cover; narrower filters do not, and their counterexample is checked field by
 * field.
 */
class CisReferenceCoverageTest {

    /** Marks a counterexample field that must be absent. */
    private static final String ABSENT = "<absent>";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CloudWatch.1", "CloudWatch.2", "CloudWatch.3", "CloudWatch.4", "CloudWatch.5",
        "CloudWatch.6", "CloudWatch.7", "CloudWatch.8", "CloudWatch.9", "CloudWatch.10", "CloudWatch.11",
        "CloudWatch.12", "CloudWatch.13", "CloudWatch.14", "CIS.Organizations"})
    void reference_coversItself(String control) {
        FilterPattern reference = CisReferences.reference(control);
        assertThat(Patterns.covers(reference, reference)).isEqualTo(new Coverage.Covers());
        assertThat(Patterns.covers(FilterPattern.parse(CisReferences.CIS_TEXT.get(control)), reference))
                .as("the bare CIS text covers its event-source-restricted reference").isEqualTo(new Coverage.Covers());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CloudWatch.1", "CloudWatch.2", "CloudWatch.3", "CloudWatch.4", "CloudWatch.5",
        "CloudWatch.6", "CloudWatch.7", "CloudWatch.8", "CloudWatch.9", "CloudWatch.10", "CloudWatch.11",
        "CloudWatch.12", "CloudWatch.13", "CloudWatch.14", "CIS.Organizations"})
    void productionReference_equalsTestReference(String control) {
        Control row = ControlTable.byId(control).orElseThrow();
        FilterPattern test = CisReferences.reference(control);
        assertThat(PatternText.dump(row.reference())).isEqualTo(PatternText.dump(test));
        assertThat(row.cisPattern()).isEqualTo(CisReferences.CIS_TEXT.get(control));
    }

    static Stream<Arguments> covering() {
        String iamShNow = "{($.eventSource=iam.amazonaws.com) && (" + eventNames(IAM_EVENT_NAMES, " || ") + ")}";
        List<String> reversedIam = new ArrayList<>(IAM_EVENT_NAMES);
        Collections.reverse(reversedIam);
        String perSourceBranches = IAM_EVENT_NAMES.stream()
                .map(name -> "$.eventSource=iam.amazonaws.com&&$.eventName=" + name)
                .collect(Collectors.joining("||", "{", "}"));
        List<String> reversedTrail = new ArrayList<>(TRAIL_EVENT_NAMES);
        Collections.reverse(reversedTrail);
        return Stream.of(
                // CloudWatch.1
                Arguments.of("CloudWatch.1", "reordered", "{ $.eventType != \"AwsServiceEvent\" && "
                        + "$.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = \"Root\" }"),
                Arguments.of("CloudWatch.1", "extra parentheses", "{ (($.userIdentity.type = \"Root\") && "
                        + "($.userIdentity.invokedBy NOT EXISTS)) && ($.eventType != \"AwsServiceEvent\") }"),
                Arguments.of("CloudWatch.1", "Security Hub whitespace", "{$.userIdentity.type=\"Root\" && "
                        + "$.userIdentity.invokedBy NOT EXISTS && $.eventType !=\"AwsServiceEvent\"}"),
                Arguments.of("CloudWatch.1", "Quick Start multi-line", "{\n  $.userIdentity.type = \"Root\"\n"
                        + "  && $.userIdentity.invokedBy NOT EXISTS\n  && $.eventType != \"AwsServiceEvent\"\n}"),
                Arguments.of("CloudWatch.1", "unquoted", "{ $.userIdentity.type = Root && "
                        + "$.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent }"),
                Arguments.of("CloudWatch.1", "missing exclusion",
                        "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS }"),
                Arguments.of("CloudWatch.1", "wider wildcard", "{ $.userIdentity.type = \"Ro*\" && "
                        + "$.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"),
                // CloudWatch.2
                Arguments.of("CloudWatch.2", "reordered", "{ ($.eventName != \"HeadBucket\") && ($.sourceIPAddress "
                        + "!= \"delivery.logs.amazonaws.com\") && ($.errorCode = \"AccessDenied*\") || "
                        + "($.errorCode = \"*UnauthorizedOperation\") }"),
                Arguments.of("CloudWatch.2", "explicit grouping", "{ ($.errorCode = \"*UnauthorizedOperation\") || "
                        + "(($.errorCode = \"AccessDenied*\") && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\")"
                        + " && ($.eventName != \"HeadBucket\")) }"),
                Arguments.of("CloudWatch.2", "no whitespace", "{($.errorCode=\"*UnauthorizedOperation\")||"
                        + "($.errorCode=\"AccessDenied*\")&&($.sourceIPAddress!=\"delivery.logs.amazonaws.com\")&&"
                        + "($.eventName!=\"HeadBucket\")}"),
                Arguments.of("CloudWatch.2", "unquoted", "{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode "
                        + "= AccessDenied*) && ($.sourceIPAddress != delivery.logs.amazonaws.com) && "
                        + "($.eventName != HeadBucket) }"),
                Arguments.of("CloudWatch.2", "CIS v1.2 / Security Hub text (missing exclusions)",
                        "{($.errorCode=\"*UnauthorizedOperation\") || ($.errorCode=\"AccessDenied*\")}"),
                Arguments.of("CloudWatch.2", "CIS v1.3-1.5 text (matches nearly everything)",
                        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") || "
                        + "($.sourceIPAddress!=\"delivery.logs.amazonaws.com\") || ($.eventName!=\"HeadBucket\") }"),
                Arguments.of("CloudWatch.2", "one exclusion dropped", "{ ($.errorCode = \"*UnauthorizedOperation\")"
                        + " || ($.errorCode = \"AccessDenied*\") && ($.eventName != \"HeadBucket\") }"),
                // CloudWatch.4
                Arguments.of("CloudWatch.4", "Security Hub text with eventSource", iamShNow),
                Arguments.of("CloudWatch.4", "reversed names, spaced", "{ " + eventNames(reversedIam, " || ") + " }"),
                Arguments.of("CloudWatch.4", "quoted names", "{" + eventNames(IAM_EVENT_NAMES, "||")
                        .replaceAll("= (\\w+)\\)", "= \"$1\")") + "}"),
                Arguments.of("CloudWatch.4", "nested parentheses", "{ ((" + eventNames(IAM_EVENT_NAMES.subList(0, 8),
                        " || ") + ") || (" + eventNames(IAM_EVENT_NAMES.subList(8, 16), " || ") + ")) }"),
                Arguments.of("CloudWatch.4", "more event names", "{ " + eventNames(IAM_EVENT_NAMES, " || ")
                        + " || ($.eventName = CreateUser) || ($.eventName = DeleteUser) }"),
                Arguments.of("CloudWatch.4", "wildcard superset",
                        "{ $.eventSource = iam.amazonaws.com && ($.eventName = *Policy || "
                        + "$.eventName = *PolicyVersion) }"),
                Arguments.of("CloudWatch.4", "one && branch per name (fits in 1024 characters)", perSourceBranches),
                // CloudWatch.5
                Arguments.of("CloudWatch.5", "Security Hub text", "{($.eventName=CreateTrail) || "
                        + "($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || "
                        + "($.eventName=StopLogging)}"),
                Arguments.of("CloudWatch.5", "reversed with eventSource", "{ $.eventSource = cloudtrail.amazonaws.com "
                        + "&& (" + eventNames(reversedTrail, " || ") + ") }"),
                Arguments.of("CloudWatch.5", "more event names", "{ " + eventNames(TRAIL_EVENT_NAMES, " || ")
                        + " || ($.eventName = PutEventSelectors) }"),
                Arguments.of("CloudWatch.5", "wildcard superset", "{ $.eventName = \"*Trail\" || $.eventName = "
                        + "\"*Logging\" }"),
                Arguments.of("CloudWatch.5", "quoted names in extra parentheses",
                        "{ ((($.eventName = \"CreateTrail\") || "
                        + "($.eventName = \"UpdateTrail\")) || (($.eventName = \"DeleteTrail\") || ($.eventName = "
                        + "\"StartLogging\") || ($.eventName = \"StopLogging\"))) }"),
                // CloudWatch.6
                Arguments.of("CloudWatch.6", "Security Hub text",
                        "{($.eventName=ConsoleLogin) && ($.errorMessage=\"Failed authentication\")}"),
                Arguments.of("CloudWatch.6", "reordered and quoted",
                        "{ $.errorMessage = \"Failed authentication\" && $.eventName = \"ConsoleLogin\" }"),
                Arguments.of("CloudWatch.6", "with eventSource", "{ ($.eventSource = signin.amazonaws.com) && "
                        + "($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"),
                Arguments.of("CloudWatch.6", "wider wildcard",
                        "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed*\") }"),
                Arguments.of("CloudWatch.6", "missing condition", "{ $.errorMessage = \"Failed authentication\" }"),
                Arguments.of("CloudWatch.6", "extra parentheses, multi-line", "{\n  ((($.eventName = ConsoleLogin))\n"
                        + "  && ($.errorMessage = \"Failed authentication\"))\n}"),
                Arguments.of("CloudWatch.6", "term pattern inside forced constants", "\"Failed authentication\""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("covering")
    void variant_coversReference(String control, String variant, String deployed) {
        assertThat(Patterns.covers(FilterPattern.parse(deployed), CisReferences.reference(control)))
                .isEqualTo(new Coverage.Covers());
    }

    static Stream<Arguments> narrower() {
        List<String> withoutDetachGroup = IAM_EVENT_NAMES.subList(0, 15);
        return Stream.of(
                // CloudWatch.1
                Arguments.of("CloudWatch.1", "changed case", "{ $.userIdentity.type = \"root\" && "
                        + "$.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }",
                        "/userIdentity/type", "Root"),
                Arguments.of("CloudWatch.1", "IS NULL in place of NOT EXISTS", "{ $.userIdentity.type = \"Root\" && "
                        + "$.userIdentity.invokedBy IS NULL && $.eventType != \"AwsServiceEvent\" }",
                        "/userIdentity/invokedBy", ABSENT),
                Arguments.of("CloudWatch.1", "added exclusion", "{ $.userIdentity.type = \"Root\" && "
                        + "$.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" && "
                        + "$.eventName != \"ConsoleLogin\" }", "/eventName", "ConsoleLogin"),
                Arguments.of("CloudWatch.1", "narrower event type", "{ $.userIdentity.type = \"Root\" && "
                        + "$.userIdentity.invokedBy NOT EXISTS && $.eventType = \"AwsApiCall\" }",
                        "/eventType", "other"),
                // CloudWatch.2
                Arguments.of("CloudWatch.2", "narrowed wildcard AccessDenied* to AccessDenied",
                        "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied\") && "
                        + "($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }",
                        "/errorCode", "AccessDeniedx"),
                Arguments.of("CloudWatch.2", "narrowed wildcard *UnauthorizedOperation",
                        "{ ($.errorCode = \"Client.UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") && "
                        + "($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }",
                        "/errorCode", "UnauthorizedOperation"),
                Arguments.of("CloudWatch.2", "changed case", "{ ($.errorCode = \"*UnauthorizedOperation\") || "
                        + "($.errorCode = \"accessDenied*\") && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") "
                        + "&& ($.eventName != \"HeadBucket\") }", "/errorCode", "AccessDenied"),
                Arguments.of("CloudWatch.2", "added exclusion (the != gotcha)", "{ (($.errorCode = "
                        + "\"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") && ($.sourceIPAddress != "
                        + "\"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\")) && "
                        + "($.userIdentity.invokedBy != \"cloudfront.amazonaws.com\") }",
                        "/userIdentity/invokedBy", "cloudfront.amazonaws.com"),
                Arguments.of("CloudWatch.2", "precedence misread as (U || A) && exclusions",
                        "{ (($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) && "
                        + "($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }",
                        "/errorCode", "UnauthorizedOperation"),
                // CloudWatch.4
                Arguments.of("CloudWatch.4", "dropped DetachGroupPolicy",
                        "{ " + eventNames(withoutDetachGroup, " || ") + " }", "/eventName", "DetachGroupPolicy"),
                Arguments.of("CloudWatch.4", "changed case", "{ " + eventNames(IAM_EVENT_NAMES, " || ")
                        .replace("PutRolePolicy", "putRolePolicy") + " }", "/eventName", "PutRolePolicy"),
                Arguments.of("CloudWatch.4", "narrowed wildcard",
                        "{ $.eventSource = iam.amazonaws.com && $.eventName = *Policy }",
                        "/eventName", "CreatePolicyVersion"),
                Arguments.of("CloudWatch.4", "added exclusion", "{ (" + eventNames(IAM_EVENT_NAMES, " || ")
                        + ") && $.userIdentity.type != \"AssumedRole\" }", "/userIdentity/type", "AssumedRole"),
                Arguments.of("CloudWatch.4", "another event source", "{ $.eventSource = organizations.amazonaws.com"
                        + " && (" + eventNames(IAM_EVENT_NAMES, " || ") + ") }", "/eventSource", "iam.amazonaws.com"),
                // CloudWatch.5
                Arguments.of("CloudWatch.5", "dropped StopLogging",
                        "{ " + eventNames(TRAIL_EVENT_NAMES.subList(0, 4), " || ") + " }", "/eventName", "StopLogging"),
                Arguments.of("CloudWatch.5", "changed case", "{ " + eventNames(TRAIL_EVENT_NAMES, " || ")
                        .replace("DeleteTrail", "Deletetrail") + " }", "/eventName", "DeleteTrail"),
                Arguments.of("CloudWatch.5", "narrowed wildcard", "{ $.eventName = \"*Trail\" || $.eventName = "
                        + "\"Start*\" }", "/eventName", "StopLogging"),
                Arguments.of("CloudWatch.5", "added exclusion", "{ (" + eventNames(TRAIL_EVENT_NAMES, " || ")
                        + ") && ($.userIdentity.type != \"Root\") }", "/userIdentity/type", "Root"),
                // CloudWatch.6
                Arguments.of("CloudWatch.6", "changed case",
                        "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed Authentication\") }",
                        "/errorMessage", "Failed authentication"),
                Arguments.of("CloudWatch.6", "added requirement on responseElements",
                        "{ ($.eventName = ConsoleLogin) && "
                        + "($.errorMessage = \"Failed authentication\") && ($.responseElements.ConsoleLogin = "
                        + "\"Failure\") }", "/responseElements/ConsoleLogin", ABSENT),
                Arguments.of("CloudWatch.6", "added exclusion", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = "
                        + "\"Failed authentication\") && ($.sourceIPAddress != \"192.0.2.1\") }",
                        "/sourceIPAddress", "192.0.2.1"),
                Arguments.of("CloudWatch.6", "another event source", "{ $.eventSource = iam.amazonaws.com && "
                        + "($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }",
                        "/eventSource", "signin.amazonaws.com"),
                Arguments.of("CloudWatch.6", "excluded term that every match contains",
                        "\"Failed authentication\" -ConsoleLogin", "/eventName", "ConsoleLogin"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("narrower")
    void variant_doesNotCover_withCheckedCounterexample(String control, String variant, String deployedText,
            String pointer, String expected) {
        FilterPattern reference = CisReferences.reference(control);
        FilterPattern deployed = FilterPattern.parse(deployedText);

        Coverage coverage = Patterns.covers(deployed, reference);

        assertThat(coverage.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        JsonNode counterexample = ((Coverage.DoesNotCover) coverage).counterexample();
        assertThat(reference.matches(counterexample)).as("reference matches %s", counterexample).isTrue();
        assertThat(deployed.matches(counterexample)).as("deployed misses %s", counterexample).isFalse();
        if (expected.equals(ABSENT)) {
            assertThat(counterexample.at(pointer).isMissingNode()).as("%s absent in %s", pointer, counterexample)
                    .isTrue();
        } else {
            assertThat(counterexample.at(pointer).asText()).as("%s in %s", pointer, counterexample)
                    .isEqualTo(expected);
        }
        if (CisReferences.EVENT_SOURCE.containsKey(control)) {
            assertThat(counterexample.at("/eventSource").asText()).isEqualTo(CisReferences.EVENT_SOURCE.get(control));
        }
        assertThat(((Coverage.DoesNotCover) coverage).explanation()).contains("the reference matches it");
    }

    /** The CIS text of a list control, rewritten: names reversed, or quoted, or with the event source in front. */
    static Stream<Arguments> listVariants() {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (String control : CisReferences.EVENT_LIST_CONTROLS) {
            List<String> reversed = new ArrayList<>(CisReferences.eventNamesOf(control));
            Collections.reverse(reversed);
            String source = CisReferences.EVENT_SOURCE.get(control);
            rows.add(Arguments.of(control, "reversed, with its event source", "{ ($.eventSource = \"" + source
                    + "\") && (" + eventNames(reversed, " || ") + ") }"));
            rows.add(Arguments.of(control, "quoted names", CisReferences.CIS_TEXT.get(control)
                    .replaceAll("(\\$\\.eventName\\s*=\\s*)(\\w+)", "$1\"$2\"")));
            rows.add(Arguments.of(control, "one name per line, no spaces", "{\n" + String.join("||\n",
                    reversed.stream().map(name -> "$.eventName=" + name).toList()) + "\n}"));
            rows.add(Arguments.of(control, "another event name added", "{ " + eventNames(reversed, " || ")
                    + " || ($.eventName = DescribeEverything) }"));
        }
        return rows.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("listVariants")
    void listVariant_coversReference(String control, String variant, String deployed) {
        assertThat(Patterns.covers(FilterPattern.parse(deployed), CisReferences.reference(control)))
                .isEqualTo(new Coverage.Covers());
    }

    static Stream<Arguments> listMissingOneName() {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (String control : CisReferences.EVENT_LIST_CONTROLS) {
            List<String> names = CisReferences.eventNamesOf(control);
            for (String missing : List.of(names.get(0), names.get(names.size() - 1))) {
                List<String> rest = names.stream().filter(name -> !name.equals(missing)).toList();
                rows.add(Arguments.of(control, missing, "{ " + eventNames(rest, " || ") + " }"));
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("listMissingOneName")
    void listMissingOneName_doesNotCover_andShowsThatEvent(String control, String missing, String deployedText) {
        FilterPattern reference = CisReferences.reference(control);
        FilterPattern deployed = FilterPattern.parse(deployedText);

        Coverage coverage = Patterns.covers(deployed, reference);

        assertThat(coverage.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        JsonNode counterexample = ((Coverage.DoesNotCover) coverage).counterexample();
        assertThat(counterexample.at("/eventName").asText()).isEqualTo(missing);
        assertThat(counterexample.at("/eventSource").asText()).isEqualTo(CisReferences.EVENT_SOURCE.get(control));
        assertThat(reference.matches(counterexample)).isTrue();
        assertThat(deployed.matches(counterexample)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // CIS v1.4.0-v3.0.0 (quoted) and v4.0.1+ main texts: without the SSO terms, so wider.
        "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }",
        "{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) }",
        // Security Hub (2021) and now.
        "{($.eventName=\"ConsoleLogin\") && ($.additionalEventData.MFAUsed !=\"Yes\")}",
        "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && "
                + "($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }",
        // Reordered and quoted.
        "{ ($.responseElements.ConsoleLogin = \"Success\") && ($.userIdentity.type = \"IAMUser\") && "
                + "($.additionalEventData.MFAUsed != \"Yes\") && ($.eventName = \"ConsoleLogin\") }"})
    void consoleWithoutMfa_variant_coversReference(String deployed) {
        assertThat(Patterns.covers(FilterPattern.parse(deployed), CisReferences.reference("CloudWatch.3")))
                .isEqualTo(new Coverage.Covers());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{ ($.eventName = ConsoleLogout) && ($.additionalEventData.MFAUsed != Yes) }",
        "{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed = No) }",
        "{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.userIdentity.type = Root) }"})
    void consoleWithoutMfa_narrower_doesNotCover(String deployedText) {
        FilterPattern reference = CisReferences.reference("CloudWatch.3");
        FilterPattern deployed = FilterPattern.parse(deployedText);

        Coverage coverage = Patterns.covers(deployed, reference);

        assertThat(coverage.kind()).isEqualTo(Coverage.Kind.DOES_NOT_COVER);
        JsonNode counterexample = ((Coverage.DoesNotCover) coverage).counterexample();
        assertThat(counterexample.at("/eventName").asText()).isEqualTo("ConsoleLogin");
        assertThat(reference.matches(counterexample)).isTrue();
        assertThat(deployed.matches(counterexample)).isFalse();
    }

    /** CIS v3.0.0+ 4.13 audit text: by precedence only CreateRoute is restricted to EC2; it still covers. */
    @Test
    void routeTables_cisAuditText_covers() {
        String audit = "{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = "
                + "CreateRouteTable) || ($.eventName = ReplaceRoute) || "
                + "($.eventName = ReplaceRouteTableAssociation) || "
                + "($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = "
                + "DisassociateRouteTable) }";

        assertThat(Patterns.covers(FilterPattern.parse(audit), CisReferences.reference("CloudWatch.13")))
                .isEqualTo(new Coverage.Covers());
    }

    /** The pre-v5.0.0 security-group text (and Security Hub's) misses ModifySecurityGroupRules. */
    @Test
    void securityGroups_olderSixEventText_missesModifySecurityGroupRules() {
        String older = "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || "
                + "($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || "
                + "($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}";

        Coverage coverage = Patterns.covers(FilterPattern.parse(older), CisReferences.reference("CloudWatch.10"));

        assertThat(((Coverage.DoesNotCover) coverage).counterexample().at("/eventName").asText())
                .isEqualTo("ModifySecurityGroupRules");
    }

    @Test
    void narrowedRoot_counterexampleReadsLikeACloudTrailRecord() {
        Coverage coverage = Patterns.covers(FilterPattern.parse("{ $.userIdentity.type = \"Root\" && "
                + "$.userIdentity.invokedBy IS NULL && $.eventType != \"AwsServiceEvent\" }"),
                CisReferences.reference("CloudWatch.1"));

        assertThat(((Coverage.DoesNotCover) coverage).counterexample().toString())
                .isEqualTo("{\"userIdentity\":{\"type\":\"Root\"},\"eventType\":\"AwsApiCall\"}");
    }
}
