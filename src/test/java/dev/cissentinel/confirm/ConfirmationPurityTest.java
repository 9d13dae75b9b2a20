package dev.cissentinel.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deciding what to ask and merging the answers are pure (package documentation); only the tester does I/O. */
class ConfirmationPurityTest {

    private static final Path PACKAGE = Path.of("src/main/java/dev/cissentinel/confirm");

    @ParameterizedTest
    @ValueSource(strings = {"ConfirmationQuestions", "ConfirmationMerge", "Question", "Answer"})
    void pureClass_importsNoSdkNetworkClockOrEnvironment(String name) throws IOException {
        String source = Files.readString(PACKAGE.resolve(name + ".java"));

        assertThat(source).doesNotContain("import software.amazon").doesNotContain("import java.net.")
                .doesNotContain("System.getenv").doesNotContain("Clock").doesNotContain("Instant.now()")
                .doesNotContain("import dev.cissentinel.aws.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ConfirmationQuestions", "ConfirmationMerge", "Question", "Answer",
            "CloudWatchLogsTester"})
    void everyClass_importsNoLaterStep(String name) throws IOException {
        String source = Files.readString(PACKAGE.resolve(name + ".java"));

        assertThat(source).doesNotContainPattern("import dev\\.cissentinel\\.(findings|publish|remediate|scan|cli|"
                + "lambda)\\.");
    }
}
