package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pattern package is pure (house style): no AWS SDK, no I/O beyond parsing strings. */
class PackagePurityTest {

    @Test
    void sources_importNoAwsSdkAndNoIo() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/cissentinel/pattern"))) {
            offending = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> lines(file).stream()
                            .filter(line -> line.startsWith("import software.amazon")
                                    || line.startsWith("import com.amazonaws") || line.startsWith("import java.net")
                                    || line.startsWith("import java.nio.file"))
                            .map(line -> file.getFileName() + ": " + line))
                    .collect(Collectors.toList());
        }
        assertThat(offending).isEmpty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
