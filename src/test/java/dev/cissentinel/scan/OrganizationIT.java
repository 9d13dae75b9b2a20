package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.Link;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.FaultProxy;
import dev.cissentinel.testing.TestAccount;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * An organization on moto, as Control Tower lays one out: the management account, a log-archive account that owns
 * the log group every trail delivers to (with the CIS filters, alarms and a subscribed topic), members whose trails
 * deliver there, a member whose role is refused (the proxy denies AssumeRole into it: moto assumes any role) and a
 * member without a trail. moto keeps the accounts apart by the keys AssumeRole hands out.
 */
@ExtendWith(EmulatorExtension.class)
class OrganizationIT {

    private static final String ROLE = "OrganizationScan";
    private static final Region HOME = Region.US_EAST_1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String management;
    private static String logArchive;
    private static String memberA;
    private static String memberB;
    private static String roleless;
    private static String withoutTrail;
    private static TestAccount seeder;
    private static FaultProxy proxy;

    @BeforeAll
    static void seedOrganization(TestAccount account, Emulator emulator) {
        seeder = account;
        management = TestAccount.ACCOUNT_ID;
        OrganizationsClient organizations = account.clients().organizations(Region.AWS_GLOBAL);
        organizations.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
        Function<String, String> create = name -> organizations.createAccount(r -> r.accountName(name)
                .email(name + "@example.com")).createAccountStatus().accountId();
        logArchive = create.apply("log-archive");
        memberA = create.apply("member-a");
        memberB = create.apply("member-b");
        roleless = create.apply("member-without-role");
        withoutTrail = create.apply("member-without-trail");

        TestAccount archive = account.asAccount(logArchive);
        TestAccount.LogGroup group = archive.logGroup("aws-controltower/CloudTrailLogs");
        String topic = archive.topic("aws-controltower-SecurityNotifications").emailSubscriber("secops@example.com")
                .create().arn();
        archive.compliantChains(group, topic);
        for (String member : List.of(memberA, memberB, roleless)) {
            account.asAccount(member).trail("baseline").logGroup(group).create();
        }
        account.trail("baseline").logGroup(group).create();
        proxy = FaultProxy.in(emulator.endpoint());
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Test
    void organizationScan_membersPassThroughTheLinkRole_refusedRoleNotAvailable_findingsInEachMembersHub() {
        proxy.clear().alwaysWhen("AssumeRole", "arn:aws:iam::" + roleless + ":role/" + ROLE,
                FaultProxy.Kind.ACCESS_DENIED).reply("ListRegions", "{\"Regions\":[{\"RegionName\":\"us-east-1\","
                        + "\"RegionOptStatus\":\"ENABLED_BY_DEFAULT\"}]}");
        Fleet fleet = scan(new FleetRequest.Accounts.Organization(), new FleetRequest.Regions.Enabled(),
                Optional.of(ROLE), true);

        Map<String, TargetReport> byAccount = fleet.reports.stream()
                .collect(Collectors.toMap(TargetReport::accountId, report -> report));
        assertThat(byAccount).containsOnlyKeys(management, logArchive, memberA, memberB, roleless, withoutTrail);
        assertThat(byAccount.values()).allSatisfy(report -> assertThat(report.error()).isEmpty());
        for (String passing : List.of(memberA, memberB, management)) {
            List<ControlResult> results = byAccount.get(passing).result().orElseThrow().results();
            assertThat(results).hasSize(ControlTable.defaults().size()).allSatisfy(result -> {
                assertThat(result.status()).as("%s %s", passing, result.verdict().explanation())
                        .isEqualTo(Status.PASSED);
                Link group = result.verdict().chain().links().get(1);
                assertThat(group.kind()).isEqualTo(Link.Kind.LOG_GROUP);
                assertThat(group.attributes()).containsEntry("accountId", logArchive);
            });
        }
        for (String failing : List.of(logArchive, withoutTrail)) {
            assertThat(byAccount.get(failing).result().orElseThrow().results())
                    .allSatisfy(result -> assertThat(result.verdict().reason())
                            .isEqualTo(ReasonCode.NO_MULTI_REGION_TRAIL));
        }
        TargetReport refused = byAccount.get(roleless);
        assertThat(refused.result().orElseThrow().results()).allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(Status.NOT_AVAILABLE);
            assertThat(result.verdict().failure().orElseThrow().api()).isEqualTo("sts:AssumeRole");
            assertThat(result.verdict().explanation()).contains("arn:aws:iam::" + roleless + ":role/" + ROLE);
        });
        assertThat(refused.unpublished()).hasValueSatisfying(why -> assertThat(why).contains(roleless));
        // The account running the scan is scanned with its own credentials: no role is assumed into it; a member's
        // role is assumed once for the scan, however many of its regions are scanned.
        List<String> assumed = proxy.bodies("AssumeRole").stream().map(body -> java.net.URLDecoder.decode(body,
                StandardCharsets.UTF_8)).toList();
        assertThat(assumed).noneMatch(body -> body.contains("iam::" + management + ":role/"));
        assertThat(assumed).filteredOn(body -> body.contains("iam::" + memberA + ":role/")).hasSize(1);
        // Each reachable account's regions were listed with its own role: the refused one's are not asked.
        assertThat(proxy.requests("ListRegions")).isEqualTo(5);
        // The log archive's chain was read once (filters, alarms, topic), not once per member that leads there.
        assertThat(fleet.ports.links().reads()).isEqualTo(3);

