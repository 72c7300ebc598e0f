package io.github.lpconnector.camel.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete request as the emulator's services read it.
 *
 * @param path            the request target up to the {@code ?}, not decoded
 * @param query           the query parameters, decoded (see {@link #parseForm})
 * @param headers         by case-insensitive name, in the order received
 * @param body            as received (empty when there is none)
 * @param receivedAtNanos {@link System#nanoTime()} when the request was complete
 */
record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
        byte[] body, long receivedAtNanos) {

    /** A request with target {@code path?query} received now. */
    static Request of(String method, String target, Map<String, List<String>> headers, byte[] body) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = parseForm(q < 0 ? null : target.substring(q + 1));
        return new Request(method, path, query, headers, body, System.nanoTime());
    }

    /** The first value of header {@code name} (any case), or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The pairs of an {@code application/x-www-form-urlencoded} text (a query string or a form body), decoded: the
     * first pair of a name wins, a name without {@code =} has the value "", a pair with a malformed escape is skipped.
     */
    static Map<String, String> parseForm(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformedEscape) {
                // skip the pair
            }
        }
        return Map.copyOf(out);
    }
}
