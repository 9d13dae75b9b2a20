package dev.cissentinel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cissentinel.aws.RoleSessions;
import dev.cissentinel.confirm.CloudWatchLogsTester;
import dev.cissentinel.publish.SecurityHubPublisher;
import dev.cissentinel.remediate.RemediationExecutor;
import dev.cissentinel.scan.AwsActions;
import dev.cissentinel.scan.TargetDiscovery;
import dev.cissentinel.snapshot.SnapshotReader;
import dev.cissentinel.testing.ProductionCallRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven on what the code did: the AWS actions production code called during the integration
 * tests ({@link ProductionCallRecorder}) are exactly the actions {@code template.yaml}'s role grants, and exactly
 * the actions the calling classes declare. A missing grant would make the deployed function fail; an extra one
 * would be a permission nothing uses.
 *
 * <p>Runs in its own Failsafe execution, declared after the one that runs the {@code *IT} classes and bound to the
 * same phase, so Maven runs it after all of them (pom.xml). It skips itself when the ITs' calls cannot cover
 * everything: {@code -Dit.test} chose a subset of them, or {@code -Demulator=localstack} skipped those that need
 * CloudTrail or Security Hub.
 */
class LeastPrivilegeCheck {

    /**
     * Every production class that calls AWS from the Lambda's code path, with the actions it declares: the table
     * SnapStart priming also reads ({@link AwsActions}), and the organization scan's two (its own credentials' calls:
     * assuming roles, listing accounts and regions; priming never makes them).
     */
    static final Map<String, List<String>> DECLARED = declared();

