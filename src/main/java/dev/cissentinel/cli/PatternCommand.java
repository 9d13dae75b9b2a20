package dev.cissentinel.cli;

import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.Coverage;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.JsonPattern;
import dev.cissentinel.pattern.LogEvent;
import dev.cissentinel.pattern.PatternSyntaxException;
import dev.cissentinel.pattern.Patterns;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code pattern test} and {@code pattern covers}: print the answer, exit 0 for yes, 1 for no (or undecided), 2 for
 * a syntax error (the message names the column) or unusable input.
 *
 * <p>Errors are one line plus a usage hint, quoting at most about 100 characters of what was typed; so the commands
 * check their own arguments (optional to picocli, whose errors would print the whole help) and collect stray ones.
 */
@Command(name = "pattern",
        mixinStandardHelpOptions = true,
        description = "Tests CloudWatch Logs filter patterns against events and against the CIS reference patterns.",
        subcommands = {PatternCommand.Test.class, PatternCommand.Covers.class})
public final class PatternCommand implements Callable<Integer> {

    /** Both subcommands exit 1 when the answer is no. */
    static final int NO = 1;

    /**
     * What an option given without its value holds: a NUL, which no command-line argument can contain. The options
     * take an optional value so that call() reports a missing one briefly, instead of picocli's whole usage text.
     */
    static final String NO_VALUE = "\u0000";

    /** How much of a typed argument an error message quotes. */
    private static final int QUOTED = 100;

    private final Function<String, Optional<FilterPattern>> referenceFor;

    @Spec
    private CommandSpec spec;

    /** With the control table's reference patterns. */
    public PatternCommand() {
        this(id -> ControlTable.byId(id).map(Control::reference));
    }

    /** With another lookup of a control id's reference pattern. */
    PatternCommand(Function<String, Optional<FilterPattern>> referenceFor) {
        this.referenceFor = Objects.requireNonNull(referenceFor, "referenceFor");
    }

    @Override
    public Integer call() {
        return usageError(spec.commandLine().getErr(), "pattern: name what to do: test or covers",
                "usage: cis-sentinel pattern test|covers ...   (cis-sentinel pattern --help for more)");
    }

    /** Prints {@code message} and {@code hint} (one line each) and returns the usage exit code. */
    private static int usageError(PrintWriter err, String message, String hint) {
        err.println(message);
        err.println(hint);
        err.flush();
        return ExitCode.USAGE;
    }

