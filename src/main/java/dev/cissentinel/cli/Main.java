package dev.cissentinel.cli;

import dev.cissentinel.scan.Quote;
import dev.cissentinel.scan.ToolVersion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code cis-sentinel} command: the jar's {@code Main-Class}. */
@Command(name = "cis-sentinel",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {ScanCommand.class, PatternCommand.class, DemoCommand.class, LocalInvokeCommand.class},
        description = "Checks the CIS AWS Foundations Benchmark monitoring controls (Security Hub CloudWatch.1 to .14 "
                + "and CIS.Organizations; by default CloudWatch.1, .2, .4, .5 and .6): that CloudTrail feeds "
                + "CloudWatch Logs metric filters whose alarms notify a subscribed SNS topic.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every evaluated control PASSED (or the command succeeded)",
            "3:some control FAILED or NOT_AVAILABLE",
            "2:bad usage or configuration; nothing was called",
            "1:the run itself failed"})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // Before anything logs. stdout carries the table or JSON, so the CLI logs warnings to stderr, through
        // slf4j-simple: the jar also holds the Lambda's provider (JSON lines on stdout). SLF4J 2 takes the provider
        // named here instead of searching the class path, which would find both.
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN"); // not a line on stderr saying it took the provider
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code, without exiting (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    private static CommandLine commandLine() {
        // Bad flags are usage errors (2, nothing was called); anything else thrown is a failed run (1).
        return new CommandLine(new Main()).setParameterExceptionHandler(Main::badUsage)
                .setExitCodeExceptionMapper(error -> error instanceof ParameterException ? ExitCode.USAGE
                        : ExitCode.FAILED);
    }

    /**
     * A flag picocli could not parse: one line saying what (what the user typed quoted briefly) and one line saying
     * where the options are, instead of picocli's default of the whole usage text.
     */
    private static int badUsage(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("cis-sentinel: " + shortened(error.getMessage(), args));
        err.println(hint(command.getCommandSpec()));
        err.flush();
        return ExitCode.USAGE;
    }

    /** The line after an error: where the options are listed. */
    static String hint(CommandSpec command) {
        return "Usage: " + command.qualifiedName() + " [OPTIONS]; '" + command.qualifiedName()
                + " --help' lists them.";
    }

    /** picocli's message repeats arguments whole: quote each long one briefly, then keep the message one line. */
    private static String shortened(String message, String[] args) {
        String text = message == null ? "bad usage" : message;
        for (String arg : args) {
            if (arg != null && arg.length() > Quote.MAX_SHOWN && text.contains(arg)) {
                String quoted = Quote.of(arg);
                // Quote.of adds its own quotes; picocli put the argument in quotes already.
                text = text.replace("'" + arg + "'", quoted).replace(arg, quoted);
            }
        }
        return Quote.message(text);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cis-sentinel " + ToolVersion.get()};
        }
    }
}
