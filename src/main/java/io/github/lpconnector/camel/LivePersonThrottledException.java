package io.github.lpconnector.camel;

/**
 * The component held the request back and never sent it: the account's pace (see the {@code rateGovernor} option)
 * had no room for it. {@link #getReason()} says why: the account's queue was full ({@code maxQueuedRequests}), the
 * request waited longer than {@code maxQueueWait} for its turn, or the endpoint stopped while it waited. Nothing
 * reached LivePerson for this attempt, so the exchange is always safe to retry, e.g. with Camel's redelivery or by
 * leaving the message on its queue. The message names the account; it never holds a token, a secret or message
 * content.
 */
public class LivePersonThrottledException extends LivePersonConnectorException {

    /** Why the request was not sent. */
    public enum Reason {
        /** {@code maxQueuedRequests} requests of the account were already waiting. */
        QUEUE_FULL,
        /** The request waited {@code maxQueueWait} without getting its turn. */
        QUEUE_WAIT,
        /** The endpoint or the Camel context stopped while the request waited. */
        STOPPED
    }

    private final String accountId;
    private final Reason reason;

    public LivePersonThrottledException(String accountId, Reason reason, String message) {
        super(message);
        this.accountId = accountId;
        this.reason = reason;
    }

    /** The LivePerson account whose pace held the request back. */
    public String getAccountId() {
        return accountId;
    }

    public Reason getReason() {
        return reason;
    }

    /** Always true: the request was not sent, so sending it again cannot open a second conversation. */
    public boolean isRetryable() {
        return true;
    }
}
