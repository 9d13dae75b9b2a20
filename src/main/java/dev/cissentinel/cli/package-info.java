/** The {@code cis-sentinel} command line (picocli): parsing, exit codes and output; no logic of its own. */
package dev.cissentinel.cli;
