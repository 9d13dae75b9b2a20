package dev.cissentinel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The two jars `mvn package` builds: {@code cis-sentinel.jar}, the CLI, with everything; and
 * {@code cis-sentinel-lambda.jar}, which template.yaml deploys, with only what the function runs.
 */
class ArtifactsIT {

    /**
     * What the function never runs: the commands, picocli, the emulator launchers that spawn processes, and the
     * CLI's SLF4J provider (the function writes Powertools' JSON lines through its own), and log4j2, which the
     * function no longer starts.
     */
    private static final List<String> NOT_IN_FUNCTION = List.of("dev/cissentinel/cli/",
            "dev/cissentinel/emulator/", "picocli/", "org/slf4j/simple/", "org/apache/logging/", "log4j2");

    @Test
    void lambdaJar_holdsTheHandlerAndCoreButNoCliEmulatorOrPicocli() throws IOException {
        try (JarFile jar = new JarFile(jar("cis-sentinel-lambda.jar"))) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("dev/cissentinel/lambda/ScanHandler.class",
                    "dev/cissentinel/scan/Scan.class", "dev/cissentinel/controls/ChainEvaluator.class",
                    "dev/cissentinel/confirm/ConfirmationQuestions.class",
                    "dev/cissentinel/lambda/log/JsonLogProvider.class");
            ZipEntry providers = jar.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
            assertThat(new String(jar.getInputStream(providers).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .strip())
                    .as("the function's only SLF4J provider").isEqualTo("dev.cissentinel.lambda.log.JsonLogProvider");
            for (String prefix : NOT_IN_FUNCTION) {
                assertThat(names).as("entries starting with %s", prefix).noneMatch(name -> name.startsWith(prefix));
            }
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isNull();
        }
    }

    @Test
    void cliJar_holdsEverythingAndStartsTheCommandLine() throws IOException {
        try (JarFile jar = new JarFile(jar("cis-sentinel.jar"))) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("dev/cissentinel/cli/Main.class", "dev/cissentinel/emulator/MotoServer.class",
                    "dev/cissentinel/lambda/ScanHandler.class", "picocli/CommandLine.class",
                    "org/slf4j/simple/SimpleServiceProvider.class");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.cissentinel.cli.Main");
        }
    }

    private static java.io.File jar(String name) {
        Path jar = Path.of(System.getProperty(name, "target/" + name));
        assertThat(jar).as("built by mvn package before the integration tests").isRegularFile();
        return jar.toFile();
    }
}
