package dev.cissentinel.scan;

import java.util.Optional;

/**
 * Prints one scan in one {@link OutputFormat}: as it goes (the {@link ScanListener} calls: verdicts, plan, what
 * apply sent) and once at the end. A format that prints as it goes (the table) need not wait for the end; one
 * that prints a single document (JSON) prints it in {@link #finish}.
 */
public interface ResultWriter extends ScanListener {

    /**
     * The scan ended. Called exactly once, after every listener call.
     *
     * @param outcome the outcome; empty when publishing failed after the verdicts were reported, in which case
     *     the writer prints what it was given so far
     */
    void finish(Optional<ScanOutcome> outcome);
}
