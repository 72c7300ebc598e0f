package io.github.lpconnector.camel.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lpconnector.camel.LivePersonValidationException;
import org.apache.camel.WrappedFile;
import org.apache.camel.util.IOHelper;

/**
 * Turns whatever a route hands the producer into JSON: an object or array for structured bodies, a
 * {@link TextNode} for plain text. Nothing else is accepted.
 */
final class RequestBodies {

    private static final String FIELD = "body";

    private RequestBodies() {
    }

    static JsonNode read(Object body) {
        if (body == null) {
            throw new LivePersonValidationException(FIELD, "is null; expected JSON, a Map, a List, text or a typed request");
        }
        if (body instanceof JsonNode node) {
            return Json.checkBounds(node, FIELD);
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
        if (body instanceof WrappedFile<?> file && file.getBody() instanceof File f) {
            return fromFile(f.toPath());
        }
        if (body instanceof File f) {
            return fromFile(f.toPath());
        }
        if (body instanceof Path path) {
            return fromFile(path);
        }
        if (body instanceof Map<?, ?> || body instanceof Collection<?> || body instanceof Record) {
            checkObjectGraph(body);
            JsonNode tree;
            try {
                tree = Json.MAPPER.valueToTree(body);
            } catch (IllegalArgumentException | StackOverflowError e) {
                throw new LivePersonValidationException(FIELD, "cannot be written as JSON: " + e.getMessage(), e);
            }
            return Json.checkBounds(tree, FIELD);
        }
        throw new LivePersonValidationException(FIELD, "has unsupported type " + body.getClass().getName()
                                                       + "; expected String, byte[], InputStream, a file, Map, List or "
                                                       + "CreateConversationRequest");
    }

    private static JsonNode fromFile(Path path) {
        try {
            return fromText(decodeUtf8(readBounded(Files.newInputStream(path))));
        } catch (IOException e) {
            throw new LivePersonValidationException(FIELD, "the file cannot be read: " + e.getMessage(), e);
        }
    }

    private static JsonNode fromText(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new LivePersonValidationException(FIELD, "is empty");
        }
        char first = trimmed.charAt(0);
        if (first != '{' && first != '[') {
            if (text.length() > Json.MAX_STRING_LENGTH) {
                throw new LivePersonValidationException(FIELD, "text is longer than " + Json.MAX_STRING_LENGTH + " characters");
            }
            return TextNode.valueOf(text);
        }
        try {
            return Json.MAPPER.readTree(trimmed);
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
            if (++count > Json.MAX_NODES) {
                throw new LivePersonValidationException(FIELD, "has more than " + Json.MAX_NODES + " values");
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
            if (depth > Json.MAX_NESTING_DEPTH) {
                // a Map or List that contains itself ends here too
                throw new LivePersonValidationException(FIELD, "is nested deeper than " + Json.MAX_NESTING_DEPTH
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
            byte[] bytes = in.readNBytes((int) Json.MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > Json.MAX_DOCUMENT_BYTES) {
                throw new LivePersonValidationException(FIELD, "is larger than " + Json.MAX_DOCUMENT_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new LivePersonValidationException(FIELD, "cannot be read: " + e.getMessage(), e);
        } finally {
            IOHelper.close(stream);
        }
    }
}
