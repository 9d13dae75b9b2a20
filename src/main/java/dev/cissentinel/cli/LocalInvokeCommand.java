package dev.cissentinel.cli;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.emulator.DemoAccount;
import dev.cissentinel.emulator.LocalLambda;
import dev.cissentinel.emulator.LocalLambda.InvokeResult;
import dev.cissentinel.emulator.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code local-invoke}: the Lambda function run as Lambda runs it (runtime emulator + Java runtime client), like
 * {@code sam local invoke} but without Docker; against the demo account on moto, or a real account.
 */
@Command(name = "local-invoke", mixinStandardHelpOptions = true,
        description = {"Invoke the Lambda handler with an event the way Lambda does, without Docker: the AWS Lambda "
                + "Runtime Interface Emulator (built once with Go) runs the Java runtime interface client (fetched "
                + "once with Maven), which loads this jar from a task root's lib/. By default the function scans "
                + "the demo account on a local emulator (moto).",
            "Prints the function's log lines and a REPORT line with the init and invoke durations on stderr, and "
                + "its response on stdout. Exit code 0 when every invocation succeeded, 1 when one failed (or Go or "
                + "Maven is missing), 2 for bad usage."})
final class LocalInvokeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--event", paramLabel = "FILE",
            description = "The event, e.g. events/scheduled-rule.json (default: {}, a scan with the defaults).")
    private Path event;

    @Option(names = "--aws", description = "Call the AWS account your credentials and region reach instead of the "
            + "local demo account. The function publishes findings to Security Hub there.")
    private boolean aws;

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "Set a variable of the function's environment, e.g. --env REMEDIATION_MODE=off or "
                    + "--env JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1 (repeatable).")
    private Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--times", paramLabel = "N", defaultValue = "1",
            description = "Invoke N times in the same execution environment: the first is the cold start, the "
                    + "others are warm (default: ${DEFAULT-VALUE}).")
    private int times;

    @Option(names = "--jar", paramLabel = "FILE",
            description = "The deployment jar (default: cis-sentinel-lambda.jar beside the jar this command runs "
                    + "from, which template.yaml deploys).")
    private Path jar;

    @Option(names = "--java-home", paramLabel = "DIR",
            description = "The JDK the function runs on (default: a JDK 25 or newer, as template.yaml's java25 "
                    + "runtime, if this one is older and JAVA_HOME or /usr/lib/jvm has one; else this one).")
    private Path javaHome;

    @Option(names = "--handler", paramLabel = "CLASS::METHOD", defaultValue = LocalLambda.HANDLER,
            description = "The handler to load (default: ${DEFAULT-VALUE}).")
    private String handler;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] payload;
        Path deployment;
        try {
            payload = event == null ? "{}".getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(event);
            deployment = jar != null ? jar : runningJar().resolveSibling(LAMBDA_JAR);
        } catch (IOException e) {
            err.println("cis-sentinel: cannot read the event " + event + ": " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IllegalStateException e) {
            err.println("cis-sentinel: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (!Files.isRegularFile(deployment)) {
            err.println("cis-sentinel: no jar at " + deployment + "; build it with mvn -B -ntp -q -DskipTests package");
            return ExitCode.USAGE;
        }
        if (javaHome != null && !Files.isExecutable(javaHome.resolve("bin").resolve("java"))) {
            err.println("cis-sentinel: --java-home " + javaHome + " has no bin/java");
            return ExitCode.USAGE;
        }
        if (times < 1) {
            err.println("cis-sentinel: --times must be at least 1, not " + times);
            return ExitCode.USAGE;
        }
        try {
            LocalLambda.install(err::println);
        } catch (IllegalStateException e) {
            // A missing Go or Maven (the message says which and what to do), found before anything is started.
            err.println("cis-sentinel: " + e.getMessage());
            return ExitCode.FAILED;
        }
        try (MotoServer server = aws ? null : startDemoAccount(err)) {
            Path jdk = javaHome != null ? javaHome : LocalLambda.runtimeJavaHome();
            LocalLambda.Builder function = LocalLambda.builder(deployment).handler(handler).environment(env)
                    .javaHome(jdk);
            if (server != null) {
                function.emulator(server.endpoint());
            } else {
                err.println("Invoking against the AWS account your credentials reach; findings go to its Security "
                        + "Hub.");
            }
            err.println("Starting aws-lambda-rie with the Java runtime interface client on " + jdk + ", handler "
                    + handler + "…");
            err.flush();
            boolean allSucceeded = true;
            try (LocalLambda lambda = function.start(err::println)) {
                for (int i = 0; i < times; i++) {
                    InvokeResult result = lambda.invoke(payload);
                    result.functionOutput().forEach(err::println);
                    err.println(result.report());
                    err.flush();
                    out.println(result.payload());
                    out.flush();
                    allSucceeded &= !result.failed();
                }
            }
            return allSucceeded ? ExitCode.OK : ExitCode.FAILED;
        } catch (IllegalStateException | UncheckedIOException e) {
            // An emulator that would not start or stopped answering: the message says which and why.
            err.println("cis-sentinel: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    private static MotoServer startDemoAccount(PrintWriter err) {
        err.println("Starting a local AWS emulator (moto_server) with the demo account…");
        err.flush();
        MotoServer server = MotoServer.start(err::println);
        try (AwsClients clients = AwsClients.builder().endpointOverride(server.endpoint()).dummyCredentials()
                .build()) {
            DemoAccount.seed(server, clients);
            // moto imports a service's Python module on its first request (STS: ~0.1 s here), time AWS never
            // spends; the seed reached every other service the function calls. Asked now, so the function's
            // reported durations are the function's.
            clients.sts(DemoAccount.REGION).getCallerIdentity();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        err.println("Seeded demo account " + DemoAccount.ACCOUNT_ID + " on " + server.endpoint());
        return server;
    }

    /** The Lambda artifact `mvn package` builds beside the CLI jar: handler, core and SDK, no CLI or emulator. */
    static final String LAMBDA_JAR = "cis-sentinel-lambda.jar";

    private static Path runningJar() {
        try {
            Path location = Path.of(LocalInvokeCommand.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            if (Files.isRegularFile(location) && location.toString().endsWith(".jar")) {
                return location;
            }
            throw new IllegalStateException("not running from a jar (" + location + "); run java -jar "
                    + "target/cis-sentinel.jar local-invoke, or pass --jar");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell which jar this is: " + e.getMessage(), e);
        }
    }
}
