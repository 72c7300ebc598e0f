package io.github.lpconnector.camel.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.LivePersonJson;

/**
 * Reads when a JWT expires from its payload (the {@code exp} claim), and decides how long to keep it. The signature
 * is not checked: the client only needs to know when to renew; LivePerson checks the token.
 */
final class JwtExpiry {

    /** Assumed lifetime when the token has no readable {@code exp} (LivePerson's AppJWTs live 60 minutes). */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(60);
    /** Renew at most this long before {@code exp}. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private JwtExpiry() {
    }

    /** The {@code exp} claim of {@code jwt}, or null when the token is not a JWT with a numeric {@code exp}. */
    static Instant exp(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[1].length() > 64 * 1024) {
            return null;
        }
        try {
            JsonNode payload = LivePersonJson.MAPPER.readTree(Base64.getUrlDecoder().decode(padless(parts[1])));
            JsonNode exp = payload != null ? payload.get("exp") : null;
            return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Until when to use a token received at {@code now}: shortly before {@code exp} - a tenth of its remaining
     * lifetime, at most {@link #MAX_MARGIN} - so that no exchange sends a token about to expire.
     */
    static Instant renewAt(String jwt, Instant now) {
        Instant exp = exp(jwt);
        if (exp == null) {
            exp = now.plus(DEFAULT_LIFETIME);
        }
        Duration remaining = Duration.between(now, exp);
        if (remaining.isNegative() || remaining.isZero()) {
            return now; // already expired by our clock: use it for the exchanges waiting on it, fetch anew after
        }
        Duration margin = remaining.dividedBy(10);
        return exp.minus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin);
    }

    private static String padless(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }
}
