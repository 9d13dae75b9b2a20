package dev.cissentinel.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code moto_server} process on a free loopback port: the local AWS emulator behind the tests and the
 * {@code demo} command.
 *
 * <p>The process is tied to this JVM: {@link #close()} stops it (and its children) and a shutdown hook does
 * the same if the JVM exits without closing, so no emulator outlives the run that started it.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread shutdownHook;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "moto-server-stop");
        ChildProcesses.stopAtExit(shutdownHook, this::stop);
    }

    /**
     * Starts moto_server, installing a pinned moto into a cache directory first if none is on the PATH.
     *
     * @param notices where to say, once, that moto is being installed (e.g. {@code System.err::println})
     */
    public static MotoServer start(Consumer<String> notices) {
        Path executable = MotoInstallation.locate(notices);
        IllegalStateException last = null;
        // A free port can be taken between our probe and moto's bind; try again on another one.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return launch(executable, ChildProcesses.freeLoopbackPort());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static MotoServer launch(Path executable, int port) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto-server-", ".log");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "-H", "127.0.0.1", "-p",
                    Integer.toString(port)));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + executable + ": " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        MotoServer server = new MotoServer(process, endpoint, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = tail(log);
                server.close();
                throw new IllegalStateException("moto_server exited with code " + process.exitValue()
                        + " before answering; its output:\n" + output);
            }
            if (server.answers()) {
                return server;
            }
            ChildProcesses.pause(Duration.ofMillis(100), "moto_server");
        }
        String output = tail(log);
        server.close();
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within "
                + START_TIMEOUT.toSeconds() + " s; its output:\n" + output);
    }

    /** The emulator's base URL, for {@code AWS_ENDPOINT_URL} or an SDK endpoint override. */
    public URI endpoint() {
        return endpoint;
    }

    /** The process id, so tests can check it is gone after {@link #close()}. */
    public long pid() {
        return process.pid();
    }

    /** Forgets every resource in every account and region ({@code POST /moto-api/reset}). */
    public void reset() {
        int status = request("POST", "/moto-api/reset");
        if (status != 200) {
            throw new IllegalStateException("moto reset answered HTTP " + status);
        }
    }

    /**
     * Creates an S3 bucket in us-east-1 with a plain HTTP request (moto checks no signature), because CloudTrail
     * needs one and the jar carries no S3 client just for the demo.
     */
    public void createBucket(String name) {
        int status = request("PUT", "/" + name);
        if (status != 200) {
            throw new IllegalStateException("moto answered HTTP " + status + " to creating bucket " + name);
        }
    }

    private boolean answers() {
        try {
            return request("GET", "/moto-api/") > 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private int request(String method, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(1_000);
            connection.setReadTimeout(10_000);
            if ("POST".equals(method) || "PUT".equals(method)) {
                connection.setDoOutput(true);
                connection.getOutputStream().close();
            }
            int status = connection.getResponseCode();
            connection.getInputStream().readAllBytes();
            connection.disconnect();
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        ChildProcesses.forgetAtExit(shutdownHook);
    }

    private void stop() {
        // moto's reloader or a launcher shim may have children; stop the whole tree.
        ChildProcesses.stopTree(process);
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // A temp file left behind is harmless.
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
