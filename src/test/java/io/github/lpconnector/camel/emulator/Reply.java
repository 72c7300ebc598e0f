package io.github.lpconnector.camel.emulator;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An HTTP answer the emulator will write. */
record Reply(int status, Map<String, String> headers, byte[] body) {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static Reply json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    static Reply json(int status, JsonNode body, Map<String, String> headers) {
        try {
            return new Reply(status, headers, MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Send API error shape (reference §3):
     * {@code {"kind":"resp","reqId":..,"code":S,"body":{"title":..,"details":..,"errorCode":N},"type":".ReqBody$ErrorResp"}};
     * {@code reqId} only when the request id is known.
     */
    static Reply error(int status, int errorCode, String title, String details, String reqId) {
        return json(status, errorBody(status, errorCode, title, details, reqId));
    }

    static ObjectNode errorBody(int status, int errorCode, String title, String details, String reqId) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "resp");
        if (reqId != null) {
            root.put("reqId", reqId);
        }
        root.put("code", status);
        root.set("body", errorDetails(errorCode, title, details));
        root.put("type", ".ReqBody$ErrorResp");
        return root;
    }

    static ObjectNode errorDetails(int errorCode, String title, String details) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("title", title);
        body.put("details", details);
        body.put("errorCode", errorCode);
        return body;
    }

    /** OAuth2-style error used by Sentinel (its real error bodies are undocumented). */
    static Reply oauthError(int status, String error, String description) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }

    /** This reply with header {@code name} set to {@code value}. */
    Reply withHeader(String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return new Reply(status, Map.copyOf(all), body);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
