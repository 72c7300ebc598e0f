package io.github.lpconnector.camel;

/**
 * LivePerson answered with an HTTP error status (400, 401, 429, 5xx), after the component's own retries where the
 * status is retryable. Carries the status, the body and, when LivePerson sent them, its {@code errorCode} and
 * {@code title}, and the {@code Retry-After} delay.
 */
public class LivePersonHttpException extends LivePersonResponseException {

    private final String responseBody;
    private final Integer errorCode;
    private final String title;
    private final Long retryAfterSeconds;
    private final int attempts;

    public LivePersonHttpException(String operation, int status, String reasonPhrase, String responseBody,
                                   Integer errorCode, String title, Long retryAfterSeconds, int attempts) {
        super(describe(operation, status, errorCode, title, attempts), status, reasonPhrase, null);
        this.responseBody = responseBody;
        this.errorCode = errorCode;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
        this.attempts = attempts;
    }

    private static String describe(String operation, int status, Integer errorCode, String title, int attempts) {
        StringBuilder sb = new StringBuilder("LivePerson ").append(operation).append(" failed with HTTP ").append(status);
        if (errorCode != null) {
            sb.append(", errorCode ").append(errorCode);
        }
        if (title != null) {
            sb.append(" (").append(title).append(')');
        }
        if (attempts > 1) {
            sb.append(" after ").append(attempts).append(" attempts");
        }
        return sb.toString();
    }


    /** The body of LivePerson's answer, as text. */
    public String getResponseBody() {
        return responseBody;
    }

    /** LivePerson's stable error code (e.g. 40102 for an invalid AppJWT), or null when the body had none. */
    public Integer getErrorCode() {
        return errorCode;
    }

    /** LivePerson's error title, or null. */
    public String getTitle() {
        return title;
    }

    /** The {@code Retry-After} of the last answer in seconds, or null when it had none. */
    public Long getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** How many times the call was made, retries included. */
    public int getAttempts() {
        return attempts;
    }
}
