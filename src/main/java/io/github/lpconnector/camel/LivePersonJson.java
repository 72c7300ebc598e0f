package io.github.lpconnector.camel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one {@link ObjectMapper} of the component, shared by all endpoints (it is thread-safe). Reading is bounded so
 * that neither an event nor an answer can make the component parse without end.
 */
public final class LivePersonJson {

    /** Largest JSON document read, body or answer. */
    public static final long MAX_DOCUMENT_BYTES = 1024 * 1024;
    /** Deepest nesting of objects and arrays read. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value read. */
    public static final int MAX_STRING_LENGTH = 256 * 1024;
    /** Most JSON values (objects, arrays, scalars) in a tree given as objects rather than text. */
    public static final int MAX_NODES = 100_000;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_BYTES)
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(64)
                            .maxNameLength(1024)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * The mapper's factory, with its read limits, less the duplicate key check: for LivePerson's answers, which are
     * streamed rather than bound, and whose parsers would otherwise each be made with the check and then have it
     * taken off.
     */
    public static final JsonFactory ANSWER_FACTORY = MAPPER.getFactory().rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private LivePersonJson() {
    }

    /**
     * Applies the reading limits to a tree that was not parsed from text (a {@link JsonNode} body, or one made from a
     * Map, List or record): depth, string length and number of nodes. Iterative, so a deep tree cannot overflow the
     * stack.
     *
     * @throws LivePersonValidationException naming {@code field} when a limit is exceeded
     */
    public static JsonNode checkBounds(JsonNode root, String field) {
        java.util.ArrayDeque<JsonNode> nodes = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        nodes.push(root);
        depths.push(0);
        long count = 0;
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            int depth = depths.pop();
            if (++count > MAX_NODES) {
                throw new LivePersonValidationException(field, "has more than " + MAX_NODES + " JSON values");
            }
            if (node.isContainerNode()) {
                if (depth + 1 > MAX_NESTING_DEPTH) {
                    throw new LivePersonValidationException(field, "is nested deeper than " + MAX_NESTING_DEPTH + " levels");
                }
                for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    java.util.Map.Entry<String, JsonNode> entry = it.next();
                    if (entry.getKey().length() > MAX_STRING_LENGTH) {
                        throw new LivePersonValidationException(field, "has a key longer than " + MAX_STRING_LENGTH + " characters");
                    }
                    nodes.push(entry.getValue());
                    depths.push(depth + 1);
                }
                if (node.isArray()) {
                    for (JsonNode element : node) {
                        nodes.push(element);
                        depths.push(depth + 1);
                    }
                }
            } else if (node.isTextual() && node.textValue().length() > MAX_STRING_LENGTH) {
                throw new LivePersonValidationException(field, "has a string longer than " + MAX_STRING_LENGTH + " characters");
            }
        }
        return root;
    }
}
