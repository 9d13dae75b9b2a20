package dev.cissentinel.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One generated section of {@code docs/reliability.md}, between {@code <!-- BEGIN GENERATED name -->} and
 * {@code <!-- END GENERATED name -->}, so several tests can each own a section of the one file. A test writes
 * its section to {@code target/<name>.md} and checks the document holds exactly it; with
 * {@code -Dreliability.update=true} it rewrites its section (appending it, the first time) instead.
 */
final class GeneratedSection {

    static final Path DOCS = Path.of("docs/reliability.md");

    private GeneratedSection() {
    }

    static void check(String name, String content) throws IOException {
        String begin = "<!-- BEGIN GENERATED " + name + " (do not edit: mvn verify -Dreliability.update=true) -->\n";
        String end = "<!-- END GENERATED " + name + " -->\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/" + name + ".md"), content);
        String document = Files.exists(DOCS) ? Files.readString(DOCS) : "";
        int from = document.indexOf(begin);
        int to = document.indexOf(end);
        String current = from >= 0 && to > from ? document.substring(from + begin.length(), to) : null;
        if (Boolean.getBoolean("reliability.update") && !content.equals(current)) {
            String updated = current == null ? document + (document.isEmpty() || document.endsWith("\n\n") ? ""
                    : "\n") + begin + content + end
                    : document.substring(0, from + begin.length()) + content + document.substring(to);
            Files.writeString(DOCS, updated);
            current = content;
        }
        assertThat(current).as("the section '" + name + "' of " + DOCS + " is stale or missing: run mvn verify "
                + "-Dreliability.update=true").isEqualTo(content);
    }
}
