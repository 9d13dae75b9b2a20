package dev.cissentinel.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One external command of an installation (go install, mvn): run to completion, its output shown on failure. */
final class InstallStep {

    private static final long TIMEOUT_MINUTES = 15;

    private InstallStep() {
    }

    /**
     * Runs {@code command} with {@code environment} added to this process's, and fails saying what it was for.
     *
     * @param purpose what the command does, completing "could not ..."
     */
    static void run(List<String> command, Map<String, String> environment, String purpose) {
        try {
            Path output = Files.createTempFile("cis-sentinel-install-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
                builder.environment().putAll(environment);
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException("could not " + purpose + ": no answer within " + TIMEOUT_MINUTES
                            + " minutes");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("could not " + purpose + " (exit " + process.exitValue() + "; "
                            + String.join(" ", command) + "):\n"
                            + Files.readString(output, StandardCharsets.UTF_8).strip());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not " + purpose + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + purpose, e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
