package io.github.lpconnector.camel.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls LivePerson (POST JSON, POST form, GET) with the endpoint's {@link RetryPolicy}: a retry is a task on a
 * scheduler, so no thread waits, whatever the delay. The returned future completes once, with the last answer or
 * the typed transport failure.
 */
public final class RetryingHttpCall {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingHttpCall.class);

    private final LivePersonHttpClient client;
    private final ScheduledExecutorService scheduler;
    private final RetryPolicy policy;
    private final LongAdder retries = new LongAdder();
    private final HttpCallObserver observer;

    public RetryingHttpCall(LivePersonHttpClient client, ScheduledExecutorService scheduler, RetryPolicy policy) {
        this(client, scheduler, policy, HttpCallObserver.NONE);
    }

    public RetryingHttpCall(LivePersonHttpClient client, ScheduledExecutorService scheduler, RetryPolicy policy,
                            HttpCallObserver observer) {
        this.client = client;
        this.scheduler = scheduler;
        this.policy = policy;
        this.observer = observer != null ? observer : HttpCallObserver.NONE;
    }

    /**
     * An answer and how many attempts it took.
     *
     * @param response the last answer
     * @param attempts attempts made, the first included
     */
    public record Answer(LivePersonHttpResponse response, int attempts) {
    }

    /** POSTs a JSON body; see {@link LivePersonHttpClient#postJson}. */
    public CompletableFuture<Answer> post(String operation, URI uri, byte[] json, Map<String, String> headers) {
        return call(operation, () -> client.postJson(uri, json, headers));
    }

    /** POSTs a form body; see {@link LivePersonHttpClient#postForm}. */
    public CompletableFuture<Answer> postForm(String operation, URI uri, Map<String, String> form,
                                              Map<String, String> headers) {
        return call(operation, () -> client.postForm(uri, form, headers));
    }

    /** GETs {@code uri}; see {@link LivePersonHttpClient#get}. */
    public CompletableFuture<Answer> get(String operation, URI uri, Map<String, String> headers) {
        return call(operation, () -> client.get(uri, headers));
    }

    /** How many retries this call site scheduled so far. */
    public long retries() {
        return retries.sum();
    }

    private CompletableFuture<Answer> call(String operation, Supplier<CompletableFuture<LivePersonHttpResponse>> request) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        long started = observer.callStarted(operation);
        attempt(operation, request, 1, result, started);
        return result;
    }

    private void attempt(String operation, Supplier<CompletableFuture<LivePersonHttpResponse>> request, int attempt,
                         CompletableFuture<Answer> result, long started) {
        try {
            request.get().whenComplete((response, failure) -> {
                try {
                    long delay = failure == null
                            ? policy.delayAfterAnswer(attempt, response) : policy.delayAfterFailure(attempt, failure);
                    if (delay != RetryPolicy.FINAL) {
                        retries.increment();
                        observer.retryScheduled(operation, result, attempt, response, failure, delay);
                        LOG.debug("LivePerson {} attempt {} got {}; retrying in {} ms", operation, attempt,
                                failure == null ? "HTTP " + response.status() : failure.getClass().getSimpleName(), delay);
                        scheduler.schedule(() -> attempt(operation, request, attempt + 1, result, started),
                                delay, TimeUnit.MILLISECONDS);
                    } else if (failure != null) {
                        complete(operation, result, started, null, policy.transportFailure(operation, failure, attempt));
                    } else {
                        complete(operation, result, started, new Answer(response, attempt), null);
                    }
                } catch (Throwable t) {
                    complete(operation, result, started, null, t);
                }
            });
        } catch (Throwable t) {
            complete(operation, result, started, null, t);
        }
    }

    /** Lets the observer record the outcome, then completes the call (once: a second completion is ignored). */
    private void complete(String operation, CompletableFuture<Answer> result, long started, Answer answer,
                          Throwable failure) {
        if (result.isDone()) {
            return;
        }
        try {
            observer.callCompleted(operation, result, started, answer, failure);
        } catch (RuntimeException e) {
            LOG.debug("Could not record a LivePerson {} call", operation, e);
        } finally {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(answer);
            }
        }
    }
}
