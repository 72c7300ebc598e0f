package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.lpconnector.camel.emulator.Tokens.ConsumerIdentity;

/**
 * What CREATE and SEND, the two Send API calls, check before their own semantics, in this order: rate limit (429 with
 * {@code Retry-After}), query {@code v=3} (400), AppJWT (401 40105 / 40102, see {@link AppJwtCheck}), ConsumerJWS in
 * {@code X-LP-ON-BEHALF} (401 40104 / 40103), a JSON Content-Type (415), a JSON body (400).
 */
abstract class SendApiHandler extends ServiceHandler {

    private final RateLimit rateLimit;
    private final AppJwtCheck appJwt;
    private final Tokens tokens;

    SendApiHandler(String name, String path, RateLimit rateLimit, AppJwtCheck appJwt, Tokens tokens) {
        super(name, "POST", path);
        this.rateLimit = rateLimit;
        this.appJwt = appJwt;
        this.tokens = tokens;
    }

    /** The call's semantics, once the request passed the checks. */
    abstract Reply handle(String accountId, ConsumerIdentity consumer, JsonNode body);

    @Override
    final Reply handle(Request request, Map<String, String> pathParams) {
        String accountId = pathParams.get("account");
        long wait = rateLimit.tryAcquire(accountId);
        if (wait > 0) {
            return Reply.error(429, ErrorCodes.TOO_MANY_REQUESTS, "Too many requests",
                    "rate limit of " + rateLimit.permitsPerSecond() + " requests per second exceeded", null)
                    .withHeader("Retry-After", Long.toString(wait));
        }
        if (!"3".equals(request.query().get("v"))) {
            return Reply.error(400, ErrorCodes.INVALID_VERSION, "Invalid parameter", "v must be 3", null);
        }
        Reply refusal = appJwt.refusal(request.header("Authorization"), accountId);
        if (refusal != null) {
            return refusal;
        }
        String jws = request.header("X-LP-ON-BEHALF");
        if (jws == null || jws.isBlank()) {
            return Reply.error(401, ErrorCodes.CONSUMER_JWS_MISSING, "ConsumerJWS is missing",
                    "X_ON_BEHALF_HEADER is not present", null);
        }
        ConsumerIdentity consumer = tokens.verifyConsumerJws(jws.trim());
        if (consumer == null || !consumer.accountId().equals(accountId)) {
            return Reply.error(401, ErrorCodes.INVALID_CONSUMER_JWS, "Invalid ConsumerJWS",
                    consumer == null ? "invalid" : "the ConsumerJWS is for another account", null);
        }
        // choice: a non-JSON Content-Type is 415
        String contentType = request.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Reply.error(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type must be application/json", null);
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return Reply.error(400, ErrorCodes.MALFORMED_REQUEST, "Invalid request", "malformed JSON", null);
        }
        if (body == null || body.isMissingNode()) {
            return Reply.error(400, ErrorCodes.MALFORMED_REQUEST, "Invalid request", "empty body", null);
        }
        return handle(accountId, consumer, body);
    }
}
