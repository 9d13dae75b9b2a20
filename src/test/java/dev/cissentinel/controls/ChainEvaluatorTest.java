package dev.cissentinel.controls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cissentinel.pattern.FilterPattern;
import dev.cissentinel.pattern.PatternMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code src/test/resources/scenarios/*.json}: a hand-built snapshot ({@code given}), a control
 * ({@code when}), and the verdict it must get ({@code then}: status, reason, chain names, and for a pattern
 * miss fields the counterexample must have, and optionally {@code counterexampleMisses}, a pattern the
 * counterexample must not match when what misses it is not the first filter's pattern). No emulator: the
 * evaluator is pure.
 */
class ChainEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");

    static Stream<Arguments> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().map(file -> {
                try {
                    return Arguments.of(Named.of(file.getFileName().toString(), JSON.readTree(file.toFile())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void evaluate_scenario_givesTheExpectedVerdict(JsonNode scenario) {
        Control control = ControlTable.byId(scenario.path("when").asText()).orElseThrow();
        PatternMode mode = PatternMode.valueOf(scenario.path("patternMode").asText("SEMANTIC"));
        ControlResult result = new ChainEvaluator(mode)
                .evaluate(List.of(control), ScenarioSnapshot.from(scenario.path("given"), control)).get(0);
        JsonNode then = scenario.path("then");
        Verdict verdict = result.verdict();

        assertThat(verdict.status().name()).as(verdict.explanation()).isEqualTo(then.path("status").asText());
        assertThat(verdict.reason().name()).as(verdict.explanation()).isEqualTo(then.path("reason").asText());
        List<String> chain = new ArrayList<>();
        then.path("chain").forEach(name -> chain.add(name.asText()));
        assertThat(verdict.chain().links()).extracting(Link::name).containsExactlyElementsOf(chain);
        then.path("explanationMentions").forEach(text -> assertThat(verdict.explanation()).contains(text.asText()));
        JsonNode expected = then.path("counterexample");
        if (expected.isMissingNode()) {
            assertThat(verdict.counterexample()).isEmpty();
        } else {
            assertThat(verdict.counterexample()).hasValueSatisfying(event -> {
                expected.fields().forEachRemaining(field -> assertThat(event.at(field.getKey()).asText())
                        .as(event.toString()).isEqualTo(field.getValue().asText()));
                // A counterexample is real: the reference catches it, and what misses it (the deployed filter, or
                // the scenario's "counterexampleMisses" pattern: a positive metric value, the alarms' values) does not.
                assertThat(control.reference().matches(event)).isTrue();
                String misses = then.path("counterexampleMisses").asText(missedPattern(scenario, control));
                assertThat(FilterPattern.parse(misses).matches(event)).as(misses).isFalse();
            });
        }
    }

    /** The pattern of the first filter in the scenario, which is the one the counterexample is about. */
    private static String missedPattern(JsonNode scenario, Control control) {
        JsonNode filter = scenario.path("given").path("metricFilters").elements().next().get(0);
        String pattern = filter.path("pattern").asText("@reference");
        return pattern.equals("@reference") ? control.cisPattern() : pattern;
    }
}
