package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.remediate.RemediationMode;
import dev.cissentinel.testing.FakePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The output of a scan of many targets, in memory: the table's account and region columns and per-account summary,
 * the JSON array of single-target documents with error and unpublished, and the progress lines.
 */
class FleetWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);
    private static final Target A_EU = new Target(new TargetAccount.Named("111111111111"), Region.EU_WEST_1);
    private static final Target A_US = new Target(new TargetAccount.Named("111111111111"), Region.US_EAST_1);
    private static final Target B_EU = new Target(new TargetAccount.Named("222222222222"), Region.EU_WEST_1);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A judged target: FakePorts' account with no trail, every default control FAILED. */
    private static TargetReport judged(Target target, Optional<String> unpublished) {
        ScanOutcome outcome = new Scan(new FakePorts(FakePorts.noTrail(target.region().id())), CLOCK)
                .execute(ScanRequest.of(target.region()).withTargets(List.of(target)).withPublish(false),
                        result -> { });
        return new TargetReport(target, Optional.of(outcome.result()), Optional.of(outcome), RemediationMode.OFF,
                unpublished, Optional.empty());
    }

    @Test
    void table_accountAndRegionColumns_explanationsOfWhatFailed_summaryPerAccount_progressPerTarget() {
        FleetWriter writer = FleetWriter.open(OutputFormat.named("table"), new PrintWriter(out),
                Optional.of(new PrintWriter(err)));

        writer.accept(judged(A_EU, Optional.empty()));
        writer.accept(judged(A_US, Optional.of("findings not published: cannot assume the role")));
        writer.accept(TargetReport.failed(B_EU, "could not scan account 222222222222 in eu-west-1: boom"));
        writer.finish(new PrintWriter(err));

        List<String> lines = out.toString().lines().toList();
        int controls = ControlTable.defaults().size();
        assertThat(lines.get(0)).startsWith("ACCOUNT      REGION         CONTROL       STATUS");
        // The account column is the account the target's credentials read (GetCallerIdentity): FakePorts' here.
        assertThat(lines).filteredOn(line -> line.startsWith(FakePorts.ACCOUNT + " eu-west-1      CloudWatch."))
                .hasSize(controls).allMatch(line -> line.contains("FAILED") && line.contains("NO_MULTI_REGION_TRAIL"));
        assertThat(lines).contains("222222222222 eu-west-1      -             ERROR         -                    "
                + "              -");
        assertThat(lines).anyMatch(line -> line.contains("Error: could not scan account 222222222222"));
        assertThat(lines).contains("    findings not published: cannot assume the role");
        assertThat(lines).contains("Account " + FakePorts.ACCOUNT + ": 2 target(s), 0 passed, " + 2 * controls
                + " failed, 0 not available", "Account 222222222222: 1 target(s), 0 passed, 0 failed, 0 not "
                + "available, 1 not scanned");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
        assertThat(err.toString().lines().filter(line -> line.startsWith("cis-sentinel: ["))).hasSize(3);
        assertThat(writer.anyError()).isTrue();
        assertThat(writer.anyNotPassed()).isTrue();
    }

    @Test
    void json_anArrayOfSingleTargetDocuments_withErrorAndUnpublished() throws Exception {
        FleetWriter writer = FleetWriter.open(OutputFormat.named("json"), new PrintWriter(out), Optional.empty());

        writer.accept(judged(A_EU, Optional.of("findings not published: refused")));
        writer.accept(TargetReport.failed(B_EU, "could not list the enabled regions"));
        writer.finish(new PrintWriter(err));

        JsonNode array = JSON.readTree(out.toString());
        assertThat(array).hasSize(2);
        JsonNode first = array.get(0);
        assertThat(first.path("accountId").asText()).isEqualTo(FakePorts.ACCOUNT);
        assertThat(first.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(first.path("controls")).hasSize(ControlTable.defaults().size());
        assertThat(first.has("summary") && first.has("awsCalls") && first.has("startedAt")).isTrue();
        assertThat(first.path("unpublished").asText()).isEqualTo("findings not published: refused");
        assertThat(first.has("error")).isFalse();
        assertThat(array.get(1).path("accountId").asText()).isEqualTo("222222222222");
        assertThat(array.get(1).path("error").asText()).isEqualTo("could not list the enabled regions");
        assertThat(err.toString()).doesNotContain("cis-sentinel: [");
    }

    @Test
    void formatsOfOneTarget_refused() {
        OutputFormat other = new OutputFormat("single", output -> null);

        assertThatThrownBy(() -> FleetWriter.open(other, new PrintWriter(out), Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("prints table or json");
        assertThat(out.toString()).isEmpty();
    }
}
