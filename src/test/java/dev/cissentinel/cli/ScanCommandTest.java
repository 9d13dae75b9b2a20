package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scan} with bad input, through {@link Main#execute}: exit code 2, two short lines on stderr (what is wrong,
 * where the options are), nothing on stdout. Every case fails before the scan builds a client, so none calls AWS
 * ({@code ScanCommandIT} proves that with a proxy that counts requests).
 */
class ScanCommandTest {

    private static final String HUGE = "x".repeat(130_000);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void unknownOption_oneLineAndAHintNotTheWholeUsage() {
        int exit = Main.execute("scan", "--regoin", "us-east-1");

        assertThat(exit).isEqualTo(2);
        assertThat(stderrLines()).containsExactly("cis-sentinel: Unknown options: '--regoin', 'us-east-1'",
                "Usage: cis-sentinel scan [OPTIONS]; 'cis-sentinel scan --help' lists them.");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void optionWithoutItsValue_oneLineAndAHint() {
        int exit = Main.execute("scan", "--region");

        assertThat(exit).isEqualTo(2);
        assertThat(stderrLines()).hasSize(2);
        assertThat(stderrLines().get(0)).startsWith("cis-sentinel: Missing required parameter for option '--region'");
    }

    @Test
    void hugeUnknownOption_quotedBriefly() {
        int exit = Main.execute("scan", "--" + HUGE);

        assertThat(exit).isEqualTo(2);
        assertThat(stderrLines()).hasSize(2);
        assertThat(stderrLines().get(0)).hasSizeLessThan(300).contains("(130002 characters)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--region", "--controls", "--format", "--pattern-mode", "--timeout", "--alarm-topic-arn",
            "--notification-email", "--remediate"})
    void hugeValue_eachFlag_twoShortLinesExitTwo(String flag) {
        List<String> args = List.of("scan", "--region", "us-east-1", "--no-publish", flag, "arn:aws:sns:us-east-1:"
                + "123456789012:" + HUGE);

        int exit = Main.execute(args.toArray(String[]::new));

        assertThat(exit).isEqualTo(2);
        assertThat(stderrLines()).hasSize(2);
        assertThat(stderrLines().get(0)).startsWith("cis-sentinel: ").hasSizeLessThan(400)
                .doesNotContain("x".repeat(101));
        assertThat(stdout()).isEmpty();
    }

    @Test
    void fifoAlarmTopic_refusedBeforeAnyCall() {
        int exit = Main.execute("scan", "--region", "us-east-1", "--remediate", "dry-run", "--alarm-topic-arn",
                "arn:aws:sns:us-east-1:123456789012:alerts.fifo");

        assertThat(exit).isEqualTo(2);
        assertThat(stderrLines().get(0)).contains("FIFO");
    }

    @Test
    void emailWithControlCharacter_messageStaysOnOneLine() {
        int exit = Main.execute("scan", "--region", "us-east-1", "--remediate", "dry-run", "--notification-email",
                "jane@example.com\nINFO: all controls PASSED");

        assertThat(exit).isEqualTo(2);
        assertThat(stderrLines()).hasSize(2);
        assertThat(stderrLines().get(0)).contains("jane@example.com\\nINFO");
    }

    private List<String> stderrLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