    /** {@code text}, or its first characters when it is long: error messages never echo a whole argument. */
    private static String clip(String text) {
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED - 3) + "...";
    }

    /** {@link #clip} in single quotes. */
    private static String quote(String text) {
        return "'" + clip(text) + "'";
    }

    /** {@code pattern test '<pattern>' --event FILE|-}. */
    @Command(name = "test",
            mixinStandardHelpOptions = true,
            description = {"Prints \"match\" or \"no match\": whether the pattern matches the log event, as CloudWatch "
                    + "Logs would: a JSON pattern against the event's JSON (a message that is not one JSON object "
                    + "never matches), term and space-delimited patterns against the raw text as written.",
                "The event is the file's UTF-8 text without a leading byte order mark or trailing line breaks, at most "
                    + "1,048,576 bytes (CloudWatch Logs' event size limit)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:match", "1:no match", "2:syntax error in the pattern, or the event cannot be read "
                + "(missing, too large, not UTF-8, or JSON past the read limits for a JSON pattern)"})
    static final class Test implements Callable<Integer> {

        private static final String USAGE = "usage: cis-sentinel pattern test '<pattern>' --event FILE|-   "
                + "(cis-sentinel pattern test --help for more)";

        /** Room for a byte order mark and a final line break around an event of the largest size. */
        private static final int MAX_READ = LogEvent.MAX_BYTES + 3 + 2;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "<pattern>", description = "the filter pattern")
        private String pattern;

        @Option(names = "--event", arity = "0..1", fallbackValue = NO_VALUE, paramLabel = "FILE|-",
                description = "file holding one log event (JSON or a raw message); - reads standard input")
        private String event;

        @Unmatched
        private List<String> unmatched = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!unmatched.isEmpty()) {
                String stray = unmatched.get(0);
                return usageError(err, "pattern test: unexpected argument " + quote(stray)
                        + (stray.startsWith("-") && pattern == null ? " (a pattern starting with - goes after --)"
                        : ""), USAGE);
            }
            if (pattern == null) {
                return usageError(err, "pattern test: give the filter pattern to test", USAGE);
            }
            if (event == null || event.equals(NO_VALUE)) {
                return usageError(err, "pattern test: give the event: --event FILE, or --event - for standard "
                        + "input", USAGE);
            }
            FilterPattern parsed;
            try {
                parsed = FilterPattern.parse(pattern);
            } catch (PatternSyntaxException e) {
                return usageError(err, e.getMessage(), USAGE);
            }
            String message;
            try {
                message = read(event, err);
            } catch (IOException e) {
                err.println("pattern test: cannot read the event from " + quote(event) + ": "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
                err.flush();
                return ExitCode.USAGE;
            }
            if (message == null) {
                return ExitCode.USAGE;
            }
            LogEvent logEvent = LogEvent.of(message);
            if (parsed instanceof JsonPattern) {
                switch (logEvent.kind()) {
                    case JSON_OVER_LIMIT:
                        err.println("pattern test: the event is JSON " + logEvent.detail() + "; AWS does not say how "
                                + "it reads such JSON, so a JSON pattern's answer cannot be given");
                        err.flush();
                        return ExitCode.USAGE;
                    case MALFORMED_JSON:
                        err.println("pattern test: note: the event starts with { but is not JSON ("
                                + logEvent.detail() + "); a JSON pattern matches only JSON events");
                        break;
                    case JSON_OBJECT:
                    case TEXT:
                        break;
                    default:
                        throw new IllegalStateException(logEvent.kind().name());
                }
            }
            boolean matches = parsed.matches(logEvent);
            PrintWriter out = spec.commandLine().getOut();
            out.println(matches ? "match" : "no match");
            out.flush();
            err.flush();
            return matches ? ExitCode.OK : NO;
        }

        /**
         * The event's message: at most {@link LogEvent#MAX_BYTES} bytes of UTF-8, a leading byte order mark dropped
         * (it marks a file's encoding; it is not part of a log message) with a note, trailing line breaks dropped.
         * {@code null} after printing why the input is not an event CloudWatch Logs could hold.
         */
        private static String read(String source, PrintWriter err) throws IOException {
            byte[] bytes;
            long fileSize = -1;
            if (source.equals("-")) {
                // Not closed: standard input belongs to the process.
                bytes = System.in.readNBytes(MAX_READ + 1);
            } else {
                Path path = Path.of(source);
                try (InputStream in = Files.newInputStream(path)) {
                    bytes = in.readNBytes(MAX_READ + 1);
                }
                fileSize = bytes.length > MAX_READ ? Files.size(path) : bytes.length;
            }
            int from = 0;
            if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF) {
                from = 3;
            }
            int to = bytes.length;
            while (to > from && (bytes[to - 1] == '\n' || bytes[to - 1] == '\r')) {
                to--;
            }
            if (bytes.length > MAX_READ || to - from > LogEvent.MAX_BYTES) {
                String limit = String.format(Locale.ROOT, "%,d bytes", LogEvent.MAX_BYTES);
                String size = fileSize >= 0 ? String.format(Locale.ROOT, "%,d bytes", fileSize) : "more than " + limit;
                err.println("pattern test: the event is " + size + "; CloudWatch Logs takes events of at most " + limit
                        + " (PutLogEvents), so no filter sees it");
                err.flush();
                return null;
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
            CharBuffer text = CharBuffer.allocate(to - from);
            CoderResult result = decoder.decode(in, text, true);
            if (!result.isError()) {
                result = decoder.flush(text);
            }
            if (result.isError()) {
                int at = in.position();
                err.println("pattern test: the event is not valid UTF-8 at byte " + (at + 1) + " (0x"
                        + String.format(Locale.ROOT, "%02x", bytes[Math.min(at, bytes.length - 1)] & 0xFF)
                        + "); CloudWatch Logs events are UTF-8 text");
                err.flush();
                return null;
            }
            if (from > 0) {
                err.println("pattern test: note: dropped the UTF-8 byte order mark at the start of the event (it "
                        + "marks the file's encoding and is not part of a log message)");
            }
            return text.flip().toString();
        }
    }

    /** {@code pattern covers '<pattern>' --control CloudWatch.N | --reference '<pattern>'}. */
    @Command(name = "covers",
            mixinStandardHelpOptions = true,
            description = "Prints \"covers\" when the pattern matches every event the reference matches; otherwise "
                    + "\"does not cover\" and an event the reference matches and the pattern misses (checked: "
                    + "\"pattern test\" gives the same answers on it), or \"undecided\" and why no exact answer "
                    + "exists within the search's budgets (counted as not covered).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:covers", "1:does not cover, or undecided",
                "2:syntax error in a pattern, or an unknown control"})
    static final class Covers implements Callable<Integer> {

        private static final String USAGE = "usage: cis-sentinel pattern covers '<pattern>' --control CloudWatch.N "
                + "| --reference '<pattern>'   (--help for more)";

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private PatternCommand parent;

        @Parameters(index = "0", arity = "0..1", paramLabel = "<pattern>", description = "the deployed filter pattern")
        private String pattern;

        @Option(names = "--control", arity = "0..1", fallbackValue = NO_VALUE, paramLabel = "CloudWatch.N",
                description = "the control whose reference pattern to use: any control id (CloudWatch.1 to .14, "
                        + "CIS.Organizations)")
        private String control;

        @Option(names = "--reference", arity = "0..1", fallbackValue = NO_VALUE, paramLabel = "<pattern>",
                description = "a reference pattern")
        private String referenceText;

        @Unmatched
        private List<String> unmatched = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!unmatched.isEmpty()) {
                return usageError(err, "pattern covers: unexpected argument " + quote(unmatched.get(0)), USAGE);
            }
            if (pattern == null) {
                return usageError(err, "pattern covers: give the deployed filter pattern", USAGE);
            }
            if ((control == null) == (referenceText == null) || NO_VALUE.equals(control)
                    || NO_VALUE.equals(referenceText)) {
                return usageError(err, "pattern covers: give one of --control CloudWatch.N or --reference "
                        + "'<pattern>'", USAGE);
            }
            Optional<FilterPattern> deployed = parse("pattern", pattern, err);
            Optional<FilterPattern> referencePattern;
            if (control != null) {
                referencePattern = parent.referenceFor.apply(control);
                if (referencePattern.isEmpty()) {
                    return usageError(err, "pattern covers: unknown control " + clip(control) + "; known: "
                            + String.join(", ", ControlTable.all().stream().map(Control::id).toList()), USAGE);
                }
            } else {
                referencePattern = parse("reference", referenceText, err);
            }
            if (deployed.isEmpty() || referencePattern.isEmpty()) {
                err.println(USAGE);
                err.flush();
                return ExitCode.USAGE;
            }
            Coverage coverage = Patterns.covers(deployed.get(), referencePattern.get());
            PrintWriter out = spec.commandLine().getOut();
            int exit = switch (coverage.kind()) {
                case COVERS -> {
                    out.println("covers");
                    yield ExitCode.OK;
                }
                case DOES_NOT_COVER -> {
                    Coverage.DoesNotCover miss = (Coverage.DoesNotCover) coverage;
                    out.println("does not cover");
                    out.println("counterexample (the reference matches this event, the pattern does not):");
                    // The very text both patterns were matched on, so "pattern test" agrees with it.
                    out.println(miss.counterexampleText());
                    out.println("why: " + miss.explanation());
                    yield NO;
                }
                case UNDECIDED -> {
                    out.println("undecided");
                    out.println("why: " + ((Coverage.Undecided) coverage).reason());
                    yield NO;
                }
            };
            out.flush();
            return exit;
        }

        /** The parsed pattern, or empty after printing its syntax error (which names the column). */
        private static Optional<FilterPattern> parse(String what, String text, PrintWriter err) {
            try {
                return Optional.of(FilterPattern.parse(text));
            } catch (PatternSyntaxException e) {
                err.println(what + ": " + e.getMessage());
                err.flush();
                return Optional.empty();
            }
        }
    }
}
