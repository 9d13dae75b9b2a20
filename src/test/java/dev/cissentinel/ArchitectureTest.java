package dev.cissentinel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pure packages (house style) import no AWS SDK client, network, clock or environment. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/cissentinel");

    @ParameterizedTest
    @ValueSource(strings = {"pattern", "controls"})
    void purePackage_importsNoClientNetworkOrEnvironment(String pkg) throws IOException {
        Path dir = MAIN.resolve(pkg);
        List<Path> sources;
        try (Stream<Path> files = Files.walk(dir)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            String text = Files.readString(source);
            assertThat(text).as(source.toString())
                    .doesNotContainPattern("import software\\.amazon\\.awssdk\\.services\\.[a-z]+\\.[A-Za-z]+Client;")
                    .doesNotContain("import software.amazon.awssdk.http")
                    .doesNotContain("import java.net.")
                    .doesNotContain("System.getenv")
                    .doesNotContain("Clock.system")
                    .doesNotContain("Instant.now()")
                    .doesNotContain("import dev.cissentinel.aws.AwsClients");
        }
    }
}
