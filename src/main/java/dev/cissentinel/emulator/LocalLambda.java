package dev.cissentinel.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function run as Lambda runs it, without Docker: the AWS Lambda Runtime Interface Emulator
 * ({@code aws-lambda-rie}) starts a JVM with AWS's Java runtime interface client, which loads
 * {@value #HANDLER} (or another handler) from a task root whose {@code lib/} holds the shaded jar, exactly like a
 * deployed zip.
 *
 * <p>The emulator starts the runtime on the first invocation (that is the cold start) and keeps it for the
 * next ones. Its own {@code REPORT} line cannot be trusted for durations (it starts init asynchronously, so its
 * "Init Duration" is ~0 and its "Duration" includes init); the durations here come from its {@code INIT REPORT}
 * and {@code INVOKE RTDONE} log lines, which time the runtime's phases as Lambda does.
 *
 * <p>Like {@link MotoServer}, the processes are tied to this JVM: {@link #close()} stops the emulator and the
 * runtime, and a shutdown hook does the same if the JVM exits first.
 */
public final class LocalLambda implements AutoCloseable {

    public static final String HANDLER = "dev.cissentinel.lambda.ScanHandler::handleRequest";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final Pattern EMULATOR_LOG = Pattern.compile(
            "^\\d{1,2} \\w{3} \\d{4} [\\d:,]+ \\[\\w+] \\(rapid\\) (.*)$");
    private static final Pattern INIT_REPORT = Pattern.compile("INIT REPORT\\(durationMs: ([\\d.]+)\\)");
    private static final Pattern INVOKE_DONE = Pattern.compile("INVOKE RTDONE\\(.*duration: ([\\d.]+) ?ms\\)");

    private final Process process;
    private final URI endpoint;
    private final Path taskRoot;
    private final Duration functionTimeout;
    private final List<String> output = new ArrayList<>();
    private final Thread shutdownHook;

    private LocalLambda(Process process, URI endpoint, Path taskRoot, Duration functionTimeout) {
        this.process = process;
        this.endpoint = endpoint;
        this.taskRoot = taskRoot;
        this.functionTimeout = functionTimeout;
        Thread pump = new Thread(this::pumpOutput, "local-lambda-output");
        pump.setDaemon(true);
        pump.start();
        this.shutdownHook = new Thread(this::stop, "local-lambda-stop");
        ChildProcesses.stopAtExit(shutdownHook, this::stop);
    }

    /**
     * Installs what is missing, once, into the cache directory (the emulator with Go, the runtime client with
     * Maven), so a caller can fail fast before starting anything else; {@link Builder#start} does it too.
     *
     * @throws MissingToolException when Go or Maven is needed and absent
     */
    public static void install(Consumer<String> notices) {
        RuntimeEmulatorInstallation.locate(notices);
        RuntimeClientInstallation.locate(notices);
    }

    /** The Java feature release of template.yaml's runtime ({@code java25}), which local runs should match. */
    public static final int RUNTIME_FEATURE = 25;

    /**
     * The JDK to run the function on when none is named: the one running this process if it is
     * {@link #RUNTIME_FEATURE} or newer, else the first such JDK found in {@code JAVA_HOME} or under
     * {@code /usr/lib/jvm} (Debian, Ubuntu, Fedora), else the one running this process.
     */
    public static Path runtimeJavaHome() {
        Path own = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= RUNTIME_FEATURE) {
            return own;
        }
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(home -> !home.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        try (var homes = Files.list(Path.of("/usr/lib/jvm"))) {
            homes.sorted().forEach(candidates::add);
        } catch (IOException | UncheckedIOException noSuchDirectory) {
            // Not a Linux layout with JDKs there: only JAVA_HOME counts.
        }
        return candidates.stream().filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                .filter(home -> feature(home) >= RUNTIME_FEATURE).findFirst().orElse(own);
    }

    /** The feature release a JDK's {@code release} file names ({@code JAVA_VERSION="25.0.3"}), or 0. */
    static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                Matcher version = Pattern.compile("^JAVA_VERSION=\"(\\d+)").matcher(line);
                if (version.find()) {
                    return Integer.parseInt(version.group(1));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // No or odd release file: not a JDK we can vouch for.
        }
        return 0;
    }

    /** A function running {@code jar}; call {@link Builder#start} after choosing where AWS is. */
    public static Builder builder(Path jar) {
        return new Builder(jar);
    }

    /**
     * Invokes the function synchronously with {@code event}, as {@code POST /2015-03-31/functions/function/
     * invocations} does, and collects what it printed while doing so.
     */
    public synchronized InvokeResult invoke(byte[] event) {
        String requestId = UUID.randomUUID().toString();
        int from;
        synchronized (output) {
            from = output.size();
        }
        long started = System.nanoTime();
        int status;
        String payload;
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint
                    .resolve("/2015-03-31/functions/function/invocations").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setRequestProperty("X-Amzn-RequestId", requestId);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout((int) functionTimeout.plusSeconds(30).toMillis());
            connection.setDoOutput(true);
            try (OutputStream body = connection.getOutputStream()) {
                body.write(event);
            }
            status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                payload = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            connection.disconnect();
        } catch (IOException e) {
            throw new UncheckedIOException("could not invoke the function through aws-lambda-rie at " + endpoint
                    + " (is it still running?)" + tail(), e);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        List<String> lines = awaitEnd(requestId, from, status != 200);
        return InvokeResult.from(requestId, status, payload, lines, wall);
    }

    /** The emulator and the runtime it started, for checking that none outlives {@link #close()}. */
    public List<ProcessHandle> processes() {
        return ChildProcesses.tree(process);
    }

    @Override
    public void close() {
        stop();
        ChildProcesses.forgetAtExit(shutdownHook);
    }

    private void stop() {
        ChildProcesses.stopTree(process);
        try {
            InstallStep.deleteRecursively(taskRoot);
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }

    /**
     * Lines of this invocation: up to the emulator's REPORT for it, or, when the runtime died (a failed init),
     * up to the emulator noting the failure, which then prints no REPORT.
     */
    private List<String> awaitEnd(String requestId, int from, boolean failed) {
        String report = "REPORT RequestId: " + requestId;
        long deadline = System.nanoTime() + OUTPUT_TIMEOUT.toNanos();
        synchronized (output) {
            while (true) {
                for (int i = from; i < output.size(); i++) {
                    String line = output.get(i);
                    if (line.startsWith(report) || (failed && line.contains("Invoke DONE failed"))) {
                        return List.copyOf(output.subList(from, i + 1));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    return List.copyOf(output.subList(from, output.size()));
                }
                try {
                    output.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.copyOf(output.subList(from, output.size()));
                }
            }
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException closed) {
            // The emulator was stopped.
        }
        synchronized (output) {
            output.notifyAll();
        }
    }

    private String tail() {
        synchronized (output) {
            List<String> last = output.subList(Math.max(0, output.size() - 20), output.size());
            return last.isEmpty() ? "" : "; its last output:\n" + String.join("\n", last);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the function's AWS calls go and what else its environment holds. */
    public static final class Builder {

        private final Path jar;
        private String handler = HANDLER;
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private URI awsEndpoint;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder(Path jar) {
            this.jar = Objects.requireNonNull(jar, "jar");
        }

        /**
         * Sends the function's AWS calls to an emulator ({@code AWS_ENDPOINT_URL}) with dummy keys in us-east-1,
         * and drops every other {@code AWS_*} variable of this process, so nothing can reach a real account.
         * Without this, the function inherits this process's AWS settings (credentials chain, region) as is.
         */
        public Builder emulator(URI endpoint) {
            this.awsEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** Another handler in the jar, as {@code class::method} (the benchmark's checkpoint simulation). */
        public Builder handler(String handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The JDK the runtime client runs on (default: the one running this process). */
        public Builder javaHome(Path home) {
            this.javaHome = Objects.requireNonNull(home, "home");
            return this;
        }

        /** Adds or replaces one variable of the function's environment, after the defaults. */
        public Builder environment(String name, String value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            variables.forEach(this::environment);
            return this;
        }

        /** The function's environment: this process's, adjusted as Lambda and the chosen AWS need. */
        Map<String, String> functionEnvironment() {
            Map<String, String> env = new LinkedHashMap<>(System.getenv());
            // Switches the emulator into another mode; not ours to inherit.
            env.remove("AWS_LAMBDA_MAX_CONCURRENCY");
            if (awsEndpoint != null) {
                env.keySet().removeIf(name -> name.startsWith("AWS_"));
                env.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
                env.put("AWS_ACCESS_KEY_ID", "testing");
                env.put("AWS_SECRET_ACCESS_KEY", "testing");
                env.put("AWS_REGION", DemoAccount.REGION.id());
            } else if (!env.containsKey("AWS_REGION") && env.containsKey("AWS_DEFAULT_REGION")) {
                env.put("AWS_REGION", env.get("AWS_DEFAULT_REGION")); // Lambda always sets AWS_REGION
            }
            env.put("AWS_LAMBDA_FUNCTION_NAME", "cis-sentinel");
            // What Lambda sets for an on-demand start; Powertools reports cold_start only with it.
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            env.put("POWERTOOLS_SERVICE_NAME", "cis-sentinel");
            env.put("POWERTOOLS_METRICS_NAMESPACE", "cis-sentinel");
            // EMF to stdout, as in Lambda: outside Lambda, aws-embedded-metrics probes for ECS/EC2 and falls back to
            // a CloudWatch agent unless told the environment is Local
            // (https://github.com/awslabs/aws-embedded-metrics-java#configuration, AWS_EMF_ENVIRONMENT).
            env.put("AWS_EMF_ENVIRONMENT", "Local");
            env.putAll(overrides);
            return env;
        }

        /**
         * Installs what is missing (the emulator with Go, the runtime client with Maven; once, into the cache
         * directory), lays out the task root and starts the emulator on a free loopback port.
         *
         * @param notices where to say what is being installed (e.g. {@code System.err::println})
         * @throws MissingToolException when Go or Maven is needed and absent
         */
        public LocalLambda start(Consumer<String> notices) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no jar at " + jar + "; build it with mvn -DskipTests package");
            }
            Path emulator = RuntimeEmulatorInstallation.locate(notices);
            Path client = RuntimeClientInstallation.locate(notices);
            Map<String, String> env = functionEnvironment();
            Path taskRoot;
            try {
                taskRoot = Files.createTempDirectory("cis-sentinel-task-");
                Files.createDirectories(taskRoot.resolve("lib"));
                Files.copy(jar, taskRoot.resolve("lib").resolve("cis-sentinel.jar"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not lay out a Lambda task root", e);
            }
            IllegalStateException last = null;
            // A free port can be taken between our probe and the emulator's bind; try again on others.
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return launch(emulator, client, taskRoot, env, handler, javaHome);
                } catch (IllegalStateException e) {
                    last = e;
                }
            }
            try {
                InstallStep.deleteRecursively(taskRoot);
            } catch (IOException ignored) {
                // A temp directory left behind is harmless.
            }
            throw last;
        }

        private static LocalLambda launch(Path emulator, Path client, Path taskRoot, Map<String, String> env,
                String handler, Path javaHome) {
            int port = ChildProcesses.freeLoopbackPort();
            List<String> command = List.of(emulator.toString(), "--log-level", "info",
                    "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                    "--runtime-api-address", "127.0.0.1:" + ChildProcesses.freeLoopbackPort(),
                    javaHome.resolve("bin").resolve("java").toString(),
                    "-cp", client.resolve("*").toString(), RuntimeClientInstallation.MAIN_CLASS, handler);
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process;
            try {
                process = builder.start();
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + emulator, e);
            }
            Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("AWS_LAMBDA_FUNCTION_TIMEOUT",
                    "300").trim()));
            LocalLambda lambda = new LocalLambda(process, URI.create("http://127.0.0.1:" + port), taskRoot, timeout);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String tail = lambda.tail();
                    lambda.closeKeepingTaskRoot();
                    throw new IllegalStateException("aws-lambda-rie exited with code " + process.exitValue()
                            + " before answering" + tail);
                }
                if (lambda.answers()) {
                    return lambda;
                }
                ChildProcesses.pause(Duration.ofMillis(50), "aws-lambda-rie");
            }
            String tail = lambda.tail();
            lambda.closeKeepingTaskRoot();
            throw new IllegalStateException("aws-lambda-rie did not answer on port " + port + " within "
                    + START_TIMEOUT.toSeconds() + " s" + tail);
        }
    }

    private void closeKeepingTaskRoot() {
        processes().forEach(ProcessHandle::destroyForcibly);
        ChildProcesses.forgetAtExit(shutdownHook);
    }

    /**
     * One invocation as Lambda reports it.
     *
     * @param httpStatus the emulator's answer: 200, or 502 when the runtime died (e.g. the handler's constructor
     *     threw during init)
     * @param payload the function's response, or Lambda's error document ({@code errorMessage}, {@code errorType})
     * @param initDuration the runtime's init, when this invocation started it (a cold start); zero when warm
     * @param duration the invocation itself, init excluded
     * @param functionOutput what the function and the runtime printed (log lines, EMF), without the emulator's own
     */
    public record InvokeResult(String requestId, int httpStatus, String payload, Duration initDuration,
            Duration duration, List<String> functionOutput) {

        public InvokeResult {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(initDuration, "initDuration");
            Objects.requireNonNull(duration, "duration");
            functionOutput = List.copyOf(functionOutput);
        }

        static InvokeResult from(String requestId, int status, String payload, List<String> lines, Duration wall) {
            double initMillis = 0;
            Double invokeMillis = null;
            List<String> function = new ArrayList<>();
            for (String line : lines) {
                Matcher emulator = EMULATOR_LOG.matcher(line);
                if (emulator.matches()) {
                    Matcher init = INIT_REPORT.matcher(emulator.group(1));
                    Matcher done = INVOKE_DONE.matcher(emulator.group(1));
                    if (init.find()) {
                        initMillis += Double.parseDouble(init.group(1)); // a failed init is retried in the invoke
                    } else if (done.find()) {
                        invokeMillis = Double.parseDouble(done.group(1));
                    }
                } else if (!line.startsWith("START RequestId: ") && !line.startsWith("END RequestId: ")
                        && !line.startsWith("REPORT RequestId: ")) {
                    function.add(line);
                }
            }
            Duration init = millis(initMillis);
            // No RTDONE when the runtime died: then all we know is the wall time beyond init.
            Duration invoke = invokeMillis != null ? millis(invokeMillis)
                    : wall.minus(init).isNegative() ? Duration.ZERO : wall.minus(init);
            return new InvokeResult(requestId, status, payload, init, invoke, function);
        }

        private static Duration millis(double millis) {
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }

        /** Whether Lambda would call this invocation failed: the runtime died or the handler threw. */
        public boolean failed() {
            return httpStatus != 200 || errorType().isPresent();
        }

        /** The {@code errorType} of Lambda's error document, when the payload is one. */
        public Optional<String> errorType() {
            try {
                JsonNode document = JSON.readTree(payload);
                if (document != null && document.isObject() && document.path("errorType").isTextual()
                        && document.has("errorMessage")) {
                    return Optional.of(document.get("errorType").asText());
                }
            } catch (IOException notJson) {
                // A plain-text answer (e.g. a timeout): not an error document.
            }
            return Optional.empty();
        }

        /** Lambda's REPORT line, with the durations measured as described on {@link LocalLambda}. */
        public String report() {
            StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId).append('\t');
            if (!initDuration.isZero()) {
                line.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initDuration.toNanos() / 1e6));
            }
            return line.append(String.format(Locale.ROOT, "Duration: %.2f ms", duration.toNanos() / 1e6))
                    .toString();
        }
    }
}
