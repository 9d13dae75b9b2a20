package dev.cissentinel.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A property selector such as {@code $.userIdentity.type}, {@code $.objectList[1].id}, {@code $.['cluster.name']},
 * {@code $.arrayKey[*]} or {@code $.*}. At most one wildcard segment (AWS's limit per selector), so resolving it
 * is a loop, never a recursion.
 *
 * @param text the selector as written
 * @param segments what follows {@code $}, at least one
 */
public record Selector(String text, List<Segment> segments) {

    public Selector {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a selector needs at least one segment");
        }
        if (segments.stream().filter(Segment::wildcard).count() > 1) {
            throw new IllegalArgumentException("at most one wildcard segment per selector: " + text);
        }
    }

    /** One step of a selector. */
    public sealed interface Segment permits Field, Index, AnyField, AnyElement {
        /** The step types, one per permitted type, for exhaustive switches (see the package documentation). */
        enum Kind { FIELD, INDEX, ANY_FIELD, ANY_ELEMENT }

        /** Which type this is. */
        Kind kind();

        /** The child this step selects, or {@code null} (MISSING) when the node has no such child. */
        JsonNode step(JsonNode node);

        /** Whether this step selects any of several children ({@code .*} or {@code [*]}). */
        default boolean wildcard() {
            return switch (kind()) {
                case FIELD, INDEX -> false;
                case ANY_FIELD, ANY_ELEMENT -> true;
            };
        }
    }

    /** {@code .name} or {@code .['name']}: a property of an object. */
    public record Field(String name) implements Segment {
        public Field {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Kind kind() {
            return Kind.FIELD;
        }

        @Override
        public JsonNode step(JsonNode node) {
            return node.isObject() ? node.get(name) : null;
        }
    }

    /** {@code [n]}: an element of an array, zero-based. */
    public record Index(int index) implements Segment {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("negative index " + index);
            }
        }

        @Override
        public Kind kind() {
            return Kind.INDEX;
        }

        @Override
        public JsonNode step(JsonNode node) {
            return node.isArray() ? node.get(index) : null;
        }
    }

    /** {@code .*}: any property of an object, one level deep. */
    public record AnyField() implements Segment {
        @Override
        public Kind kind() {
            return Kind.ANY_FIELD;
        }

        @Override
        public JsonNode step(JsonNode node) {
            throw new UnsupportedOperationException("a wildcard selects several children");
        }
    }

    /** {@code [*]}: any element of an array. */
    public record AnyElement() implements Segment {
        @Override
        public Kind kind() {
            return Kind.ANY_ELEMENT;
        }

        @Override
        public JsonNode step(JsonNode node) {
            throw new UnsupportedOperationException("a wildcard selects several children");
        }
    }

    /** Whether this selector has a {@code .*} or {@code [*]} segment. */
    public boolean hasWildcard() {
        for (Segment segment : segments) {
            if (segment.wildcard()) {
                return true;
            }
        }
        return false;
    }

    /** The node this wildcard-free selector names in {@code root}, or {@code null} when it is MISSING. */
    JsonNode resolve(JsonNode root) {
        return resolve(root, 0, segments.size());
    }

    private JsonNode resolve(JsonNode start, int from, int to) {
        JsonNode node = start;
        for (int i = from; i < to && node != null; i++) {
            node = segments.get(i).step(node);
        }
        return node;
    }

    /**
     * Whether {@code test} holds for some node this selector names. A wildcard over something that is not a
     * container, or over an empty one, names nothing but MISSING, so {@code test} then sees {@code null}.
     */
    boolean anyTarget(JsonNode root, Predicate<JsonNode> test) {
        int wildcard = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).wildcard()) {
                wildcard = i;
                break;
            }
        }
        if (wildcard < 0) {
            return test.test(resolve(root));
        }
        JsonNode parent = resolve(root, 0, wildcard);
        boolean objects = segments.get(wildcard).kind() == Segment.Kind.ANY_FIELD;
        if (parent == null || (objects ? !parent.isObject() : !parent.isArray()) || parent.isEmpty()) {
            return test.test(null);
        }
        Iterator<JsonNode> children = parent.elements();
        while (children.hasNext()) {
            if (test.test(resolve(children.next(), wildcard + 1, segments.size()))) {
                return true;
            }
        }
        return false;
    }
}
