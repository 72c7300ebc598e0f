package io.github.lpconnector.camel;

/**
 * No answer came from LivePerson: the connection was refused or dropped, or the answer did not come within
 * {@code requestTimeout}. {@link #isRequestSent()} tells whether LivePerson may have received and processed the
 * request: if it was sent, a retry may open a second conversation.
 */
public class LivePersonTransportException extends LivePersonConnectorException {

    private final boolean requestSent;
    private final boolean timeout;
    private final int attempts;

    public LivePersonTransportException(String message, boolean requestSent, boolean timeout, int attempts,
                                        Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
        this.timeout = timeout;
        this.attempts = attempts;
    }

    /** True when the request may have reached LivePerson before the failure. */
    public boolean isRequestSent() {
        return requestSent;
    }

    /** True when the failure is a timeout (connect or answer). */
    public boolean isTimeout() {
        return timeout;
    }

    /** How many times the call was made, retries included. */
    public int getAttempts() {
        return attempts;
    }
}
