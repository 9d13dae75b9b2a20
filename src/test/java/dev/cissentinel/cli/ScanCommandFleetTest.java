package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The organization flags of {@code scan} with bad input: exit code 2, one line naming the problem and the usage hint,
 * nothing on stdout, before any client is built (the region is given, so not even the SDK's region chain is asked).
 */
class ScanCommandFleetTest {

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--accounts 111111111111|--accounts needs --role-name",
        "--organization|--organization needs --role-name",
        "--accounts 111111111111 --organization --role-name r|give --accounts or --organization, not both",
        "--accounts 11111111111 --role-name r|an account id has 12 digits, not '11111111111'",
        "--accounts 111111111111,,222222222222 --role-name r|an account id has 12 digits, not ''",
        "--accounts 111111111111 --role-name a/b|--role-name must be an IAM role name",
        "--organization --role-name r --external-id x|--external-id must be 2-1224",
        "--regions us-east-1 --external-id abc|--external-id needs --role-name",
        "--regions us-east-1,nowhere|--regions: 'nowhere' is not an AWS region name",
        "--regions us-east-1 --concurrency 0|--concurrency must be a number from 1 to 64, not '0'",
        "--regions us-east-1 --concurrency 65|--concurrency must be a number from 1 to 64",
        "--regions us-east-1 --timeout 1|timeout must be between 5s and 15m",
        "--regions all --format csv|--format must be "
    })
    void badFleetFlag_exitTwoOneLineNothingOnStdout(String flags, String message) {
        String[] args = ("scan --region us-east-1 --no-publish " + flags).split(" ");

        int exit = Main.execute(args);

        String[] lines = err.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(exit).isEqualTo(2);
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("cis-sentinel: ").contains(message);
        assertThat(lines[1]).startsWith("Usage: cis-sentinel scan");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
