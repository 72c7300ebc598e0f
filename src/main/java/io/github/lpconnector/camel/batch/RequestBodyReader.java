package io.github.lpconnector.camel.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lpconnector.camel.LivePersonJson;
import io.github.lpconnector.camel.LivePersonValidationException;
import org.apache.camel.WrappedFile;
import org.apache.camel.util.IOHelper;

/**
 * Turns whatever a route hands the producer into JSON: an object or array for structured bodies, a
 * {@link TextNode} for plain text. Nothing else is accepted.
 */
public final class RequestBodyReader {

    private static final String FIELD = "body";

    private final ObjectMapper mapper = LivePersonJson.MAPPER;

    public JsonNode read(Object body) {
        if (body == null) {
            throw new LivePersonValidationException(FIELD, "is null; expected JSON, a Map, a List, text or a typed request");
        }
        if (body instanceof JsonNode node) {
            return LivePersonJson.checkBounds(node, FIELD);
        }
        if (body instanceof String text) {
            return fromText(text);
        }
        if (body instanceof byte[] bytes) {
            return fromText(decodeUtf8(bytes));
        }
        if (body instanceof InputStream stream) {
            return fromText(decodeUtf8(readBounded(stream)));
        }
        if (body instanceof WrappedFile<?> file && file.getBody() instanceof java.io.File f) {
            try (InputStream in = java.nio.file.Files.newInputStream(f.toPath())) {
                return fromText(decodeUtf8(readBounded(in)));
            } catch (IOException e) {
                throw new LivePersonValidationException(FIELD, "the file cannot be read: " + e.getMessage(), e);
            }
        }
        if (body instanceof Map<?, ?> || body instanceof Collection<?> || body instanceof Record) {
            checkObjectGraph(body);
            JsonNode tree;
            try {
                tree = mapper.valueToTree(body);
            } catch (IllegalArgumentException | StackOverflowError e) {
                throw new LivePersonValidationException(FIELD, "cannot be written as JSON: " + e.getMessage(), e);
            }
            return LivePersonJson.checkBounds(tree, FIELD);
        }
        throw new LivePersonValidationException(FIELD, "has unsupported type " + body.getClass().getName()
                                                       + "; expected String, byte[], InputStream, Map, List or "
                                                       + CreateConversationRequest.class.getSimpleName());
    }

    private JsonNode fromText(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new LivePersonValidationException(FIELD, "is empty");
        }
        char first = trimmed.charAt(0);
        if (first != '{' && first != '[') {
            if (text.length() > LivePersonJson.MAX_STRING_LENGTH) {
                throw new LivePersonValidationException(FIELD, "text is longer than " + LivePersonJson.MAX_STRING_LENGTH + " characters");
            }
            return TextNode.valueOf(text);
        }
        try {
            return mapper.readTree(trimmed);
        } catch (StreamConstraintsException e) {
            throw new LivePersonValidationException(FIELD, "exceeds the JSON limits: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null
                    ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "";
            throw new LivePersonValidationException(FIELD, "is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Walks Maps, Collections and arrays without recursion before Jackson does: a structure deeper than the nesting
     * limit, or one that contains itself, is refused here rather than overflowing the stack.
     */
    private static void checkObjectGraph(Object body) {
        java.util.ArrayDeque<Object> values = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        values.push(body);
        depths.push(1);
        long count = 0;
        while (!values.isEmpty()) {
            Object value = values.pop();
            int depth = depths.pop();
            if (++count > LivePersonJson.MAX_NODES) {
                throw new LivePersonValidationException(FIELD, "has more than " + LivePersonJson.MAX_NODES + " values");
            }
            Iterable<?> children;
            if (value instanceof Map<?, ?> map) {
                children = map.values();
            } else if (value instanceof Collection<?> collection) {
                children = collection;
            } else if (value instanceof Object[] array) {
                children = java.util.Arrays.asList(array);
            } else {
                continue;
            }
            if (depth > LivePersonJson.MAX_NESTING_DEPTH) {
                // a Map or List that contains itself ends here too
                throw new LivePersonValidationException(FIELD, "is nested deeper than " + LivePersonJson.MAX_NESTING_DEPTH
                                                               + " levels (or contains itself)");
            }
            for (Object child : children) {
                values.push(child == null ? NULL : child);
                depths.push(depth + 1);
            }
        }
    }

    private static final Object NULL = new Object();

    private static String decodeUtf8(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (result.isError()) {
            throw new LivePersonValidationException(FIELD, "is not UTF-8 text: malformed byte at offset " + in.position());
        }
        return out.flip().toString();
    }

    private static byte[] readBounded(InputStream stream) {
        try (InputStream in = stream) {
            byte[] bytes = in.readNBytes((int) LivePersonJson.MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > LivePersonJson.MAX_DOCUMENT_BYTES) {
                throw new LivePersonValidationException(FIELD, "is larger than " + LivePersonJson.MAX_DOCUMENT_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new LivePersonValidationException(FIELD, "cannot be read: " + e.getMessage(), e);
        } finally {
            IOHelper.close(stream);
        }
    }
}
