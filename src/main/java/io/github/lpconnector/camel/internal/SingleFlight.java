package io.github.lpconnector.camel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One value fetched once for every caller: callers arriving while the fetch is in flight share it, a value is kept
 * while it is usable, and a failed fetch is not kept, so the next caller fetches again.
 */
final class SingleFlight<T> {

    private final AtomicReference<CompletableFuture<T>> current = new AtomicReference<>();

    /** The kept value if {@code usable}, the fetch in flight, or a new fetch. */
    CompletableFuture<T> get(Predicate<T> usable, Supplier<CompletableFuture<T>> fetch) {
        while (true) {
            CompletableFuture<T> known = current.get();
            if (known != null && !known.isCompletedExceptionally() && (!known.isDone() || usable.test(known.join()))) {
                return known;
            }
            CompletableFuture<T> fresh = new CompletableFuture<>();
            if (current.compareAndSet(known, fresh)) {
                try {
                    Futures.relay(fetch.get(), fresh);
                } catch (RuntimeException e) {
                    fresh.completeExceptionally(e);
                }
                return fresh;
            }
        }
    }

    /**
     * Forgets the kept value when {@code stale} says it is the one LivePerson refused; a value already replaced is
     * left alone, so many callers refused with the same value cause one new fetch.
     */
    void forgetIf(Predicate<T> stale) {
        CompletableFuture<T> known = current.get();
        if (known != null && known.isDone() && !known.isCompletedExceptionally() && stale.test(known.join())) {
            current.compareAndSet(known, null);
        }
    }
}
