package dev.cissentinel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code cis-sentinel} command: the jar's {@code Main-Class}. */
@Command(name = "cis-sentinel",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {PatternCommand.class},
        description = "Checks the CIS AWS Foundations Benchmark monitoring controls (Security Hub CloudWatch.1, .2, "
                + ".4, .5, .6): that CloudTrail feeds CloudWatch Logs metric filters whose alarms notify a "
                + "subscribed SNS topic.",
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
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code, without exiting (tests call this). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).setExitCodeExceptionMapper(error -> ExitCode.FAILED).execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/dev/cissentinel/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"cis-sentinel " + properties.getProperty("version", "unknown")};
        }
    }
}
