package dev.cissentinel.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.emulator.LocalLambda.InvokeResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Durations and function output from the emulator's lines, as aws-lambda-rie prints them (recorded). */
class LocalLambdaTest {

    private static final String ID = "b2402402-0a8f-4f73-aed6-25726356b637";
    private static final String LOG_LINE = "{\"level\":\"INFO\",\"message\":\"scan started\",\"cold_start\":true}";

    @Test
    void from_coldStart_initFromInitReportInvokeFromRtDone() {
        List<String> lines = List.of(
                "START RequestId: " + ID + " Version: $LATEST",
                "25 Nov 2026 16:32:50,832 [INFO] (rapid) INIT START(type: on-demand, phase: init)",
                "25 Nov 2026 16:32:51,731 [INFO] (rapid) INIT RTDONE(status: success)",
                "25 Nov 2026 16:32:51,731 [INFO] (rapid) INIT REPORT(durationMs: 899.423000)",
                "25 Nov 2026 16:32:51,731 [INFO] (rapid) INVOKE START(requestId: " + ID + ")",
                LOG_LINE,
                "25 Nov 2026 16:32:53,796 [INFO] (rapid) INVOKE RTDONE(status: success, produced bytes: 0, "
                        + "duration: 2064.565000ms)",
                "END RequestId: " + ID,
                "REPORT RequestId: " + ID + "\tInit Duration: 0.17 ms\tDuration: 2964.25 ms\t");

        InvokeResult result = InvokeResult.from(ID, 200, "{\"counts\":{}}", lines, Duration.ofMillis(2970));

        assertThat(result.initDuration()).isEqualTo(Duration.ofNanos(899_423_000));
        assertThat(result.duration()).isEqualTo(Duration.ofNanos(2_064_565_000));
        assertThat(result.functionOutput()).containsExactly(LOG_LINE);
        assertThat(result.failed()).isFalse();
        assertThat(result.report()).isEqualTo("REPORT RequestId: " + ID
                + "\tInit Duration: 899.42 ms\tDuration: 2064.57 ms");
    }

    @Test
    void from_warm_noInitDurationInReport() {
        List<String> lines = List.of(
                "START RequestId: " + ID + " Version: $LATEST",
                "25 Nov 2026 16:32:53,843 [INFO] (rapid) INVOKE START(requestId: " + ID + ")",
                "25 Nov 2026 16:32:54,027 [INFO] (rapid) INVOKE RTDONE(status: success, produced bytes: 0, "
                        + "duration: 183.471000ms)",
                "REPORT RequestId: " + ID + "\tDuration: 183.62 ms\t");

        InvokeResult result = InvokeResult.from(ID, 200, "{}", lines, Duration.ofMillis(190));

        assertThat(result.initDuration()).isZero();
        assertThat(result.report()).isEqualTo("REPORT RequestId: " + ID + "\tDuration: 183.47 ms");
    }

    @Test
    void from_initFailed_errorDocumentInitSummedInvokeFromWallTime() {
        String error = "{\"errorMessage\":\"environment variable REMEDIATION_MODE: remediation mode must be off, "
                + "dry-run or apply, not 'sometimes'\",\"errorType\":\"dev.cissentinel.scan.ConfigurationException\"}";
        List<String> lines = List.of(
                "START RequestId: " + ID + " Version: $LATEST",
                "25 Nov 2026 16:33:08,630 [INFO] (rapid) INIT START(type: on-demand, phase: init)",
                "dev.cissentinel.scan.ConfigurationException: environment variable REMEDIATION_MODE: ...",
                "\tat dev.cissentinel.lambda.HandlerConfig.variable(HandlerConfig.java:76)",
                "25 Nov 2026 16:33:09,891 [WARNING] (rapid) Process runtime-1 exited: exit status 1",
                "25 Nov 2026 16:33:09,891 [INFO] (rapid) INIT REPORT(durationMs: 1261.628000)",
                "25 Nov 2026 16:33:09,892 [INFO] (rapid) INIT START(type: on-demand, phase: invoke)",
                "25 Nov 2026 16:33:09,892 [INFO] (rapid) INIT REPORT(durationMs: 0.025000)",
                "25 Nov 2026 16:33:09,892 [ERROR] (rapid) Invoke DONE failed: Sandbox.Failure");

        InvokeResult result = InvokeResult.from(ID, 502, error, lines, Duration.ofMillis(1300));

        assertThat(result.failed()).isTrue();
        assertThat(result.errorType()).hasValue("dev.cissentinel.scan.ConfigurationException");
        assertThat(result.initDuration()).isEqualTo(Duration.ofNanos(1_261_653_000));
        assertThat(result.duration()).isEqualTo(Duration.ofMillis(1300).minus(result.initDuration()));
        assertThat(result.functionOutput()).containsExactly(lines.get(2), lines.get(3));
    }

    @Test
    void failed_handlerThrew_status200WithErrorDocument() {
        InvokeResult result = InvokeResult.from(ID, 200, "{\"errorMessage\":\"unknown field(s) [remediation]\","
                + "\"errorType\":\"dev.cissentinel.scan.ConfigurationException\",\"stackTrace\":[]}", List.of(),
                Duration.ofMillis(5));

        assertThat(result.failed()).isTrue();
    }
}
