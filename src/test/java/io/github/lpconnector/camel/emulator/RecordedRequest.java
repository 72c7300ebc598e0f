package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request the emulator received, as {@link LiveEngageEmulator#requests()} lists it: what a test asserts when it
 * checks what the component sent.
 *
 * @param method          e.g. "POST"
 * @param path            the request target up to the {@code ?}, not decoded
 * @param query           the query parameters, decoded; of a repeated name the first
 * @param headers         every header by case-insensitive name, values in the order received; see {@link #header}
 * @param body            the body as received (empty when there was none)
 * @param service         where it was routed: "domain", "sentinel", "idp", "create", "send", "emulator", or
 *                        "unknown" (answered 404)
 * @param status          the status answered, or to be answered after a latency or stall; 0 when the connection was
 *                        dropped without an answer
 * @param receivedAtNanos {@link System#nanoTime()} when the request was complete
 */
public record RecordedRequest(String method, String path, Map<String, String> query,
        Map<String, List<String>> headers, byte[] body, String service, int status, long receivedAtNanos) {

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a Jackson tree, a missing node when there is none; fails the test if it is not JSON. */
    public JsonNode json() {
        try {
            return Reply.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the request body is not JSON: " + bodyText(), e);
        }
    }
}
