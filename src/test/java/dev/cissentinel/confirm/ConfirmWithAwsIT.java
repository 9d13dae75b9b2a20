package dev.cissentinel.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.controls.AwsConfirmation;
import dev.cissentinel.controls.AwsConfirmation.Outcome;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ReasonCode;
import dev.cissentinel.controls.Status;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.scan.ScanResult;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.FaultProxy;
import dev.cissentinel.testing.TestAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --confirm-with-aws} end to end on moto_server: the real reader, evaluator and SDK, with a proxy that
 * answers {@code TestMetricFilter} (which moto lacks) with recorded AWS responses and forwards everything else.
 */
@ExtendWith(EmulatorExtension.class)
class ConfirmWithAwsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTION = "TestMetricFilter";

    private TestAccount account;
    private FaultProxy proxy;

    @BeforeEach
    void emptyAccount(TestAccount testAccount, Emulator emulator) {
        emulator.reset();
        account = testAccount;
        proxy = FaultProxy.in(emulator.endpoint());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void scan_compliantAccountAwsAgrees_allPassedConfirmedOneCallPerControl() throws IOException {
        account.compliantAccount();
        proxy.reply(ACTION, recorded("logs-test-metric-filter-match.json"));

        Result result = scan(true);

        assertThat(result.byId.values()).allSatisfy(control -> {
            assertThat(control.status()).isEqualTo(Status.PASSED);
            assertThat(control.confirmation()).get().extracting(AwsConfirmation::outcome).isEqualTo(Outcome.AGREES);
        });
        assertThat(result.scan.awsCalls()).containsEntry("logs:TestMetricFilter", 5);
        // Each call sent the passing filter and one event that control's reference matches.
        for (String body : proxy.bodies(ACTION)) {
            JsonNode request = JSON.readTree(body);
            FilterPattern sent = FilterPattern.parse(request.path("filterPattern").asText());
            assertThat(request.path("logEventMessages")).hasSize(1);
            JsonNode event = JSON.readTree(request.path("logEventMessages").get(0).asText());
            Control control = ControlTable.all().stream().filter(c -> c.cisPattern().equals(sent.text()))
                    .findFirst().orElseThrow();
            assertThat(control.reference().matches(event)).as(control.id()).isTrue();
        }
    }

    @Test
    void scan_awsMatchesNoneOfTheSamples_everyControlNotAvailableWithItsOwnReason() throws IOException {
        account.compliantAccount();
        proxy.reply(ACTION, recorded("logs-test-metric-filter-no-match.json"));

        Result result = scan(true);

        assertThat(result.byId.values()).allSatisfy(control -> {
            assertThat(control.status()).isEqualTo(Status.NOT_AVAILABLE);
            assertThat(control.verdict().reason()).isEqualTo(ReasonCode.AWS_EVALUATOR_DISAGREES);
            assertThat(control.verdict().explanation()).contains("cis-sentinel says match")
                    .contains("says no match").contains("PASSED (CHAIN_COMPLETE)");
        });
    }

    @Test
    void scan_filterMissesAnEventAwsAgrees_failedWithTheCounterexampleConfirmed() throws IOException {
        TestAccount.LogGroup group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        String pattern = ControlTable.byId("CloudWatch.4").orElseThrow().cisPattern()
                .replace("||($.eventName=DeletePolicyVersion)", "");
        account.metricFilter(group, "iam", pattern).create();
        proxy.reply(ACTION, recorded("logs-test-metric-filter-no-match.json"));

        ControlResult iam = scan(true).byId.get("CloudWatch.4");

        assertThat(iam.status()).isEqualTo(Status.FAILED);
        assertThat(iam.verdict().reason()).isEqualTo(ReasonCode.NO_COVERING_METRIC_FILTER);
        assertThat(iam.confirmation()).get().satisfies(confirmation -> {
            assertThat(confirmation.outcome()).isEqualTo(Outcome.AGREES);
            assertThat(confirmation.filterName()).isEqualTo("iam");
            assertThat(JSON.readTree(confirmation.event())).isEqualTo(iam.verdict().counterexample().get());
        });
        // Every control failed on this one filter, so each asked about its own counterexample.
        assertThat(proxy.bodies(ACTION)).hasSize(5).anySatisfy(body -> assertThat(body)
                .contains("DeletePolicyVersion"));
    }

    @Test
    void scan_filterMissesAnEventAwsSaysItMatches_notAvailable() throws IOException {
        TestAccount.LogGroup group = account.logGroup("g");
        account.trail("main").logGroup(group).create();
        String pattern = ControlTable.byId("CloudWatch.4").orElseThrow().cisPattern()
                .replace("||($.eventName=DeletePolicyVersion)", "");
        account.metricFilter(group, "iam", pattern).create();
        proxy.reply(ACTION, recorded("logs-test-metric-filter-match.json"));

        ControlResult iam = scan(true).byId.get("CloudWatch.4");

        assertThat(iam.status()).isEqualTo(Status.NOT_AVAILABLE);
        assertThat(iam.verdict().reason()).isEqualTo(ReasonCode.AWS_EVALUATOR_DISAGREES);
        assertThat(iam.verdict().explanation()).contains("cis-sentinel says no match").contains("says match")
                .contains("FAILED (NO_COVERING_METRIC_FILTER)");
    }

    @Test
    void scan_testMetricFilterDenied_verdictsStandUnconfirmed() {
        account.compliantAccount();
        proxy.always(ACTION, FaultProxy.Kind.ACCESS_DENIED);

        Result result = scan(true);

        assertThat(result.byId.values()).allSatisfy(control -> {
            assertThat(control.status()).isEqualTo(Status.PASSED);
            assertThat(control.confirmation()).get().satisfies(confirmation -> {
                assertThat(confirmation.outcome()).isEqualTo(Outcome.UNANSWERED);
                assertThat(confirmation.detail()).contains("AccessDeniedException");
            });
        });
    }

    @Test
    void scan_withoutTheOption_neverAsks() throws IOException {
        account.compliantAccount();
        proxy.reply(ACTION, recorded("logs-test-metric-filter-match.json"));

        Result result = scan(false);

        assertThat(proxy.requests(ACTION)).isZero();
        assertThat(result.scan.awsCalls()).doesNotContainKey("logs:TestMetricFilter");
        assertThat(result.byId.values()).allSatisfy(control -> assertThat(control.confirmation()).isEmpty());
    }

    private record Result(ScanResult scan, Map<String, ControlResult> byId) {
    }

    private Result scan(boolean confirm) {
        CallRecorder calls = new CallRecorder();
        try (AwsClients clients = AwsClients.builder().endpointOverride(proxy.endpoint()).dummyCredentials()
                .interceptor(calls).build()) {
            ScanResult result = new Scan(clients, calls, Clock.systemUTC()).run(ScanRequest.parse(
                    account.region().id(), null, null, false).withConfirmWithAws(confirm));
            return new Result(result, result.results().stream().collect(Collectors.toMap(r -> r.control().id(),
                    Function.identity())));
        }
    }

    static String recorded(String file) {
        try (InputStream in = ConfirmWithAwsIT.class.getClassLoader().getResourceAsStream("confirm/recorded/"
                + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
