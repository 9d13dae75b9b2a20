package dev.cissentinel.pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads a log message as a JSON event the way the matcher needs it: every number keeps its text as written
 * ({@code 12.0} stays {@code "12.0"}, {@code 1e3} stays {@code "1e3"}), because a quoted value compares with that
 * text ({@code filter-patterns.md} §3). Jackson's own tree would turn both into doubles and lose it.
 */
public final class JsonEvents {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonEvents() {
    }

    /**
     * The message as a JSON object, or empty when it is not exactly one JSON object (blanks around it are fine).
     * Builds the tree with an explicit stack, so deep nesting cannot overflow; Jackson's default read
     * constraints (nesting depth 1000, number length 1000) still apply and make such a message "not JSON".
     */
    public static Optional<ObjectNode> parse(String message) {
        try (JsonParser parser = FACTORY.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ObjectNode root = NODES.objectNode();
            Deque<JsonNode> open = new ArrayDeque<>();
            open.push(root);
            String field = null;
            while (!open.isEmpty()) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return Optional.empty();
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
                    open.push(value);
                }
            }
            return parser.nextToken() == null ? Optional.of(root) : Optional.empty();
        } catch (IOException e) {
            // Malformed or over-limit JSON is simply not a JSON event: a JSON pattern does not match it.
            return Optional.empty();
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
