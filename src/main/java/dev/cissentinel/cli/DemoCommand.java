package dev.cissentinel.cli;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.emulator.DemoAccount;
import dev.cissentinel.emulator.MotoServer;
import dev.cissentinel.scan.ConfigurationException;
import dev.cissentinel.scan.OutputFormat;
import dev.cissentinel.publish.FindingScope;
import dev.cissentinel.scan.Scan;
import dev.cissentinel.scan.ScanInput;
import dev.cissentinel.scan.ScanRequest;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: a scan of a seeded demo account on a local emulator; no AWS account needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a local AWS emulator (moto), seed a demo account in which some controls pass and "
                + "others fail for different reasons, scan it, print the verdicts, and stop the emulator.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", completionCandidates = ScanCommand.FormatNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--controls", description = "Comma-separated control ids, or all (default: CloudWatch.1,.2,.4,"
            + ".5,.6), as for scan. The demo account has a chain for the five and for CloudWatch.7 and .10.")
    private String controls;

    @Mixin
    private RemediationFlags remediation;

    @Option(names = "--keep-running", description = "Leave the emulator running after the scan, so you can scan "
            + "the demo account again yourself (the command says how); stops when you press Enter.")
    private boolean keepRunning;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanRequest request;
        OutputFormat output;
        try {
            output = OutputFormat.named(format);
            request = ScanRequest.of(DemoAccount.REGION).withRemediation(remediation.options());
            if (controls != null) {
                request = request.withControls(ScanInput.controls(controls), FindingScope.JUDGED);
            }
        } catch (ConfigurationException e) {
            return ScanCommand.usageError(spec, e);
        }
        err.println("Starting a local AWS emulator (moto_server)…");
        err.flush();
        try (MotoServer server = MotoServer.start(err::println)) {
            CallRecorder calls = new CallRecorder();
            try (AwsClients clients = AwsClients.builder().endpointOverride(server.endpoint()).dummyCredentials()
                    .interceptor(calls).build()) {
                DemoAccount.seed(server, clients);
                err.println("Seeded demo account " + DemoAccount.ACCOUNT_ID + " on " + server.endpoint()
                        + "; scanning " + DemoAccount.REGION.id() + "…");
                err.flush();
                Scan scan = new Scan(clients, calls, Clock.systemUTC());
                int exit = ScanCommand.run(scan, request, output, out, err);
                if (keepRunning) {
                    waitForEnter(server, err);
                }
                return exit;
            }
        }
    }

    /** Says how to reach the emulator with the standard SDK settings, then waits for Enter (or end of input). */
    private static void waitForEnter(MotoServer server, PrintWriter err) {
        err.println();
        err.println("The demo account stays on " + server.endpoint() + " until you press Enter. From another shell:");
        err.println("  export AWS_ENDPOINT_URL=" + server.endpoint() + " AWS_REGION=" + DemoAccount.REGION.id()
                + " AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing");
        err.println("  java -jar target/cis-sentinel.jar scan --remediate dry-run --notification-email you@example.com");
        err.flush();
        try {
            while (true) {
                int read = System.in.read();
                if (read == -1 || read == '\n') {
                    return;
                }
            }
        } catch (java.io.IOException e) {
            // Standard input closed: same as Enter.
        }
    }
}
