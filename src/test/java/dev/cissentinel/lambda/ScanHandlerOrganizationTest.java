package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.FleetPorts;
import dev.cissentinel.scan.Target;
import dev.cissentinel.scan.TargetAccount;
import dev.cissentinel.testing.FakePorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The handler's organization mode on ports in memory: the Step Functions state machine's two events (list the
 * targets; scan a Distributed Map batch of accounts, the settings in its BatchInput) and the refusals. One target at
 * a time (concurrency 1 in batch.json), since the fake ports are not thread-safe.
 */
class ScanHandlerOrganizationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-west-1", "ORGANIZATION_MODE", "on");

    /** FakePorts as FleetPorts: an organization of two accounts, each with the regions asked for. */
    private static final class FakeFleet implements FleetPorts {
        final FakePorts ports;
        final List<String> released = new ArrayList<>();

        FakeFleet() {
            this(FakePorts.noTrail("eu-west-1"));
        }

        FakeFleet(dev.cissentinel.snapshot.AccountSnapshot read) {
            ports = new FakePorts(read);
        }

        @Override
        public void close() {
            ports.close();
        }

        @Override
        public TargetPorts open(Target target) {
            return ports.open(target);
        }

        @Override
        public List<String> organizationAccounts(Region home) {
            return List.of("111111111111", "222222222222");
        }

        @Override
        public List<Region> enabledRegions(TargetAccount account, Region home) {
            throw new AssertionError("BatchInput lists the regions");
        }

        @Override
        public Optional<String> callerAccount(Region home) {
            return Optional.of(FakePorts.ACCOUNT);
        }

        @Override
        public void release(TargetAccount account) {
            released.add(account.accountId().orElseThrow());
        }
    }

    @Test
    void listTargets_answersTheOrganizationsAccountsAsMapItems() throws Exception {
        FakeFleet fleet = new FakeFleet();

        JsonNode answer = invoke(handler(ENV, fleet), "list-targets.json");

        assertThat(answer.path("accounts")).extracting(item -> item.path("account").asText())
                .containsExactly("111111111111", "222222222222");
        assertThat(fleet.ports.opened).isEmpty();
    }

    @Test
    void batch_scansEachAccountInEachConfiguredRegion_publishesEach_summarizes() throws Exception {
        FakeFleet fleet = new FakeFleet();

        JsonNode summary = invoke(handler(ENV, fleet), "batch.json");

        assertThat(fleet.ports.opened).containsExactlyInAnyOrder(
                new Target(new TargetAccount.Named("111111111111"), Region.EU_WEST_1),
                new Target(new TargetAccount.Named("111111111111"), Region.US_EAST_1),
                new Target(new TargetAccount.Named("222222222222"), Region.EU_WEST_1),
                new Target(new TargetAccount.Named("222222222222"), Region.US_EAST_1));
        assertThat(fleet.ports.published).hasSize(4);
        assertThat(fleet.released).containsExactlyInAnyOrder("111111111111", "222222222222");
        int controls = ControlTable.defaults().size();
        assertThat(summary.path("accounts").asInt()).isEqualTo(2);
        assertThat(summary.path("targets").asInt()).isEqualTo(4);
        assertThat(summary.path("counts").path("FAILED").asInt()).isEqualTo(4 * controls);
        assertThat(summary.path("findings").path("imported").asInt()).isEqualTo(4 * controls);
        assertThat(summary.path("notScanned")).isEmpty();
    }

    /**
     * Whatever the function's REMEDIATION_MODE, a batch never changes a member account, and it owns only the
     * findings of the controls it judged (never archiving a member's findings of other controls).
     */
    @Test
    void batch_neverRemediates_andOwnsOnlyTheJudgedControlsFindings() throws Exception {
        FakeFleet fleet = new FakeFleet(FakePorts.uncoveredFilters("eu-west-1"));
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "ORGANIZATION_MODE", "on",
                "REMEDIATION_MODE", "apply", "NOTIFICATION_EMAIL", "ops@example.com");

        JsonNode summary = invoke(handler(env, fleet), "batch.json");

        assertThat(summary.path("targets").asInt()).isEqualTo(4);
        assertThat(fleet.ports.steps).doesNotContain("apply");
        assertThat(fleet.ports.applied).isEmpty();
        assertThat(fleet.ports.published).hasSize(4).allSatisfy(batch -> {
            assertThat(batch.scope()).isEqualTo(dev.cissentinel.publish.FindingScope.JUDGED);
            assertThat(batch.remediationNotes()).isEmpty();
        });
    }

    /**
     * A warm environment's second batch must not judge from the first one's reads (role sessions, refusals, owner
     * chains read in other accounts): each batch gets fresh ports, closed when it is done. Here the chain changed
     * between the runs (a trail and a filter were added), and the second run sees it.
     */
    @Test
    void batches_eachOnFreshPorts_soALaterRunSeesAChangedChain() throws Exception {
        List<FakeFleet> made = new ArrayList<>();
        List<dev.cissentinel.snapshot.AccountSnapshot> chains = List.of(FakePorts.noTrail("eu-west-1"),
                FakePorts.uncoveredFilters("eu-west-1"));
        ScanHandler handler = new ScanHandler(ENV, RecordingMetrics::new, FakeFleet::new, settings -> {
            FakeFleet fleet = new FakeFleet(chains.get(made.size()));
            made.add(fleet);
            return fleet;
        });

        invoke(handler, "batch.json");
        assertThat(made).hasSize(1);
        assertThat(made.get(0).ports.closed).isTrue();
        invoke(handler, "batch.json");

        assertThat(made).hasSize(2);
        assertThat(made.get(1).ports.closed).isTrue();
        assertThat(made.get(0).ports.opened).hasSize(4);
        assertThat(made.get(1).ports.opened).hasSize(4);
        assertThat(reasons(made.get(0))).containsOnly("NO_MULTI_REGION_TRAIL");
        assertThat(reasons(made.get(1))).containsOnly("NO_COVERING_METRIC_FILTER");
    }

    private static java.util.Set<String> reasons(FakeFleet fleet) {
        java.util.Set<String> reasons = new java.util.TreeSet<>();
        fleet.ports.published.forEach(batch -> batch.results().forEach(result -> reasons.add(
                result.verdict().reason().name())));
        return reasons;
    }

    /** Without the template's organization mode (ORGANIZATION_MODE=on), both events are refused before any call. */
    @Test
    void organizationModeOff_refusesBothEvents() {
        FakeFleet fleet = new FakeFleet();
        ScanHandler handler = handler(Map.of("AWS_REGION", "eu-west-1"), fleet);

        for (String file : List.of("list-targets.json", "batch.json")) {
            assertThatThrownBy(() -> invoke(handler, file)).as(file).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("needs organization mode").hasMessageContaining("OrganizationRoleName");
        }
        assertThat(fleet.ports.opened).isEmpty();
    }

    @Test
    void malformedEvents_refusedBeforeAnyCall() {
        FakeFleet fleet = new FakeFleet();
        ScanHandler handler = handler(ENV, fleet);

        String input = ", \"BatchInput\": {\"roleName\": \"r\"}}";
        Map<String, String> refused = Map.of(
                "{\"Items\": []" + input, "Items must be a list of 1 to 100 accounts",
                "{\"Items\": [{\"account\": \"12345\"}]" + input, "an account id has 12 digits",
                "{\"Items\": [{\"account\": \"111111111111\", \"region\": \"x\"}]" + input, "each of a batch's Items",
                "{\"Items\": [{\"account\": \"111111111111\"}], \"Extra\": 1}", "unknown field(s) [Extra]",
                "{\"Items\": [{\"account\": \"111111111111\"}]}", "needs BatchInput",
                "{\"Items\": [{\"account\": \"111111111111\"}], \"BatchInput\": {}}", "roleName is required",
                "{\"Items\": [{\"account\": \"111111111111\"}], \"BatchInput\": {\"roleName\": \"r\", "
                        + "\"regions\": \"moon\"}}", "'moon' is not an AWS region name",
                "{\"Items\": [{\"account\": \"111111111111\"}], \"BatchInput\": {\"roleName\": \"r\", "
                        + "\"role\": \"x\"}}", "unknown field(s) [role] in BatchInput",
                "{\"listTargets\": true}", "a target listing event is");
        refused.forEach((event, message) -> assertThatThrownBy(() -> invokeText(handler, event)).as(event)
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(message));
        assertThat(fleet.ports.opened).isEmpty();
    }

    private static ScanHandler handler(Map<String, String> env, FakeFleet fleet) {
        return new ScanHandler(env, RecordingMetrics::new, () -> fleet, settings -> {
            assertThat(settings.role()).isEqualTo("cis-sentinel-member");
            return fleet;
        });
    }

    private static JsonNode invoke(ScanHandler handler, String file) throws Exception {
        return invokeText(handler, Files.readString(Path.of("src/test/resources/organization-events", file)));
    }

    private static JsonNode invokeText(ScanHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new TestContext());
        return JSON.readTree(out.toByteArray());
    }
}