    private static Map<String, List<String>> declared() {
        Map<String, List<String>> declared = new TreeMap<>(AwsActions.BY_CALLER.entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().getName(), Map.Entry::getValue)));
        declared.put(RoleSessions.class.getName(), RoleSessions.IAM_ACTIONS);
        declared.put(TargetDiscovery.class.getName(), TargetDiscovery.IAM_ACTIONS);
        return Map.copyOf(declared);
    }

    /** Main code that never runs in the function: it seeds the local emulator for the {@code demo} command. */
    private static final String LOCAL_ONLY_PACKAGE = "dev.cissentinel.emulator.";

    private static Map<String, Set<String>> observedByCaller;
    private static SamTemplate template;
    private static SamTemplate member;

    @BeforeAll
    static void readCallsAndTemplate() throws IOException {
        String subset = System.getProperty("cis-sentinel.it.test", "");
        assumeTrue(subset.isBlank() || subset.startsWith("${"),
                () -> "-Dit.test=" + subset + " ran a subset of the integration tests; least privilege is checked "
                        + "after all of them");
        String emulator = System.getProperty("emulator", "moto");
        assumeTrue(emulator.equals("moto"), () -> "-Demulator=" + emulator + " skips the tests that need CloudTrail "
                + "or Security Hub; least privilege is checked on moto, where every integration test runs");
        Path directory = Path.of(System.getProperty(ProductionCallRecorder.DIRECTORY_PROPERTY, ""));
        observedByCaller = new TreeMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".txt")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String[] fields = line.split("\t");
                        observedByCaller.computeIfAbsent(fields[1], key -> new TreeSet<>()).add(fields[0]);
                    }
                }
            }
        }
        assertThat(observedByCaller).as("AWS calls recorded by production code in %s; did the integration tests "
                + "run in this build?", directory).isNotEmpty();
        template = SamTemplate.load();
        member = SamTemplate.member();
    }

    @Test
    void everyCallingClass_declaresItsActions() {
        Map<String, Set<String>> lambdaCallers = new TreeMap<>(observedByCaller);
        lambdaCallers.keySet().removeIf(caller -> caller.startsWith(LOCAL_ONLY_PACKAGE));

        assertThat(lambdaCallers.keySet()).as("production classes that call AWS; a new one must declare "
                + "IAM_ACTIONS, be listed in DECLARED and be granted in template.yaml").isSubsetOf(DECLARED.keySet());
        lambdaCallers.forEach((caller, actions) -> assertThat(actions)
                .as("actions %s called; add the missing ones to its IAM_ACTIONS and the role", caller)
                .isSubsetOf(DECLARED.get(caller)));
    }

    @Test
    void everyDeclaredAction_wasCalledByTheTests() {
        DECLARED.forEach((caller, declared) -> assertThat(observedByCaller.getOrDefault(caller, Set.of()))
                .as("actions %s declares but no integration test saw it call: test the call, or drop the action "
                        + "from IAM_ACTIONS and template.yaml", caller)
                .containsAll(declared));
    }

    @Test
    void scanCalls_areExactlyWhatTheRoleGrantsWithRemediationOff() {
        Set<String> scanCalls = new TreeSet<>(observed(SnapshotReader.class.getName()));
        scanCalls.addAll(observed(SecurityHubPublisher.class.getName()));
        assertThat(scanCalls).containsAll(SamTemplate.NO_GRANT_NEEDED);
        scanCalls.removeAll(SamTemplate.NO_GRANT_NEEDED);

        for (Map<String, String> parameters : SamTemplate.configurations("off")) {
            assertGrantsExactly(template.grantedActions(parameters), scanCalls, "with " + parameters);
        }
    }

    @Test
    void remediationCalls_areExactlyWhatTheRemediationModesAddToTheRole() {
        Set<String> readOnly = template.grantedActions(Map.of("RemediationMode", "off"));
        Set<String> added = new HashSet<>();
        for (String mode : List.of("dry-run", "apply")) {
            for (Map<String, String> parameters : SamTemplate.configurations(mode)) {
                Set<String> granted = new HashSet<>(template.grantedActions(parameters));
                granted.removeAll(readOnly);
                added.addAll(granted);
            }
        }

        // What remediation calls beyond the scan's own grants (it also lists alarms with the scan's DescribeAlarms).
        Set<String> beyondTheScan = new TreeSet<>(observed(RemediationExecutor.class.getName()));
        beyondTheScan.removeAll(readOnly);
        assertGrantsExactly(added, beyondTheScan, "by RemediationMode dry-run/apply");
    }

    @Test
    void confirmationCalls_areExactlyWhatConfirmWithAwsAddsToTheRole() {
        Set<String> added = new HashSet<>(template.grantedActions(Map.of("ConfirmWithAws", "true")));
        added.removeAll(template.grantedActions(Map.of()));

        assertGrantsExactly(added, observed(CloudWatchLogsTester.class.getName()), "by ConfirmWithAws true");
    }

    /**
     * template.yaml's organization mode: what the central function calls with its own credentials in an organization
     * scan (assume the member and link roles, list the accounts, list its own account's enabled regions) is exactly
     * what OrganizationRoleName adds to its role.
     */
    @Test
    void organizationCalls_areExactlyWhatOrganizationModeAddsToTheRole() {
        Set<String> added = new HashSet<>(template.grantedActions(Map.of("OrganizationRoleName", "cis-sentinel-member",
                "OrganizationLinkRoleName", "cis-sentinel-link")));
        added.removeAll(template.grantedActions(Map.of()));
        Set<String> central = new TreeSet<>(observed(RoleSessions.class.getName()));
        central.addAll(observed(TargetDiscovery.class.getName()));
        assertThat(central).containsAll(SamTemplate.NO_GRANT_NEEDED);
        central.removeAll(SamTemplate.NO_GRANT_NEEDED);

        assertGrantsExactly(added, central, "by OrganizationRoleName");
    }

    /**
     * org/member-role.yaml: what an organization scan calls with a member's assumed credentials — reading the chain,
     * publishing, listing the account's enabled regions — is exactly what the member role grants with remediation and
     * confirmation off; ConfirmWithAws adds exactly TestMetricFilter; the remediation modes add exactly what
     * remediation calls, as in template.yaml. (AssumeRole and ListAccounts are the central function's own.)
     */
    @Test
    void memberRole_grantsExactlyWhatTheScanCallsThroughIt() {
        Set<String> throughTheRole = new TreeSet<>(observed(SnapshotReader.class.getName()));
        throughTheRole.addAll(observed(SecurityHubPublisher.class.getName()));
        Set<String> discovery = new TreeSet<>(observed(TargetDiscovery.class.getName()));
        discovery.retainAll(TargetDiscovery.MEMBER_ACTIONS);
        assertThat(discovery).as("ListRegions through the member role, seen in OrganizationIT")
                .containsExactlyInAnyOrderElementsOf(TargetDiscovery.MEMBER_ACTIONS);
        throughTheRole.addAll(discovery);
        throughTheRole.removeAll(SamTemplate.NO_GRANT_NEEDED);
        for (Map<String, String> parameters : SamTemplate.configurations("off")) {
            assertGrantsExactly(member.grantedActions(parameters), throughTheRole, "by the member role with "
                    + parameters);
        }

        Set<String> confirm = new HashSet<>(member.grantedActions(Map.of("ConfirmWithAws", "true")));
        confirm.removeAll(member.grantedActions(Map.of()));
        assertGrantsExactly(confirm, observed(CloudWatchLogsTester.class.getName()),
                "by the member role's ConfirmWithAws true");

        Set<String> readOnly = member.grantedActions(Map.of("RemediationMode", "off"));
        Set<String> added = new HashSet<>();
        for (String mode : List.of("dry-run", "apply")) {
            for (Map<String, String> parameters : SamTemplate.configurations(mode)) {
                Set<String> granted = new HashSet<>(member.grantedActions(parameters));
                granted.removeAll(readOnly);
                added.addAll(granted);
            }
        }
        Set<String> beyondTheScan = new TreeSet<>(observed(RemediationExecutor.class.getName()));
        beyondTheScan.removeAll(readOnly);
        assertGrantsExactly(added, beyondTheScan, "by the member role's RemediationMode dry-run/apply");
    }

    private static void assertGrantsExactly(Set<String> granted, Set<String> called, String when) {
        Set<String> missing = new TreeSet<>(called);
        missing.removeAll(granted);
        Set<String> extra = new TreeSet<>(granted);
        extra.removeAll(called);

        assertThat(missing).as("called by the code but not granted %s: the deployed function would be denied", when)
                .isEmpty();
        assertThat(extra).as("granted %s but never called: not least privilege", when).isEmpty();
    }

    private static Set<String> observed(String caller) {
        return observedByCaller.getOrDefault(caller, Set.of());
    }
}
