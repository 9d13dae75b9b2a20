package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every test vector of {@code docs/filter-patterns.md} §9, from {@code pattern/vectors.json}. */
class FilterPatternVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> vectors() throws IOException {
        JsonNode fixture = fixture();
        List<Arguments> rows = new ArrayList<>();
        for (JsonNode vector : fixture.get("vectors")) {
            rows.add(Arguments.of(vector.get("id").asText(), vector, fixture.get("events")));
        }
        return rows.stream();
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = FilterPatternVectorsTest.class.getResourceAsStream("/pattern/vectors.json")) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector_matchesAsDocumented(String id, JsonNode vector, JsonNode events) {
        String pattern = vector.get("pattern").asText();
        String expect = vector.get("expect").asText();
        if (expect.equals("invalid")) {
            assertThatThrownBy(() -> FilterPattern.parse(pattern)).as(id + ": " + vector.get("why").asText())
                    .isInstanceOf(PatternSyntaxException.class);
            return;
        }
        FilterPattern parsed = FilterPattern.parse(pattern);
        boolean expected = expect.equals("match");
        if (vector.has("message")) {
            assertThat(parsed.matchesText(vector.get("message").asText())).as(id).isEqualTo(expected);
            return;
        }
        JsonNode event = vector.get("event").isTextual() ? events.get(vector.get("event").asText())
                : vector.get("event");
        assertThat(parsed.matches(event)).as(id + " on the tree: " + vector.get("why").asText())
                .isEqualTo(expected);
        assertThat(parsed.matchesText(event.toString())).as(id + " on the raw message").isEqualTo(expected);
    }

    @Test
    void fixture_holdsAllSeventySevenVectors() throws IOException {
        assertThat(fixture().get("vectors")).hasSize(77);
        assertThat(fixture().get("events").fieldNames()).toIterable().containsExactly("E1", "E2", "E3");
    }
}
