package dev.cissentinel.cli;

/** The exit codes the README documents (section "Scanning an account"). */
final class ExitCode {
    /** Every evaluated control passed, or the command did what was asked. */
    static final int OK = 0;
    /** The run itself failed (for example, findings could not be published). */
    static final int FAILED = 1;
    /** Bad usage or configuration: nothing was sent to AWS. */
    static final int USAGE = 2;
    /** Some control is FAILED or NOT_AVAILABLE. */
    static final int FINDINGS = 3;

    private ExitCode() {
    }
}
