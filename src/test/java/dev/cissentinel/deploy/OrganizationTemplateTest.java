package dev.cissentinel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cissentinel.aws.RoleSessions;
import dev.cissentinel.scan.TargetDiscovery;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's organization mode and org/member-role.yaml, without AWS: off by default, what it grants when on,
 * and that the state machine sends the function the events it accepts (ScanHandlerOrganizationTest runs them).
 */
class OrganizationTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final SamTemplate MEMBER = SamTemplate.member();
    private static final Map<String, String> ON = Map.of("OrganizationRoleName", "cis-sentinel-member");
    private static final List<String> RESOURCES = List.of("OrganizationStateMachine", "OrganizationStateMachineRole",
            "OrganizationSchedule", "OrganizationScheduleRole");

    @Test
    void offByDefault_noStateMachineScheduleOrGrant() {
        assertThat(TEMPLATE.condition("OrganizationOn", Map.of())).isFalse();
        for (String resource : RESOURCES) {
            assertThat(TEMPLATE.resource(resource).path("Condition").asText()).as(resource)
                    .isEqualTo("OrganizationOn");
        }
        assertThat(TEMPLATE.grantedActions(Map.of())).doesNotContain("sts:AssumeRole",
                "organizations:ListAccounts", "account:ListRegions");
    }

    @Test
    void on_grantsExactlyWhatTheCentralFunctionCallsWithItsOwnCredentials() {
        Set<String> added = new HashSet<>(TEMPLATE.grantedActions(ON));
        added.removeAll(TEMPLATE.grantedActions(Map.of()));
        Set<String> declared = new TreeSet<>(RoleSessions.IAM_ACTIONS);
        declared.addAll(TargetDiscovery.IAM_ACTIONS);
        declared.removeAll(SamTemplate.NO_GRANT_NEEDED);

        assertThat(added).containsExactlyInAnyOrderElementsOf(declared);
        SamTemplate.Statement statement = TEMPLATE.roleStatements().stream()
                .filter(s -> s.actions().contains("sts:AssumeRole")).findFirst().orElseThrow();
        JsonNode assume = statement.resources().get(0);
        assertThat(TEMPLATE.resolve(assume, ON).asText()).isEqualTo("arn:aws:iam::*:role/cis-sentinel-member");
        // Any account's role, but only inside the caller's own organization.
        assertThat(statement.iamCondition().path("StringEquals").path("aws:ResourceOrgID").asText())
                .isEqualTo("${aws:PrincipalOrgID}");
    }

    /**
     * A batch with a target it could not scan fails with the function's own error (a task failure, not one of
     * Lambda's service errors): it is retried, bounded and backed off, and one failing batch does not fail the run.
     */
    @Test
    void stateMachine_retriesAFailedBatch_andToleratesAFewFailedOnes() {
        JsonNode map = TEMPLATE.resource("OrganizationStateMachine").path("Properties").path("Definition")
                .path("States").path("ScanBatches");
        JsonNode retry = map.path("ItemProcessor").path("States").path("ScanBatch").path("Retry");
        JsonNode own = null;
        for (JsonNode retrier : retry) {
            if (SamTemplate.texts(retrier.path("ErrorEquals")).contains("States.TaskFailed")) {
                own = retrier;
            }
        }
        assertThat(own).as("a retrier for the function's own error").isNotNull();
        assertThat(own.path("MaxAttempts").asInt()).isBetween(1, 3);
        assertThat(own.path("BackoffRate").asDouble()).isGreaterThan(1);
        assertThat(own.path("IntervalSeconds").asInt()).isPositive();
        assertThat(map.path("ToleratedFailurePercentage").asInt()).isBetween(1, 20);
    }

    /**
     * Organization batches invoke their own alias (same version as live), so they never count as the own
     * schedule's runs in MissedRunsAlarm, which counts only the alias live (RecheckTemplateTest).
     */
    @Test
    void stateMachine_invokesItsOwnAlias_notTheSchedules() {
        JsonNode alias = TEMPLATE.resource("OrganizationAlias");
        assertThat(alias.path("Condition").asText()).isEqualTo("OrganizationOn");
        assertThat(alias.path("Properties").path("Name").asText()).isEqualTo("organization");
        assertThat(alias.path("Properties").path("FunctionVersion"))
                .isEqualTo(TEMPLATE.resource("RecheckAlias").path("Properties").path("FunctionVersion"));
        JsonNode invoke = TEMPLATE.resource("OrganizationStateMachineRole").path("Properties").path("Policies").get(0)
                .path("PolicyDocument").path("Statement").get(0);
        assertThat(invoke.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(invoke.path("Resource")).isEqualTo(SamTemplate.ref("OrganizationAlias"));
        String missed = TEMPLATE.resource("MissedRunsAlarm").toString();
        assertThat(missed).contains(":live").doesNotContain(":organization");
    }

    @Test
    void oneReservedRun_isRefusedWithOrganizationMode_sinceTheMapInvokesTenAtOnce() {
        Map<String, String> one = Map.of("ReservedConcurrency", "1", "RecheckOnChange", "false");
        Map<String, String> both = new java.util.HashMap<>(one);
        both.putAll(ON);

        assertThat(TEMPLATE.rulesAccept(one)).isTrue();
        assertThat(TEMPLATE.rulesAccept(both)).isFalse();
        assertThat(TEMPLATE.rulesAccept(ON)).isTrue();
        assertThat(TEMPLATE.root().path("Rules").path("OneReservedRunNeedsNoOrganization").toString())
                .contains("ReservedConcurrency 1 needs OrganizationRoleName empty");
    }

    /** A failed organization run tells the ops topic, as the function's own alarms do. */
    @Test
    void on_failedRunsAlarmNotifiesTheOpsTopic() {
        JsonNode alarm = TEMPLATE.resource("OrganizationFailedRunsAlarm");
        JsonNode properties = alarm.path("Properties");

        assertThat(alarm.path("Condition").asText()).isEqualTo("OrganizationOn");
        assertThat(properties.path("Namespace").asText()).isEqualTo("AWS/States");
        assertThat(properties.path("MetricName").asText()).isEqualTo("ExecutionsFailed");
        assertThat(properties.path("Dimensions").get(0).path("Value"))
                .isEqualTo(SamTemplate.ref("OrganizationStateMachine"));
        assertThat(properties.path("Threshold").asInt()).isEqualTo(1);
        assertThat(properties.path("AlarmActions")).isEqualTo(TEMPLATE.resource("ErrorsAlarm").path("Properties")
                .path("AlarmActions"));
    }

    /**
     * With OrganizationRegions=all the stack's own account is a target in every Region, scanned with the function's
     * own credentials: its Security Hub calls must be allowed there too, in this account only.
     */
    @Test
    void on_ownAccountsSecurityHubInEveryRegion() {
        for (String action : List.of("securityhub:GetFindings", "securityhub:BatchImportFindings")) {
            List<String> resources = TEMPLATE.roleStatements().stream().filter(s -> s.actions().contains(action))
                    .flatMap(s -> s.resources().stream()).map(r -> TEMPLATE.resolve(r, ON).asText()).toList();
            assertThat(resources).as(action).singleElement().asString()
                    .startsWith("arn:aws:securityhub:*:111122223333:");
        }
    }

    @Test
    void stateMachine_listsThenFansBatchesOutInTheShapesTheHandlerAccepts() {
        JsonNode definition = TEMPLATE.resource("OrganizationStateMachine").path("Properties").path("Definition");
        JsonNode list = definition.path("States").path("ListTargets");
        JsonNode map = definition.path("States").path("ScanBatches");

        assertThat(definition.path("StartAt").asText()).isEqualTo("ListTargets");
        assertThat(list.path("Parameters").path("Payload").path("listTargets").path("accounts").asText())
                .isEqualTo("${Accounts}");
        assertThat(list.path("Next").asText()).isEqualTo("ScanBatches");
        assertThat(map.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText()).isEqualTo("DISTRIBUTED");
        assertThat(map.path("ItemsPath").asText()).isEqualTo("$.accounts");
        // The fields OrgBatch.Settings reads, each from a template parameter.
        assertThat(map.path("ItemBatcher").path("BatchInput").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("roleName", "linkRoleName", "externalId", "regions", "concurrency");
        int batch = map.path("ItemBatcher").path("MaxItemsPerBatch").asInt();
        assertThat(batch).isBetween(1, 100);
        JsonNode substitutions = TEMPLATE.resource("OrganizationStateMachine").path("Properties")
                .path("DefinitionSubstitutions");
        assertThat(substitutions.path("RoleName")).isEqualTo(SamTemplate.ref("OrganizationRoleName"));
        assertThat(substitutions.path("Regions")).isEqualTo(SamTemplate.ref("OrganizationRegions"));
        assertThat(substitutions.path("Function")).isEqualTo(SamTemplate.ref("OrganizationAlias"));
    }

    @Test
    void newRoles_takeThePermissionsBoundary() {
        for (String role : List.of("OrganizationStateMachineRole", "OrganizationScheduleRole")) {
            JsonNode boundary = TEMPLATE.resource(role).path("Properties").path("PermissionsBoundary");
            assertThat(TEMPLATE.resolve(boundary, Map.of()).isMissingNode()).as(role).isTrue();
            String given = "arn:aws:iam::111122223333:policy/b";
            assertThat(TEMPLATE.resolve(boundary, Map.of("PermissionsBoundaryArn", given)).asText()).as(role)
                    .isEqualTo(given);
        }
    }

    @Test
    void memberRole_isPlainCloudFormation_trustsOnlyTheScannerFromInsideTheOrganization() {
        assertThat(MEMBER.root().has("Transform")).isFalse();
        JsonNode trust = MEMBER.resource(SamTemplate.MEMBER_ROLE).path("Properties").path("AssumeRolePolicyDocument")
                .path("Statement");
        assertThat(trust).hasSize(1);
        JsonNode statement = trust.get(0);
        assertThat(statement.path("Principal").path("AWS")).isEqualTo(SamTemplate.ref("ScannerRoleArn"));
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
        JsonNode without = MEMBER.resolve(statement.path("Condition"), Map.of("OrganizationId", "o-abcdefghij"));
        assertThat(without.path("StringEquals").path("aws:PrincipalOrgID").asText()).isEqualTo("o-abcdefghij");
        assertThat(without.path("StringEquals").has("sts:ExternalId")).isFalse();
        JsonNode with = MEMBER.resolve(statement.path("Condition"), Map.of("OrganizationId", "o-abcdefghij",
                "ExternalId", "shared-secret"));
        assertThat(with.path("StringEquals").path("sts:ExternalId").asText()).isEqualTo("shared-secret");
    }
}
