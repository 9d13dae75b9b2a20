package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.scan.OutputFormat;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanRequest;
import dev.cissentinel.testing.Emulator;
import dev.cissentinel.testing.EmulatorExtension;
import dev.cissentinel.testing.FaultProxy;
import dev.cissentinel.testing.TestAccount;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Security Hub not enabled: the verdicts are printed first, then the CLI says how to fix it and exits 1. */
@ExtendWith(EmulatorExtension.class)
class PublishFailureIT {

    @Test
    void run_securityHubNotEnabled_printsVerdictsThenExitsOneNamingTheFix(TestAccount account, Emulator emulator) {
        account.compliantAccount();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (FaultProxy proxy = FaultProxy.in(emulator.endpoint())
                .always("GetFindings", FaultProxy.Kind.INVALID_ACCESS)) {
            CallRecorder calls = new CallRecorder();
            try (AwsClients clients = AwsClients.builder().endpointOverride(proxy.endpoint()).dummyCredentials()
                    .interceptor(calls).build()) {
                int exit = ScanCommand.run(new Scan(clients, calls, Clock.systemUTC()),
                        ScanRequest.parse("us-east-1", null, null, true), OutputFormat.named("table"),
                        new PrintWriter(out, true), new PrintWriter(err, true));

                assertThat(exit).isEqualTo(1);
            }
        }
        assertThat(out.toString()).contains("CloudWatch.1  PASSED");
        assertThat(err.toString()).contains("InvalidAccessException")
                .contains("aws securityhub enable-security-hub --region us-east-1").contains("--no-publish");
    }
}
