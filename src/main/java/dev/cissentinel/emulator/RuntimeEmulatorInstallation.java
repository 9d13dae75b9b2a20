package dev.cissentinel.emulator;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the AWS Lambda Runtime Interface Emulator ({@code aws-lambda-rie}): a pinned build in the user's cache
 * directory, made once with {@code go install}; without Go, an {@code aws-lambda-rie} on the PATH.
 *
 * <p>AWS publishes the emulator as a Go module; its tagged releases are not served by every module proxy, so the
 * pin is a pseudo-version (a commit). Its {@code go.mod} asks for Go 1.26; an older {@code go} (1.21+) fetches that
 * toolchain itself.
 */
final class RuntimeEmulatorInstallation {

    static final String MODULE = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie";
    static final String VERSION = "v0.0.0-20261030222936-bef5c4ba774d";
    static final String EXECUTABLE = "aws-lambda-rie";

    private RuntimeEmulatorInstallation() {
    }

    static Path locate(Consumer<String> notices) {
        Path dir = MotoInstallation.cacheDirectory().resolve("aws-lambda-rie-" + VERSION);
        Path executable = dir.resolve(EXECUTABLE);
        if (Files.isExecutable(executable)) {
            return executable;
        }
        Optional<Path> go = go();
        if (go.isEmpty()) {
            return MotoInstallation.onPath(EXECUTABLE).orElseThrow(() -> new MissingToolException(
                    "Running the function locally needs the AWS Lambda Runtime Interface Emulator (aws-lambda-rie), "
                    + "which is built with Go, and no 'go' command was found on the PATH, in $GOROOT/bin or in "
                    + "/usr/local/go/bin. Install Go 1.21 or newer and run again (the emulator is then built once "
                    + "into " + dir + "), or put an aws-lambda-rie executable on the PATH."));
        }
        try {
            Files.createDirectories(dir.getParent());
            // Two runs installing at once (a test and a user) take turns; the loser finds the binary made.
            try (FileChannel lock = FileChannel.open(dir.getParent().resolve("aws-lambda-rie.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                if (!Files.isExecutable(executable)) {
                    install(go.get(), dir, notices);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not install aws-lambda-rie into " + dir + ": " + e.getMessage(), e);
        }
        return executable;
    }

    private static void install(Path go, Path dir, Consumer<String> notices) throws IOException {
        notices.accept("Building the Lambda Runtime Interface Emulator with " + go + " into " + dir
                + " (once; later runs reuse it)…");
        Path staging = Files.createTempDirectory(dir.getParent(), "aws-lambda-rie-");
        try {
            InstallStep.run(List.of(go.toString(), "install", MODULE + "@" + VERSION), Map.of("GOBIN",
                    staging.toString()), "build aws-lambda-rie with go install");
            Files.createDirectories(dir);
            // Moved into place last, so an interrupted build never leaves a binary that looks complete.
            Files.move(staging.resolve(EXECUTABLE), dir.resolve(EXECUTABLE), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            InstallStep.deleteRecursively(staging);
        }
    }

    /** {@code go} on the PATH, else in {@code $GOROOT/bin} or the official installer's {@code /usr/local/go/bin}. */
    static Optional<Path> go() {
        Optional<Path> onPath = MotoInstallation.onPath("go");
        if (onPath.isPresent()) {
            return onPath;
        }
        List<Path> candidates = new ArrayList<>();
        String goroot = System.getenv("GOROOT");
        if (goroot != null && !goroot.isBlank()) {
            candidates.add(Path.of(goroot, "bin", "go"));
        }
        candidates.add(Path.of("/usr/local/go/bin/go"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
