package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** Helpers of the webhook tests: the shape (field paths) of a JSON payload, and a token's claims. */
final class WebhookShapes {

    private WebhookShapes() {
    }

    /** Every field path of {@code json}, e.g. {@code body.changes[].event.type}; arrays merge their elements. */
    static Set<String> paths(String json) {
        try {
            return paths(Reply.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Set<String> paths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
                out.add(path);
                collect(f.getValue(), path, out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, prefix + "[]", out);
            }
        }
    }

    /** The payload of a JWS (not verified). */
    static JsonNode claims(String jws) {
        try {
            return Reply.MAPPER.readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
