package io.github.lpconnector.camel.emulator;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The AppJWT check of the IDP and the Send API: the {@code Authorization} header must hold, raw, an AppJWT the
 * emulator's Sentinel signed, issued by "Sentinel", not expired, for the account of the request.
 */
final class AppJwtCheck {

    private final Tokens tokens;
    private final Clock clock;
    private final boolean acceptBearerPrefix;

    /** @param acceptBearerPrefix whether {@code Authorization: Bearer <AppJWT>} is tolerated (else 401 40102) */
    AppJwtCheck(Tokens tokens, Clock clock, boolean acceptBearerPrefix) {
        this.tokens = tokens;
        this.clock = clock;
        this.acceptBearerPrefix = acceptBearerPrefix;
    }

    /** @return null if {@code authorization} holds a valid AppJWT for the account, else the 401 (or 400) answer */
    Reply refusal(String authorization, String accountId) {
        if (authorization == null || authorization.isBlank()) {
            // the error TABLE says 40105 (the doc's example says 40104: the table wins)
            return Reply.error(401, ErrorCodes.APP_JWT_MISSING, "AppJWT is missing",
                    "AUTHORIZATION header is not present", null);
        }
        String token = authorization.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (!acceptBearerPrefix) {
                return invalid("the Authorization header must hold the raw AppJWT, without 'Bearer '");
            }
            token = token.substring(7).trim();
        }
        JsonNode claims = tokens.verifyAppJwt(token);
        if (claims == null) {
            return invalid("invalid");
        }
        if (!Tokens.SENTINEL_ISSUER.equals(claims.path("iss").asText(null))) {
            return Reply.error(400, ErrorCodes.MISSING_PARAMETER, "Missing parameter",
                    "the AppJWT lacks required claims (iss must be Sentinel)", null);
        }
        JsonNode exp = claims.path("exp");
        if (!exp.isNumber() || !Instant.ofEpochSecond(exp.asLong()).isAfter(clock.instant())) {
            return invalid("expired");
        }
        if (!Tokens.audienceContains(claims, accountId)) {
            return invalid("the AppJWT is for another account");
        }
        return null;
    }

    private static Reply invalid(String details) {
        return Reply.error(401, ErrorCodes.INVALID_APP_JWT, "Invalid AppJWT", details, null);
    }
}
