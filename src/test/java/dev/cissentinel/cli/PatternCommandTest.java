package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.pattern.FilterPattern;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pattern test} and {@code pattern covers} through {@link Main#execute}: output and exit codes. */
class PatternCommandTest {

    private static final String CONSOLE_FAILURE = "{\"eventVersion\":\"1.08\",\"eventSource\":\"signin.amazonaws.com\","
            + "\"eventName\":\"ConsoleLogin\",\"eventType\":\"AwsConsoleSignIn\",\"errorMessage\":\"Failed "
            + "authentication\",\"responseElements\":{\"ConsoleLogin\":\"Failure\"}}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private InputStream savedIn;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        savedIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        System.setIn(savedIn);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path event(String content) throws IOException {
        Path file = dir.resolve("event.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void test_matchingEventFile_printsMatchAndExits0() throws IOException {
        int exit = Main.execute("pattern", "test", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed "
                + "authentication\") }", "--event", event(CONSOLE_FAILURE).toString());

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("match" + System.lineSeparator());
    }

    @Test
    void test_otherEvent_printsNoMatchAndExits1() throws IOException {
        int exit = Main.execute("pattern", "test", "{ $.eventName = CreateTrail }", "--event",
                event(CONSOLE_FAILURE).toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).isEqualTo("no match" + System.lineSeparator());
    }

    @Test
    void test_eventFromStandardInput_prettyPrintedJson() {
        System.setIn(new ByteArrayInputStream("{\n  \"someFloat2\": 12.0\n}\n".getBytes(StandardCharsets.UTF_8)));

        int exit = Main.execute("pattern", "test", "{ $.someFloat2 != \"12\" }", "--event", "-");

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("match" + System.lineSeparator());
    }

    @Test
    void test_rawMessage_isMatchedAsText() throws IOException {
        Path file = event("127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /a HTTP/1.0\" 404 1534\n");

        assertThat(Main.execute("pattern", "test", "[..., status_code = 4*, bytes]", "--event", file.toString()))
                .isZero();
        assertThat(Main.execute("pattern", "test", "{ $.a NOT EXISTS }", "--event", file.toString()))
                .isEqualTo(1);
        assertThat(stdout()).isEqualTo("match" + System.lineSeparator() + "no match" + System.lineSeparator());
    }

    @Test
    void test_syntaxError_namesTheColumnAndExits2() throws IOException {
        int exit = Main.execute("pattern", "test", "{ $.eventName EXISTS }", "--event",
                event(CONSOLE_FAILURE).toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("column 15").contains("expected a comparison operator")
                .contains("{ $.eventName EXISTS }");
    }

    @Test
    void test_missingEventFile_exits2() {
        int exit = Main.execute("pattern", "test", "ERROR", "--event", dir.resolve("nope.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("cannot read the event");
    }

    @Test
    void covers_securityHubTextAgainstControl_printsCoversAndExits0() {
        int exit = Main.execute("pattern", "covers",
                "{($.eventName=ConsoleLogin) && ($.errorMessage=\"Failed authentication\")}",
                "--control", "CloudWatch.6");

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("covers" + System.lineSeparator());
    }

    @Test
    void covers_droppedEventName_printsCounterexampleAndExits1() {
        int exit = Main.execute("pattern", "covers", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || "
                + "($.eventName = DeleteTrail) || ($.eventName = StartLogging) }", "--control", "CloudWatch.5");

        assertThat(exit).isEqualTo(1);
        String nl = System.lineSeparator();
        assertThat(stdout()).startsWith("does not cover" + nl
                + "counterexample (the reference matches this event, the pattern does not):" + nl
                + "{" + nl + "  \"eventSource\" : \"cloudtrail.amazonaws.com\"," + nl
                + "  \"eventName\" : \"StopLogging\"" + nl + "}" + nl + "why: the reference matches it");
    }

    @Test
    void covers_againstAReferencePattern() {
        int exit = Main.execute("pattern", "covers", "{ $.errorCode = \"AccessDenied*\" }", "--reference",
                "{ $.errorCode = \"AccessDeniedException\" }");

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("covers" + System.lineSeparator());
    }

    @Test
    void covers_undecided_printsWhyAndExits1() {
        int exit = Main.execute("pattern", "covers", "{ $.x = \"Delete*\" }", "--reference", "{ $.x = %^Delete% }");

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).startsWith("undecided" + System.lineSeparator() + "why: ").contains("regex");
    }

    @Test
    void covers_syntaxErrorInReference_namesItAndExits2() {
        int exit = Main.execute("pattern", "covers", "{ $.a = 1 }", "--reference", "{ $.a = 1 ");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("reference: invalid filter pattern at column 11");
    }

    @Test
    void covers_unknownControl_exits2() {
        int exit = Main.execute("pattern", "covers", "{ $.a = 1 }", "--control", "CloudWatch.3");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("unknown control CloudWatch.3").contains("CloudWatch.6");
    }

    @Test
    void covers_usesTheInjectedReferenceLookup() {
        StringWriter captured = new StringWriter();
        CommandLine command = new CommandLine(new PatternCommand(
                id -> Optional.of(FilterPattern.parse("{ $.eventName = " + id + " }"))));
        command.setOut(new PrintWriter(captured));

        int exit = command.execute("covers", "{ $.eventName = \"Custom*\" }", "--control", "CustomControl");

        assertThat(exit).isZero();
        assertThat(captured.toString()).isEqualTo("covers" + System.lineSeparator());
    }
}
