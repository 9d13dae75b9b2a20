package dev.cissentinel.emulator;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds a {@code moto_server} executable: the one on the PATH, or else a pinned moto installed with pip into
 * a virtual environment under the user's cache directory (once; later runs reuse it).
 */
final class MotoInstallation {

    /** The moto release the project is tested with; installed only when none is on the PATH. */
    static final String MOTO_VERSION = "5.2.1";

    private static final long INSTALL_TIMEOUT_MINUTES = 15;

    private MotoInstallation() {
    }

    static Path locate(Consumer<String> notices) {
        Optional<Path> onPath = onPath("moto_server");
        if (onPath.isPresent()) {
            return onPath.get();
        }
        Path venv = cacheDirectory().resolve("moto-" + MOTO_VERSION);
        Path executable = venv.resolve("bin").resolve("moto_server");
        if (Files.isExecutable(executable)) {
            return executable;
        }
        // A venv cannot be moved after creation (its scripts name their own path), so two processes installing
        // at once take turns on a lock file instead of racing on a rename.
        try {
            Files.createDirectories(cacheDirectory());
            try (FileChannel lock = FileChannel.open(cacheDirectory().resolve("moto-install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                if (!Files.isExecutable(executable)) {
                    install(venv, notices);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not install moto into " + venv + ": " + e.getMessage(), e);
        }
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("pip installed moto but " + executable + " is missing");
        }
        return executable;
    }

    private static void install(Path venv, Consumer<String> notices) throws IOException {
        String python = onPath("python3").or(() -> onPath("python")).map(Path::toString).orElseThrow(() ->
                new IllegalStateException("The local AWS emulator (moto) needs Python 3, which is not on the PATH. "
                        + "Install Python 3.9 or later with its venv module (Debian/Ubuntu: "
                        + "apt-get install python3 python3-venv; macOS: brew install python), then run again."));
        notices.accept("moto_server is not on the PATH: installing moto[server]==" + MOTO_VERSION + " into " + venv
                + " (once; later runs reuse it)");
        deleteRecursively(venv); // a half-made venv from an interrupted install
        run(List.of(python, "-m", "venv", venv.toString()), "create a Python virtual environment in " + venv
                + " (on Debian/Ubuntu install python3-venv)");
        run(List.of(venv.resolve("bin").resolve("pip").toString(), "install", "--quiet",
                "moto[server]==" + MOTO_VERSION), "install moto[server]==" + MOTO_VERSION + " with pip");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** {@code $XDG_CACHE_HOME/cis-sentinel}, or {@code ~/.cache/cis-sentinel}. */
    static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("cis-sentinel");
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void run(List<String> command, String purpose) {
        try {
            Path output = Files.createTempFile("moto-install-", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("could not " + purpose + ": no answer within "
                            + INSTALL_TIMEOUT_MINUTES + " minutes");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("could not " + purpose + " (exit " + process.exitValue() + "):\n"
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
}
