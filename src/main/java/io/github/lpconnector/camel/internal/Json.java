package io.github.lpconnector.camel.internal;

import java.util.ArrayDeque;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.lpconnector.camel.LivePersonValidationException;

/**
 * The one {@link ObjectMapper} of the component (thread-safe), for bodies and answers alike. Reading is bounded, so
 * that neither a route's body nor an answer can make the component parse without end.
 */
final class Json {

    /** Largest JSON document read, body or answer. */
    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    /** Deepest nesting of objects and arrays read. */
    static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value read. */
    static final int MAX_STRING_LENGTH = 256 * 1024;
    /** Most JSON values (objects, arrays, scalars) in a tree given as objects rather than text. */
    static final int MAX_NODES = 100_000;


    /** For a route's bodies, which are refused when ambiguous (a duplicate key), and for writing every request. */
    static final ObjectMapper MAPPER = JsonMapper.builder(limited())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * For LivePerson's answers: the same limits, without the duplicate key check that guards a route's input (an
     * answer is LivePerson's document, read, not accepted; the last of duplicate keys counts).
     */
    static final ObjectReader ANSWERS = JsonMapper.builder(limited())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build().reader();

    private Json() {
    }

    /** A factory with the read limits; one per mapper, since a mapper's builder configures its factory. */
    private static JsonFactory limited() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(MAX_DOCUMENT_BYTES)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(64)
                        .maxNameLength(1024)
                        .build())
                .build();
    }

    /** {@code tree} as UTF-8 JSON. */
    static byte[] write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e); // a tree always can
        }
    }

    /**
     * Applies the reading limits to a tree that was not parsed from text (a {@link JsonNode} body, or one made from a
     * Map, List or record): depth, string length and number of values. Iterative, so a deep tree cannot overflow the
     * stack.
     *
     * @throws LivePersonValidationException naming {@code field} when a limit is exceeded
     */
    static JsonNode checkBounds(JsonNode root, String field) {
        record Place(JsonNode node, int depth) {
        }
        ArrayDeque<Place> places = new ArrayDeque<>();
        places.push(new Place(root, 0));
        long count = 0;
        while (!places.isEmpty()) {
            Place place = places.pop();
            JsonNode node = place.node();
            if (++count > MAX_NODES) {
                throw new LivePersonValidationException(field, "has more than " + MAX_NODES + " JSON values");
            }
            if (node.isContainerNode()) {
                if (place.depth() + 1 > MAX_NESTING_DEPTH) {
                    throw new LivePersonValidationException(field, "is nested deeper than " + MAX_NESTING_DEPTH
                                                                   + " levels");
                }
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    if (entry.getKey().length() > MAX_STRING_LENGTH) {
                        throw new LivePersonValidationException(field, "has a key longer than " + MAX_STRING_LENGTH
                                                                       + " characters");
                    }
                    places.push(new Place(entry.getValue(), place.depth() + 1));
                }
                if (node.isArray()) {
                    node.forEach(element -> places.push(new Place(element, place.depth() + 1)));
                }
            } else if (node.isTextual() && node.textValue().length() > MAX_STRING_LENGTH) {
                throw new LivePersonValidationException(field, "has a string longer than " + MAX_STRING_LENGTH
                                                               + " characters");
            }
        }
        return root;
    }
}
