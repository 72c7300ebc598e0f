package io.github.lpconnector.camel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.lpconnector.camel.internal.NotificationCorrelation.Lookup;

/**
 * Waits, holding no thread, for the record of a change's conversation ({@code correlationWait}): re-reads the store
 * after 25 ms, 50 ms, 100 ms... (at most 400 ms apart) until the record is there or the request's wait is over. The
 * reads run on {@code blocking}, the waits on the endpoint's scheduler; a stopped endpoint ends the wait at once.
 */
final class RecordWait {

    private final NotificationCorrelation correlation;
    private final Executor blocking;
    private final Supplier<ScheduledExecutorService> delays;

    RecordWait(NotificationCorrelation correlation, Executor blocking, Supplier<ScheduledExecutorService> delays) {
        this.correlation = correlation;
        this.blocking = blocking;
        this.delays = delays;
    }

    /**
     * The lookup once the record came (no longer {@linkplain Lookup#awaitsRecord awaiting}, its headers added), or as
     * it was when {@code waitUntil} ({@link System#nanoTime()}) passed; fails when the store does, after
     * {@code onFailure} ran on {@code blocking}.
     */
    CompletableFuture<Lookup> await(Lookup lookup, long waitUntil, Runnable onFailure) {
        return attempt(lookup, waitUntil, 1, onFailure);
    }

    private CompletableFuture<Lookup> attempt(Lookup lookup, long waitUntil, int attempt, Runnable onFailure) {
        long left = waitUntil - System.nanoTime();
        ScheduledExecutorService scheduler = delays.get();
        if (left <= 0 || scheduler == null) {
            return CompletableFuture.completedFuture(lookup);
        }
        long delay = Math.min(left, TimeUnit.MILLISECONDS.toNanos(25L << Math.min(attempt - 1, 4)));
        CompletableFuture<Boolean> recorded = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> read(lookup, onFailure, recorded), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.completedFuture(lookup);
        }
        return recorded.thenCompose(found -> found
                ? CompletableFuture.completedFuture(new Lookup(lookup.headers(), false))
                : attempt(lookup, waitUntil, attempt + 1, onFailure));
    }

    private void read(Lookup lookup, Runnable onFailure, CompletableFuture<Boolean> recorded) {
        try {
            blocking.execute(() -> {
                try {
                    recorded.complete(correlation.recorded(lookup.headers()));
                } catch (RuntimeException e) {
                    onFailure.run();
                    recorded.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            recorded.complete(false); // the component stops: the change goes on as it is
        }
    }
}
