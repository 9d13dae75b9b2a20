package dev.cissentinel.emulator;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds the AWS Lambda Java runtime interface client (the code Lambda's Java runtimes use to load a handler and
 * speak the Runtime API) with its dependencies, as jars in the user's cache directory. Maven fetches them once,
 * from a small pom written for the purpose, so they never enter the shaded jar.
 */
final class RuntimeClientInstallation {

    static final String VERSION = "2.10.1";
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Written by cis-sentinel local-invoke: fetches the Lambda Java runtime client and its dependencies. -->
            <project xmlns="http://maven.apache.org/POM/4.0.0">
                <modelVersion>4.0.0</modelVersion>
                <groupId>dev.cissentinel.local</groupId>
                <artifactId>lambda-runtime-client</artifactId>
                <version>1</version>
                <packaging>pom</packaging>
                <dependencies>
                    <dependency>
                        <groupId>com.amazonaws</groupId>
                        <artifactId>aws-lambda-java-runtime-interface-client</artifactId>
                        <version>%s</version>
                    </dependency>
                </dependencies>
                <build>
                    <plugins>
                        <plugin>
                            <artifactId>maven-dependency-plugin</artifactId>
                            <version>3.8.1</version>
                        </plugin>
                    </plugins>
                </build>
            </project>
            """;

    private RuntimeClientInstallation() {
    }

    /** The directory holding the runtime client's jars, fetched first if needed. */
    static Path locate(Consumer<String> notices) {
        Path dir = MotoInstallation.cacheDirectory().resolve("lambda-runtime-client-" + VERSION);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path mvn = MotoInstallation.onPath("mvn").orElseThrow(() -> new MissingToolException(
                "Running the function locally needs the AWS Lambda Java runtime interface client, which is fetched "
                + "with Maven, and 'mvn' is not on the PATH. Install Maven 3.8 or newer and run again (the client "
                + "is then copied once into " + dir + ")."));
        try {
            Files.createDirectories(dir.getParent());
            try (FileChannel lock = FileChannel.open(dir.getParent().resolve("lambda-runtime-client.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                if (!Files.isDirectory(dir)) {
                    install(mvn, dir, notices);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not fetch the Lambda runtime client into " + dir + ": "
                    + e.getMessage(), e);
        }
        return dir;
    }

    private static void install(Path mvn, Path dir, Consumer<String> notices) throws IOException {
        notices.accept("Fetching the Lambda Java runtime interface client " + VERSION + " with Maven into " + dir
                + " (once; later runs reuse it)…");
        Path staging = Files.createTempDirectory(dir.getParent(), "lambda-runtime-client-");
        try {
            Path pom = staging.resolve("pom.xml");
            Files.writeString(pom, String.format(POM, VERSION), StandardCharsets.UTF_8);
            Path jars = staging.resolve("jars");
            InstallStep.run(List.of(mvn.toString(), "-B", "-q", "-ntp", "-f", pom.toString(),
                    "dependency:copy-dependencies", "-DoutputDirectory=" + jars, "-DincludeScope=runtime"),
                    Map.of(), "fetch aws-lambda-java-runtime-interface-client " + VERSION + " with Maven");
            try (Stream<Path> files = Files.list(jars)) {
                if (files.noneMatch(jar -> jar.getFileName().toString().startsWith(
                        "aws-lambda-java-runtime-interface-client-"))) {
                    throw new IllegalStateException("Maven ran but copied no runtime client jar into " + jars);
                }
            }
            // The directory appears whole or not at all: its existence is what later runs check.
            Files.move(jars, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            InstallStep.deleteRecursively(staging);
        }
    }
}
