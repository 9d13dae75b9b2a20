package dev.cissentinel.pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads a log message as a JSON event the way the matcher needs it, and writes events back as text. Every number
 * keeps its text as written ({@code 12.0} stays {@code "12.0"}, {@code 1e3} stays {@code "1e3"}), because a quoted
 * value compares with that text ({@code docs/filter-patterns.md} §3); Jackson's own tree would turn both into doubles.
 *
 * <p>Read limits, fixed here rather than left to Jackson's defaults: {@value #MAX_DEPTH} levels of nesting (a selector
 * in a 1024-character pattern reaches at most about 510) and numbers of {@value #MAX_NUMBER_LENGTH} characters. AWS
 * documents neither; a message past them is {@link LogEvent.Kind#JSON_OVER_LIMIT}, never silently "not JSON".
 */
public final class JsonEvents {

    /** Deepest nesting read, counting the event object itself as level 1. */
    public static final int MAX_DEPTH = 1000;
    /** Longest number read, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // One past our own limit, so that the loop below sees the level that is too deep and names it.
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1)
                    .maxNumberLength(MAX_NUMBER_LENGTH).build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private JsonEvents() {
    }

    /**
     * The message as a JSON object, or empty when it is not exactly one JSON object (blanks around it are fine) or
     * is past the read limits. Builds the tree with an explicit stack, so deep nesting cannot overflow.
     */
    public static Optional<ObjectNode> parse(String message) {
        return read(message).json();
    }

    /** The event {@code message} is: its tree, or why it is not one JSON object. */
    static LogEvent read(String message) {
        int first = 0;
        while (first < message.length() && Character.isWhitespace(message.charAt(first))) {
            first++;
        }
        if (first == message.length() || message.charAt(first) != '{') {
            return LogEvent.notJson(message, LogEvent.Kind.TEXT, "");
        }
        try (JsonParser parser = FACTORY.createParser(message)) {
            parser.nextToken();
            ObjectNode root = NODES.objectNode();
            Deque<JsonNode> open = new ArrayDeque<>();
            open.push(root);
            String field = null;
            while (!open.isEmpty()) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return LogEvent.notJson(message, LogEvent.Kind.MALFORMED_JSON, "it ends inside the object");
                }
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                    continue;
                }
                JsonNode value = scalarOrContainer(token, parser);
                JsonNode parent = open.peek();
                if (parent.isObject()) {
                    ((ObjectNode) parent).set(field, value);
                } else {
                    ((ArrayNode) parent).add(value);
                }
                if (value.isContainerNode()) {
                    if (open.size() == MAX_DEPTH) {
                        return LogEvent.notJson(message, LogEvent.Kind.JSON_OVER_LIMIT,
                                "nested deeper than " + MAX_DEPTH + " levels");
                    }
                    open.push(value);
                }
            }
            if (parser.nextToken() != null) {
                return LogEvent.notJson(message, LogEvent.Kind.MALFORMED_JSON, "text follows the object");
            }
            return LogEvent.json(message, root);
        } catch (StreamConstraintsException e) {
            String what = e.getOriginalMessage().startsWith("Number value length")
                    ? "has a number longer than " + MAX_NUMBER_LENGTH + " characters"
                    : "is past a JSON read limit (" + PatternText.clip(e.getOriginalMessage(), 80) + ")";
            return LogEvent.notJson(message, LogEvent.Kind.JSON_OVER_LIMIT, what);
        } catch (JsonProcessingException e) {
            // Malformed JSON is simply not a JSON event: a JSON pattern does not match it.
            return LogEvent.notJson(message, LogEvent.Kind.MALFORMED_JSON, PatternText.clip(e.getOriginalMessage(),
                    80) + " at character " + (e.getLocation() == null ? "?" : e.getLocation().getCharOffset() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /** {@code event} as compact JSON, numbers as written: the form CloudTrail delivers records in. */
    public static String compact(JsonNode event) {
        return write(COMPACT, event);
    }

    /** {@code event} indented by two blanks per level, lines ending in {@code \n}, numbers as written. */
    public static String pretty(JsonNode event) {
        return write(PRETTY, event);
    }

    private static String write(ObjectWriter writer, JsonNode event) {
        try {
            return writer.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static JsonNode scalarOrContainer(JsonToken token, JsonParser parser) throws IOException {
        switch (token) {
            case START_OBJECT:
                return NODES.objectNode();
            case START_ARRAY:
                return NODES.arrayNode();
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new LexemeNumberNode(parser.getText(), parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected " + token);
        }
    }
}
