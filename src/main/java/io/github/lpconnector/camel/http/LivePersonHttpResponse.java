package io.github.lpconnector.camel.http;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer from LivePerson, fully read.
 *
 * @param status       the HTTP status code
 * @param reasonPhrase the reason phrase, may be empty
 * @param body         the raw body bytes (never null)
 * @param retryAfter   the raw {@code Retry-After} header, or null
 */
public record LivePersonHttpResponse(int status, String reasonPhrase, byte[] body, String retryAfter) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String bodyAsText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The {@code Retry-After} header in seconds when it is a number of seconds, else null. */
    public Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return seconds >= 0 ? seconds : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: treated as absent, the backoff applies
        }
    }
}
