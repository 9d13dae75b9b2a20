package dev.cissentinel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.pattern.Coverage;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.JsonEvents;
import dev.cissentinel.pattern.PatternSyntaxException;
import dev.cissentinel.pattern.Patterns;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pattern test} and {@code pattern covers} ({@code interfaces.md}): print the answer, exit 0 for yes, 1 for
 * no (or undecided), 2 for a syntax error (the message names the column) or unusable input.
 */
@Command(name = "pattern",
        mixinStandardHelpOptions = true,
        description = "Tests CloudWatch Logs filter patterns against events and against the CIS reference patterns.",
        subcommands = {PatternCommand.Test.class, PatternCommand.Covers.class})
public final class PatternCommand implements Callable<Integer> {

    /** {@code interfaces.md}: both subcommands exit 1 when the answer is no. */
    static final int NO = 1;

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
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** {@code pattern test '<pattern>' --event FILE|-}. */
    @Command(name = "test",
            mixinStandardHelpOptions = true,
            description = "Prints \"match\" or \"no match\": whether the pattern matches the log event. A JSON event "
                    + "is matched as CloudWatch Logs would match the record; anything else as a raw message.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:match", "1:no match", "2:syntax error in the pattern, or the event cannot be read"})
    static final class Test implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<pattern>", description = "the filter pattern")
        private String pattern;

        @Option(names = "--event", required = true, paramLabel = "FILE|-",
                description = "file holding one log event (JSON or a raw message); - reads standard input")
        private String event;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            FilterPattern parsed;
            try {
                parsed = FilterPattern.parse(pattern);
            } catch (PatternSyntaxException e) {
                err.println(e.getMessage());
                err.flush();
                return ExitCode.USAGE;
            }
            String message;
            try {
                message = read(event);
            } catch (IOException e) {
                err.println("cannot read the event from " + event + ": " + e.getMessage());
                err.flush();
                return ExitCode.USAGE;
            }
            Optional<ObjectNode> json = JsonEvents.parse(message);
            boolean matches = json.isPresent() ? parsed.matches(json.get())
                    : parsed.matchesText(message.replaceAll("\\R+$", ""));
            PrintWriter out = spec.commandLine().getOut();
            out.println(matches ? "match" : "no match");
            out.flush();
            return matches ? ExitCode.OK : NO;
        }

        private static String read(String source) throws IOException {
            if (source.equals("-")) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(source), StandardCharsets.UTF_8);
        }
    }

    /** {@code pattern covers '<pattern>' --control CloudWatch.N | --reference '<pattern>'}. */
    @Command(name = "covers",
            mixinStandardHelpOptions = true,
            description = "Prints \"covers\" when the pattern matches every event the reference matches; otherwise "
                    + "\"does not cover\" and an event the reference matches and the pattern misses, or "
                    + "\"undecided\" and why no exact answer exists (counted as not covered).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:covers", "1:does not cover, or undecided",
                "2:syntax error in a pattern, or an unknown control"})
    static final class Covers implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private PatternCommand parent;

        @Parameters(index = "0", paramLabel = "<pattern>", description = "the deployed filter pattern")
        private String pattern;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private ReferenceChoice reference;

        /** Exactly one way to name the reference. */
        static final class ReferenceChoice {
            @Option(names = "--control", paramLabel = "CloudWatch.N",
                    description = "the control whose reference pattern to use: CloudWatch.1, .2, .4, .5 or .6")
            private String control;

            @Option(names = "--reference", paramLabel = "<pattern>", description = "a reference pattern")
            private String pattern;
        }

        @Override
        public Integer call() throws JsonProcessingException {
            PrintWriter err = spec.commandLine().getErr();
            Optional<FilterPattern> deployed = parse("pattern", pattern, err);
            Optional<FilterPattern> referencePattern;
            if (reference.control != null) {
                referencePattern = parent.referenceFor.apply(reference.control);
                if (referencePattern.isEmpty()) {
                    err.println("unknown control " + reference.control + "; known: "
                            + String.join(", ", ControlTable.all().stream().map(Control::id).toList()));
                    err.flush();
                    return ExitCode.USAGE;
                }
            } else {
                referencePattern = parse("reference", reference.pattern, err);
            }
            if (deployed.isEmpty() || referencePattern.isEmpty()) {
                return ExitCode.USAGE;
            }
            Coverage coverage = Patterns.covers(deployed.get(), referencePattern.get());
            PrintWriter out = spec.commandLine().getOut();
            int exit;
            switch (coverage.kind()) {
                case COVERS:
                    out.println("covers");
                    exit = ExitCode.OK;
                    break;
                case DOES_NOT_COVER:
                    Coverage.DoesNotCover miss = (Coverage.DoesNotCover) coverage;
                    out.println("does not cover");
                    out.println("counterexample (the reference matches this event, the pattern does not):");
                    out.println(JSON.writeValueAsString(miss.counterexample()));
                    out.println("why: " + miss.explanation());
                    exit = NO;
                    break;
                case UNDECIDED:
                    out.println("undecided");
                    out.println("why: " + ((Coverage.Undecided) coverage).reason());
                    exit = NO;
                    break;
                default:
                    throw new IllegalStateException(coverage.kind().name());
            }
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
