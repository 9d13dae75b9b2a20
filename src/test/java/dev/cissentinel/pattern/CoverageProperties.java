package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** {@link Patterns#covers} on random patterns and events: sound, complete on its exact fragment, checked. */
class CoverageProperties {

    @Property(tries = 400)
    void covers_agreesWithEveryGeneratedEvent(@ForAll("patterns") String deployedText,
            @ForAll("patterns") String referenceText, @ForAll("eventLists") List<ObjectNode> events) {
        FilterPattern deployed = FilterPattern.parse(deployedText);
        FilterPattern reference = FilterPattern.parse(referenceText);

        Coverage coverage = Patterns.covers(deployed, reference);
        Statistics.collect(coverage.kind());

        assertThat(coverage.kind()).as("exact fragment must be decided: %s", coverage)
                .isNotEqualTo(Coverage.Kind.UNDECIDED);
        if (coverage.kind() == Coverage.Kind.COVERS) {
            for (ObjectNode event : events) {
                assertThat(!reference.matches(event) || deployed.matches(event))
                        .as("covers, yet %s matches the reference and not the deployed pattern", event).isTrue();
            }
        } else {
            ObjectNode counterexample = ((Coverage.DoesNotCover) coverage).counterexample();
            assertThat(reference.matches(counterexample)).as("reference matches %s", counterexample).isTrue();
            assertThat(deployed.matches(counterexample)).as("deployed misses %s", counterexample).isFalse();
        }
    }

    @Property(tries = 200)
    void covers_conjunctionAndDisjunction_areDecidedAsCovering(@ForAll("patterns") String p,
            @ForAll("patterns") String q) {
        FilterPattern first = FilterPattern.parse(p);
        FilterPattern second = FilterPattern.parse(q);
        FilterPattern either = FilterPattern.parse("{ (" + ((JsonPattern) first).body() + ") || ("
                + ((JsonPattern) second).body() + ") }");

        assertThat(Patterns.covers(first, first.and(second))).isEqualTo(new Coverage.Covers());
        assertThat(Patterns.covers(either, second)).isEqualTo(new Coverage.Covers());
    }

    @Provide
    Arbitrary<String> patterns() {
        return PatternArbitraries.jsonPatterns(3);
    }

    @Provide
    Arbitrary<List<ObjectNode>> eventLists() {
        return PatternArbitraries.events().list().ofMinSize(30).ofMaxSize(60);
    }
}
