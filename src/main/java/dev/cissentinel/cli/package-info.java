/**
 * The {@code cis-sentinel} command line (picocli): parsing flags into a {@link dev.cissentinel.scan.ScanRequest},
 * choosing the {@link dev.cissentinel.scan.OutputFormat}, exit codes; no logic of its own. {@code System.out} is
 * used here and nowhere else.
 */
package dev.cissentinel.cli;
