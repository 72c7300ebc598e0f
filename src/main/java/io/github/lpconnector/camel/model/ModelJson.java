package io.github.lpconnector.camel.model;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The model's own JSON helpers: the model depends on Jackson alone. */
final class ModelJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ModelJson() {
    }

    /** {@code value} as a tree: a JsonNode copied, a String parsed as JSON, anything else written by Jackson. */
    static JsonNode tree(Object value) {
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof String text) {
            try {
                return MAPPER.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not valid JSON", e);
            }
        }
        return MAPPER.valueToTree(value);
    }
}
