package io.github.lpconnector.camel.http;

import java.util.concurrent.CompletableFuture;

/**
 * Watches the calls of a {@link RetryingHttpCall} without taking part in them: statistics, health and metrics
 * listen here. Implementations must be quick and must never throw.
 */
public interface HttpCallObserver {

    /** Observes nothing. */
    HttpCallObserver NONE = new HttpCallObserver() {
    };

    /**
     * A call starts. {@code call} completes once, when the call is over (after its retries), with the last answer or
     * the transport failure.
     *
     * @return the future the caller gets: {@code call} itself, or one that completes the same way once the observer
     *         has recorded the outcome (so that whoever reacts to the answer already sees it recorded)
     */
    default CompletableFuture<RetryingHttpCall.Answer> callStarted(
            String operation, CompletableFuture<RetryingHttpCall.Answer> call) {
        return call;
    }

    /**
     * An attempt of {@code call} got an answer ({@code response}) or no answer ({@code failure}) and will be tried
     * again in {@code delayMillis}.
     */
    default void retryScheduled(
            String operation, CompletableFuture<RetryingHttpCall.Answer> call, int attempt,
            LivePersonHttpResponse response, Throwable failure, long delayMillis) {
    }
}
