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
     * A call starts.
     *
     * @return what {@link #callCompleted} gets back as {@code started}, e.g. a {@link System#nanoTime()}
     */
    default long callStarted(String operation) {
        return 0;
    }

    /**
     * {@code call} is over (after its retries), with its last answer or its transport failure. Called before
     * {@code call} completes, so that whoever reacts to the answer already sees it recorded.
     *
     * @param started what {@link #callStarted} returned for this call
     * @param answer  the last answer, or null
     * @param failure the failure when there is no answer, else null
     */
    default void callCompleted(String operation, CompletableFuture<RetryingHttpCall.Answer> call, long started,
                               RetryingHttpCall.Answer answer, Throwable failure) {
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
