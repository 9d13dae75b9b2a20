package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.controls.ControlTable;
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
import java.util.Arrays;
import java.util.List;
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
    void covers_organizationsControl_cisTextCoversAndAMissingEventDoesNot() {
        String cis = ControlTable.byId("CIS.Organizations").orElseThrow().cisPattern();

        assertThat(Main.execute("pattern", "covers", cis, "--control", "CIS.Organizations")).isEqualTo(0);
        assertThat(stdout()).startsWith("covers");
        assertThat(Main.execute("pattern", "covers", cis.replace(" || ($.eventName = MoveAccount)", ""),
                "--control", "CIS.Organizations")).isEqualTo(1);
        assertThat(stdout()).contains("does not cover").contains("MoveAccount");
    }

    @Test
    void covers_unknownControl_exits2() {
        int exit = Main.execute("pattern", "covers", "{ $.a = 1 }", "--control", "CloudWatch.15");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).contains("unknown control CloudWatch.15").contains("CloudWatch.6");
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

    // ---------------------------------------------------------------- hostile input (issue 22)

    @Test
    void covers_hugeArrayIndex_answersUndecidedInsteadOfExhaustingTheHeap() {
        int exit = Main.execute("pattern", "covers", "{ $.a[999999999] = 2 }", "--reference",
                "{ $.a[999999999] = 1 }");

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).startsWith("undecided" + System.lineSeparator() + "why: ").contains("64 KB");
    }

    @Test
    void covers_tinyExponent_printsACounterexampleThatPatternTestAgreesWith() {
        assertPrintedCounterexampleAgrees("{ $.a < 0 }", "{ $.a > 1e-10000 }");
    }

    @Test
    void covers_termThatOnlyAPrettyPrintedEventContains_printsAnEventPatternTestAgreesWith() {
        assertPrintedCounterexampleAgrees("\"\\\"eventName\\\" : \\\"ConsoleLogin\\\"\"",
                "{ $.eventName = ConsoleLogin }");
    }

    @Test
    void test_termOnAJsonEvent_matchesTheRawText() throws IOException {
        assertThat(Main.execute("pattern", "test", "\"\\\"hello\\\" : \\\"world\\\"\"", "--event",
                event("{\"hello\" : \"world\"}").toString())).isZero();
        assertThat(Main.execute("pattern", "test", "u00e9", "--event", event("{\"a\":\"\\u00e9\"}").toString()))
                .isZero();
        assertThat(stdout()).isEqualTo("match" + System.lineSeparator() + "match" + System.lineSeparator());
    }

    @Test
    void test_eventLargerThanCloudWatchLogsAccepts_isAClearErrorReadInBoundedMemory() {
        System.setIn(new Filler(60L * 1024 * 1024));

        int exit = Main.execute("pattern", "test", "{ $.eventName = ConsoleLogin }", "--event", "-");

        assertThat(exit).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).startsWith("pattern test: the event is more than 1,048,576 bytes")
                .contains("PutLogEvents");
        assertThat(stderr().lines()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void test_eventFileLargerThanCloudWatchLogsAccepts_namesItsSize() throws IOException {
        Path file = dir.resolve("big.json");
        Files.write(file, new byte[2 * 1024 * 1024]);

        int exit = Main.execute("pattern", "test", "ERROR", "--event", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr()).startsWith("pattern test: the event is 2,097,152 bytes");
    }

    @Test
    void test_jsonNestedDeeperThanTheReadLimit_isAClearErrorForJsonPatternsAndTextForTerms() throws IOException {
        Path file = event("{\"a\":".repeat(5000) + "1" + "}".repeat(5000));

        assertThat(Main.execute("pattern", "test", "{ $.a NOT EXISTS }", "--event", file.toString())).isEqualTo(2);
        assertThat(stderr()).startsWith("pattern test: the event is JSON nested deeper than 1000 levels");
        assertThat(stdout()).isEmpty();
        assertThat(Main.execute("pattern", "test", "\"\\\"a\\\":1}\"", "--event", file.toString())).isZero();
        assertThat(stdout()).isEqualTo("match" + System.lineSeparator());
    }

    @Test
    void test_byteOrderMark_isDroppedAndSaidSo() throws IOException {
        Path file = dir.resolve("bom.json");
        Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "{\"eventName\":\"ConsoleLogin\"}\n".getBytes(StandardCharsets.UTF_8)));

        int exit = Main.execute("pattern", "test", "{ $.eventName = ConsoleLogin }", "--event", file.toString());

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("match" + System.lineSeparator());
        assertThat(stderr()).contains("byte order mark");
    }

    @Test
    void test_invalidUtf8_namesTheByte() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, concat("{\"eventName\":\"Console".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFF, (byte) 0xFE}, "Login\"}".getBytes(StandardCharsets.UTF_8)));

        int exit = Main.execute("pattern", "test", "ERROR", "--event", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).startsWith("pattern test: the event is not valid UTF-8 at byte 22 (0xff)");
    }

    @Test
    void test_malformedJsonWithAJsonPattern_answersNoMatchAndSaysWhy() throws IOException {
        int exit = Main.execute("pattern", "test", "{ $.a NOT EXISTS }", "--event", event("{\"a\":1,").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stdout()).isEqualTo("no match" + System.lineSeparator());
        assertThat(stderr()).startsWith("pattern test: note: the event starts with { but is not JSON");
    }

    @Test
    void test_syntaxErrorInALongPattern_quotesAWindowAroundTheColumn() throws IOException {
        String pattern = "{ " + "$.a = 1 || ".repeat(90) + "$.b == 2 }";

        int exit = Main.execute("pattern", "test", pattern, "--event", event(CONSOLE_FAILURE).toString());

        assertThat(exit).isEqualTo(2);
        List<String> lines = stderr().lines().toList();
        assertThat(lines).hasSizeBetween(3, 4);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
        assertThat(lines.get(0)).contains("column " + (pattern.indexOf("==") + 2));
        int caret = lines.get(2).indexOf('^');
        assertThat(lines.get(1).substring(caret, caret + 2)).isEqualTo("= ");
        assertThat(stderr()).doesNotContain("Exit codes").contains("--help");
    }

    @Test
    void test_patternOverTheLengthLimit_isNotEchoed() throws IOException {
        String pattern = "ERROR ".repeat(22_000);

        int exit = Main.execute("pattern", "test", pattern, "--event", event(CONSOLE_FAILURE).toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr().length()).isLessThan(500);
        assertThat(stderr()).contains("1024 characters");
    }

    @Test
    void test_missingEventOption_isOneLineAndAHint() {
        assertThat(Main.execute("pattern", "test", "ERROR")).isEqualTo(2);
        assertThat(Main.execute("pattern", "test", "ERROR", "--event")).isEqualTo(2);

        assertThat(stderr().lines()).hasSize(4);
        assertThat(stderr()).contains("--event").doesNotContain("Exit codes");
    }

    @Test
    void covers_unknownOptionOrMissingReference_isOneLineAndAHint() {
        assertThat(Main.execute("pattern", "covers", "{ $.a = 1 }", "--nope" + "x".repeat(5000))).isEqualTo(2);
        assertThat(Main.execute("pattern", "covers", "{ $.a = 1 }")).isEqualTo(2);
        assertThat(Main.execute("pattern", "covers", "{ $.a = 1 }", "--control", "CloudWatch.1", "--reference",
                "{ $.a = 1 }")).isEqualTo(2);

        assertThat(stderr().lines()).hasSizeLessThanOrEqualTo(6);
        assertThat(stderr().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(160));
        assertThat(stderr()).doesNotContain("Exit codes");
    }

    /** Runs {@code covers}, then {@code test} on the printed counterexample with both patterns. */
    private void assertPrintedCounterexampleAgrees(String deployed, String reference) {
        int exit = Main.execute("pattern", "covers", deployed, "--reference", reference);
        String printed = stdout();
        assertThat(exit).isEqualTo(1);
        if (!printed.startsWith("does not cover")) {
            assertThat(printed).startsWith("undecided");
            return;
        }
        String nl = System.lineSeparator();
        int from = printed.indexOf(nl, printed.indexOf("counterexample")) + nl.length();
        String event = printed.substring(from, printed.indexOf(nl + "why: "));
        out.reset();

        System.setIn(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.execute("pattern", "test", reference, "--event", "-")).as("reference on %s", event).isZero();
        System.setIn(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.execute("pattern", "test", deployed, "--event", "-")).as("deployed on %s", event)
                .isEqualTo(1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** An endless-looking event on standard input, produced as it is read: nothing holds it whole. */
    private static final class Filler extends InputStream {
        private long left;

        Filler(long size) {
            left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            left -= n;
            return n;
        }
    }
}
