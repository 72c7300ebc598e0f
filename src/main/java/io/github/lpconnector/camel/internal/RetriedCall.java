package io.github.lpconnector.camel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.lpconnector.camel.LivePersonTransportException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@link RetryingHttp}: its attempts and their retries. With a pace, each attempt first waits for its turn
 * there and reports the answer back to it; a retry after a 429 goes straight back to the head of the pace's queue,
 * which the 429 has paused, so it leaves when the account may send again and not on a clock of its own (no retry
 * storm). Retries after 502/503/504 and refused connections wait their backoff on the endpoint's scheduler first,
 * at least the pace's floor for a login call. {@link #result} completes once, on every path.
 */
final class RetriedCall {

    private static final Logger LOG = LoggerFactory.getLogger(RetriedCall.class);

    final CompletableFuture<LivePersonClient.Answer> result = new CompletableFuture<>();
    private final RetryingHttp http;
    private final String operation;
    private final Pace pace;
    private final Supplier<SimpleHttpRequest> request;
    private final long started;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean waitingForRetry = new AtomicBoolean();
    private volatile int attempts;
    private volatile boolean sending;
    /** What the attempt being retried got: its answer, or the failure that prevented one. */
    private volatile LivePersonClient.Answer lastAnswer;
    private volatile Throwable lastFailure;

    RetriedCall(RetryingHttp http, String operation, Pace pace, Supplier<SimpleHttpRequest> request, long started) {
        this.http = http;
        this.operation = operation;
        this.pace = pace;
        this.request = request;
        this.started = started;
    }

    void start() {
        attempt(false);
    }

    private void attempt(boolean retry) {
        if (result.isDone()) {
            return;
        }
        if (pace == null) {
            send(null);
            return;
        }
        try {
            pace.turn(http, http.maxQueued(), http.maxQueueWaitNanos(), retry).whenComplete((turn, refused) -> {
                if (refused != null) {
                    finish(null, refused);
                } else {
                    send(turn);
                }
            });
        } catch (RuntimeException e) { // the pace's scheduler refused the wake-up: the component is stopping
            finish(null, e);
        }
    }

    private void send(Pace.Turn turn) {
        if (result.isDone()) {
            return;
        }
        retryStarted();
        int attempt = ++attempts;
        CompletableFuture<LivePersonClient.Answer> answered;
        try {
            sending = true;
            answered = http.once(request.get());
        } catch (RuntimeException e) { // the client or the scheduler is closed: the endpoint is stopping
            sending = false;
            finish(null, e);
            return;
        }
        answered.whenComplete((answer, failure) -> {
            sending = false;
            try {
                decide(attempt, turn, answer, failure);
            } catch (RuntimeException e) { // e.g. the scheduler refused the retry: the endpoint is stopping
                finish(null, e);
            }
        });
    }

    private void decide(int attempt, Pace.Turn turn, LivePersonClient.Answer answer, Throwable failure) {
        RetryPolicy policy = http.policy();
        if (turn != null && answer != null) {
            pace.answered(turn, answer.status(),
                    TimeUnit.MILLISECONDS.toNanos(policy.rateLimitPauseMillis(answer, pace.kind().floorMillis)));
        }
        long delay = failure == null ? policy.delayAfterAnswer(attempt, answer) : policy.delayAfterFailure(attempt, failure);
        if (delay == RetryPolicy.FINAL) {
            if (failure != null) {
                finish(null, policy.transportFailure(operation, failure, attempt));
            } else {
                finish(answer.afterAttempts(attempt), null);
            }
            return;
        }
        lastAnswer = answer;
        lastFailure = failure;
        if (waitingForRetry.compareAndSet(false, true)) {
            http.statistics().retryScheduled(operation, answer, failure);
        }
        boolean rateLimited = answer != null && answer.status() == 429;
        if (pace != null && rateLimited) {
            LOG.debug("LivePerson {} attempt {} got HTTP 429; retrying when the account's pace resumes", operation,
                    attempt);
            attempt(true);
            return;
        }
        if (pace != null && answer != null && pace.kind() == Pace.Kind.LOGIN) {
            delay = Math.max(delay, pace.kind().floorMillis);
        }
        LOG.debug("LivePerson {} attempt {} got {}; retrying in {} ms", operation, attempt,
                failure == null ? "HTTP " + answer.status() : failure.getClass().getSimpleName(), delay);
        http.scheduler().schedule(() -> attempt(true), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * The endpoint stops: a retry not yet sent ends with what the attempt before it got, a request on the wire with a
     * transport failure. A request waiting in the pace was failed there already.
     */
    void stop() {
        if (sending) {
            finish(null, new LivePersonTransportException("LivePerson " + operation + " failed: the endpoint stopped"
                                                          + " before the answer came", true, false, attempts, null));
        } else if (lastAnswer != null) {
            finish(lastAnswer.afterAttempts(attempts), null);
        } else if (lastFailure != null) {
            finish(null, http.policy().transportFailure(operation, lastFailure, attempts));
        } else {
            finish(null, new LivePersonTransportException("LivePerson " + operation + " was not sent: the endpoint"
                                                          + " stopped", false, false, attempts, null));
        }
    }

    private void retryStarted() {
        if (waitingForRetry.compareAndSet(true, false)) {
            http.statistics().retryStarted();
        }
    }

    /** Lets the statistics record the outcome, then completes the call; only the first outcome counts. */
    private void finish(LivePersonClient.Answer answer, Throwable failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        retryStarted();
        http.statistics().callCompleted(operation, started, answer, failure);
        if (failure != null) {
            result.completeExceptionally(failure);
        } else {
            result.complete(answer);
        }
    }
}
