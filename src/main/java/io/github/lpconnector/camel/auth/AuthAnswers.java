package io.github.lpconnector.camel.auth;

import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.LivePersonAuthenticationException;
import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import io.github.lpconnector.camel.LivePersonJson;
import io.github.lpconnector.camel.http.LivePersonHttpResponse;

/** Shared reading of the answers of the Domain API, Sentinel and the IDP; errors never carry the raw body. */
final class AuthAnswers {

    private static final int MAX_ERROR_LENGTH = 100;

    private AuthAnswers() {
    }

    static JsonNode json(Step step, LivePersonHttpResponse response) {
        try {
            JsonNode node = LivePersonJson.MAPPER.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new LivePersonAuthenticationException(step, response.status(), null,
                        "the answer is not a JSON object", null);
            }
            return node;
        } catch (java.io.IOException e) {
            throw new LivePersonAuthenticationException(step, response.status(), null,
                    "the answer is not readable JSON", e);
        }
    }

    /** The typed error for a non-2xx answer, with the error code or title LivePerson put in its body. */
    static LivePersonAuthenticationException httpError(Step step, LivePersonHttpResponse response, String what) {
        return new LivePersonAuthenticationException(step, response.status(), errorOf(response), what, null);
    }

    /** The typed error for a call that got no answer (or any other failure). */
    static Throwable failure(Step step, Throwable failure, String what) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof LivePersonAuthenticationException) {
            return cause;
        }
        return new LivePersonAuthenticationException(step, 0, null, what + ": " + cause.getMessage(), cause);
    }

    /** OAuth {@code error}, LivePerson {@code errorCode}/{@code title}, or the Domain API {@code message}. */
    private static String errorOf(LivePersonHttpResponse response) {
        try {
            JsonNode node = LivePersonJson.MAPPER.readTree(response.body());
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode details = node.path("body").isObject() ? node.get("body") : node;
            for (String field : new String[] { "error", "errorCode", "title", "message" }) {
                JsonNode value = details.get(field);
                if (value != null && (value.isTextual() || value.isNumber())) {
                    String text = value.asText();
                    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: the status is all there is
        }
        return null;
    }

    /** A token as received must be printable ASCII without spaces: it goes into an HTTP header. */
    static String checkToken(Step step, int status, String token) {
        if (token == null || token.isEmpty() || token.length() > io.github.lpconnector.camel.LivePersonInputRules.MAX_TOKEN_LENGTH) {
            throw new LivePersonAuthenticationException(step, status, null, "the answer holds no token", null);
        }
        if (!io.github.lpconnector.camel.LivePersonInputRules.isHeaderSafeToken(token)) {
            throw new LivePersonAuthenticationException(step, status, null,
                    "the token in the answer has a space, control or non-ASCII character", null);
        }
        return token;
    }
}
