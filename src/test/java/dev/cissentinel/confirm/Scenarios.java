package dev.cissentinel.confirm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cissentinel.controls.ChainEvaluator;
import dev.cissentinel.controls.Control;
import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.ControlTable;
import dev.cissentinel.controls.ScenarioSnapshot;
import dev.cissentinel.pattern.PatternMode;
import dev.cissentinel.snapshot.AccountSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The evaluator's own scenario files ({@code src/test/resources/scenarios}) as input to the confirmation step: the
 * snapshot they describe and the verdicts the real evaluator gives on it.
 */
record Scenarios(Control control, AccountSnapshot snapshot, List<ControlResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:trail-logs";

    /** A scenario file judged in {@code mode}, optionally with extra metric filters on its log group. */
    static Scenarios judge(String file, PatternMode mode, JsonNode... extraFilters) {
        JsonNode scenario = read(file);
        Control control = ControlTable.byId(scenario.path("when").asText()).orElseThrow();
        ObjectNode given = scenario.path("given").deepCopy();
        for (JsonNode extra : extraFilters) {
            ((ArrayNode) given.path("metricFilters").path(GROUP)).add(extra);
        }
        AccountSnapshot snapshot = ScenarioSnapshot.from(given, control);
        return new Scenarios(control, snapshot, new ChainEvaluator(mode).evaluate(List.of(control), snapshot));
    }

    static ObjectNode filter(String name, String pattern, String metricName) {
        return JSON.createObjectNode().put("name", name).put("pattern", pattern).put("metricName", metricName);
    }

    ControlResult result() {
        return results.get(0);
    }

    private static JsonNode read(String file) {
        try {
            return JSON.readTree(Files.readString(Path.of("src/test/resources/scenarios", file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
