package io.github.lpconnector.camel.internal;

import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the claims of a JWT or JWS (its middle, Base64url-encoded part) without checking the signature: the component
 * only needs to know when a token expires and whom it names; LivePerson checks the token itself.
 */
final class JwtClaims {

    /** Payloads longer than this are not read. */
    private static final int MAX_PAYLOAD_LENGTH = 64 * 1024;

    private final JsonNode claims;

    private JwtClaims(JsonNode claims) {
        this.claims = claims;
    }

    /** The claims of {@code token}; empty when it is not three dot-separated parts with a JSON object in the middle. */
    static JwtClaims of(String token) {
        String[] parts = token != null ? token.split("\\.", -1) : new String[0];
        if (parts.length != 3 || parts[1].isEmpty() || parts[1].length() > MAX_PAYLOAD_LENGTH) {
            return new JwtClaims(null);
        }
        try {
            JsonNode payload = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return new JwtClaims(payload != null && payload.isObject() ? payload : null);
        } catch (Exception e) {
            return new JwtClaims(null);
        }
    }

    /** The {@code exp} claim, or null when there is no numeric one. */
    Instant expiry() {
        JsonNode exp = claims != null ? claims.get("exp") : null;
        return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
    }

    /** A text claim, or null. */
    String text(String name) {
        JsonNode value = claims != null ? claims.get(name) : null;
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
