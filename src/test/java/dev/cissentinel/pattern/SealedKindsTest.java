package dev.cissentinel.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each sealed type's {@code kind()} enum has exactly one constant per permitted type. With that, dispatch by an
 * exhaustive switch expression over {@code kind()} (no default) fails to compile when a type is added: the new type
 * must implement {@code kind()}, this test makes it bring its own constant, and every switch then misses a case.
 */
class SealedKindsTest {

    @Test
    void filterPatterns() {
        assertOneKindPerType(FilterPattern.class, FilterPattern.Kind.values(), List.of(FilterPattern.parse("{$.a=1}"),
                FilterPattern.parse("ERROR"), FilterPattern.parse("[a, ...]"), FilterPattern.parse("")),
                FilterPattern::kind);
    }

    @Test
    void jsonExpressions() {
        JsonExpression.Or or = (JsonExpression.Or) ((JsonPattern) FilterPattern.parse("{ $.a = 1 || $.b NOT EXISTS }"))
                .expression();
        JsonExpression.And and = (JsonExpression.And) ((JsonPattern) FilterPattern.parse("{ $.a = 1 && $.b = 2 }"))
                .expression();
        assertOneKindPerType(JsonExpression.class, JsonExpression.Kind.values(), List.of(or, and,
                or.operands().get(0), or.operands().get(1)), JsonExpression::kind);
    }

    @Test
    void values() {
        assertOneKindPerType(Value.class, Value.Kind.values(), List.of(Value.Text.of("x*", false),
                new Value.Numeric("1", BigDecimal.ONE), new Value.Regex("a", SafeRegex.compile("a"))), Value::kind);
    }

    @Test
    void selectorSegments() {
        assertOneKindPerType(Selector.Segment.class, Selector.Segment.Kind.values(), List.of(new Selector.Field("a"),
                new Selector.Index(0), new Selector.AnyField(), new Selector.AnyElement()), Selector.Segment::kind);
    }

    @Test
    void delimitedFieldsAndConditions() {
        assertOneKindPerType(DelimitedPattern.Field.class, DelimitedPattern.Field.Kind.values(), List.of(
                new DelimitedPattern.Ellipsis(), new DelimitedPattern.Named("a", new DelimitedPattern.Always())),
                DelimitedPattern.Field::kind);
        DelimitedPattern.Test test = new DelimitedPattern.Test(Operator.EQ, Value.Text.of("x", false));
        assertOneKindPerType(DelimitedPattern.FieldCondition.class, DelimitedPattern.FieldCondition.Kind.values(),
                List.of(new DelimitedPattern.Always(), new DelimitedPattern.AnyOf(List.of(test)),
                        new DelimitedPattern.AllOf(List.of(test)), test), DelimitedPattern.FieldCondition::kind);
    }

    @Test
    void coverage() {
        assertOneKindPerType(Coverage.class, Coverage.Kind.values(), List.of(new Coverage.Covers(),
                new Coverage.DoesNotCover(JsonNodeFactory.instance.objectNode(), "why"), new Coverage.Undecided("why")),
                Coverage::kind);
    }

    private static <T> void assertOneKindPerType(Class<T> sealed, Enum<?>[] kinds, List<? extends T> samples,
            Function<T, Enum<?>> kind) {
        assertThat(sealed.getPermittedSubclasses()).as("permitted types of %s", sealed.getSimpleName())
                .hasSize(kinds.length);
        assertThat(samples.stream().map(Object::getClass).toList()).as("one sample per permitted type")
                .containsExactlyInAnyOrder(sealed.getPermittedSubclasses());
        assertThat(samples.stream().map(kind).toList()).as("one kind per permitted type")
                .containsExactlyInAnyOrder(kinds);
    }
}
