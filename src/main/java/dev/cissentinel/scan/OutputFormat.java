package dev.cissentinel.scan;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A way to print a scan ({@code --format NAME}): a name and how to make its {@link ResultWriter} over an output.
 * {@link #ALL} is the registry; a new format is a writer (or a {@link DocumentWriter.Document} rendering) and one
 * entry there (docs/architecture.md, "Adding an output format").
 */
public record OutputFormat(String name, Function<PrintWriter, ResultWriter> writer) {

    /** Every format, the default first. */
    public static final List<OutputFormat> ALL = List.of(
            new OutputFormat("table", TableWriter::new),
            new OutputFormat("json", out -> new DocumentWriter(out, ResultJson::document)),
            new OutputFormat("ocsf", out -> new DocumentWriter(out, OcsfJson::document)));

    public OutputFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(writer, "writer");
    }

    /** A writer printing to {@code out}. */
    public ResultWriter open(PrintWriter out) {
        return writer.apply(out);
    }

    /**
     * The format called {@code name} (case-insensitive).
     *
     * @throws ConfigurationException naming the formats there are
     */
    public static OutputFormat named(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(format -> format.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigurationException("--format must be " + names() + ", not "
                        + Quote.of(name)));
    }

    /** The names, as a message lists them: {@code table or json}, {@code table, json or ocsf}. */
    static String names() {
        List<String> names = ALL.stream().map(OutputFormat::name).toList();
        return names.size() == 1 ? names.get(0) : names.subList(0, names.size() - 1).stream()
                .collect(Collectors.joining(", ")) + " or " + names.get(names.size() - 1);
    }
}