        for (String member : List.of(memberA, memberB, withoutTrail)) {
            List<AwsSecurityFinding> findings = findingsOf(member);
            assertThat(findings).as("findings in %s's Security Hub", member).hasSize(ControlTable.defaults().size())
                    .allSatisfy(finding -> {
                        assertThat(finding.awsAccountId()).isEqualTo(member);
                        assertThat(finding.region()).isEqualTo(HOME.id());
                        assertThat(finding.id()).startsWith("cis-sentinel/" + member + "/" + HOME.id() + "/");
                    });
        }
        assertThat(findingsOf(roleless)).isEmpty();
    }

    @Test
    void linkRoleRefusedOrAbsent_crossAccountResourceNamingTheRoleThatWouldSettleIt() {
        proxy.clear().alwaysWhen("AssumeRole", "arn:aws:iam::" + logArchive + ":role/LinkReader",
                FaultProxy.Kind.ACCESS_DENIED);
        Fleet refused = scan(new FleetRequest.Accounts.Listed(List.of(memberA)),
                new FleetRequest.Regions.Listed(List.of(HOME)), Optional.of("LinkReader"), false);

        assertThat(refused.reports).singleElement().satisfies(report -> assertThat(report.result().orElseThrow()
                .results()).allSatisfy(result -> {
                    assertThat(result.verdict().reason()).isEqualTo(ReasonCode.CROSS_ACCOUNT_RESOURCE);
                    assertThat(result.verdict().explanation()).contains("arn:aws:iam::" + logArchive
                            + ":role/LinkReader").contains("AccessDenied");
                }));

        // The member scanning itself, with no link role at all.
        try (Scan scan = new Scan(new AwsPorts(seeder.asAccount(memberA).clients(), new CallRecorder(),
                Clock.systemUTC()), Clock.systemUTC())) {
            ScanResult alone = scan.run(ScanRequest.of(HOME).withPublish(false));
            assertThat(alone.accountId()).isEqualTo(memberA);
            assertThat(alone.results()).allSatisfy(result -> {
                assertThat(result.verdict().reason()).isEqualTo(ReasonCode.CROSS_ACCOUNT_RESOURCE);
                assertThat(result.verdict().explanation()).contains("--link-role-name")
                        .contains("arn:aws:iam::" + logArchive + ":role/NAME");
            });
        }
    }

    @Test
    void commandLine_exitZeroAllPassed_threeSomeFailed_oneWhenATargetCannotBeListed() throws Exception {
        proxy.clear().reply("ListRegions", "{\"Regions\":[{\"RegionName\":\"eu-west-1\",\"RegionOptStatus\":"
                + "\"ENABLED_BY_DEFAULT\"},{\"RegionName\":\"us-east-1\",\"RegionOptStatus\":"
                + "\"ENABLED_BY_DEFAULT\"}]}");

        Run passed = jar("--accounts", memberA + "," + memberB, "--regions", "all");
        Run failed = jar("--accounts", memberA + "," + withoutTrail);

        assertThat(passed.exit).as(passed.stderr).isZero();
        JsonNode targets = JSON.readTree(passed.stdout);
        assertThat(targets).hasSize(4);
        assertThat(targets).allSatisfy(target -> assertThat(target.path("summary").path("PASSED").asInt())
                .isEqualTo(ControlTable.defaults().size()));
        assertThat(targets).extracting(target -> target.path("region").asText()).containsOnly("us-east-1",
                "eu-west-1");
        assertThat(failed.exit).as(failed.stderr).isEqualTo(3);
        assertThat(proxy.bodies("ListRegions")).hasSize(2);

        proxy.clear().always("ListRegions", FaultProxy.Kind.ACCESS_DENIED);
        Run unlisted = jar("--accounts", memberA, "--regions", "all");

        assertThat(unlisted.exit).as(unlisted.stderr).isEqualTo(1);
        assertThat(JSON.readTree(unlisted.stdout)).singleElement().satisfies(target -> assertThat(
                target.path("error").asText()).contains("account:ListRegions").contains(memberA));
    }

    private record Fleet(List<TargetReport> reports, AwsPorts ports) {
    }

    private static Fleet scan(FleetRequest.Accounts accounts, FleetRequest.Regions regions, Optional<String> linkRole,
            boolean publish) {
        CallRecorder calls = new CallRecorder();
        AwsClients clients = AwsClients.builder().endpointOverride(proxy.endpoint()).dummyCredentials()
                .interceptor(calls).build();
        List<TargetReport> reports = Collections.synchronizedList(new ArrayList<>());
        FleetRequest request = new FleetRequest(ScanRequest.of(HOME).withPublish(publish)
                .withTimeout(Duration.ofMinutes(2)), accounts, regions,
                Optional.of(ROLE), 4, Duration.ofMinutes(4));
        try (AwsPorts ports = new AwsPorts(clients, calls, Clock.systemUTC()).withRoles(Optional.of(ROLE), linkRole,
                Optional.empty(), HOME)) {
            new FleetScan(ports, Clock.systemUTC()).execute(request, reports::add);
            return new Fleet(List.copyOf(reports), ports);
        }
    }

    private static List<AwsSecurityFinding> findingsOf(String account) {
        return seeder.asAccount(account).clients().securityHub(HOME).getFindings(r -> r.maxResults(100)).findings()
                .stream().filter(finding -> finding.id().startsWith("cis-sentinel/")).toList();
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run jar(String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("cis-sentinel.jar", "target/cis-sentinel.jar"), "scan",
                "--region", HOME.id(), "--role-name", ROLE, "--no-publish", "--format", "json", "--quiet"));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.remove("AWS_PROFILE");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }
}
