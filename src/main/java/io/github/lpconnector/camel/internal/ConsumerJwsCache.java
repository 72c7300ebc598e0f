package io.github.lpconnector.camel.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The ConsumerJWSs of many consumers, one per {@code ext_consumer_id}, in a bounded cache whose least recently used
 * entry goes first. A ConsumerJWS does not expire; it is dropped when LivePerson refuses it. Concurrent exchanges of
 * one consumer share the IDP call in flight; a failed call is not kept.
 */
final class ConsumerJwsCache {

    private final Map<String, CompletableFuture<String>> cache;

    ConsumerJwsCache(int maxSize) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<String>> eldest) {
                return size() > maxSize;
            }
        };
    }

    CompletableFuture<String> get(String extConsumerId, Supplier<CompletableFuture<String>> fetch) {
        CompletableFuture<String> fresh;
        synchronized (cache) {
            CompletableFuture<String> known = cache.get(extConsumerId);
            if (known != null && !known.isCompletedExceptionally()) {
                return known;
            }
            fresh = new CompletableFuture<>();
            cache.put(extConsumerId, fresh);
        }
        CompletableFuture<String> fetched;
        try {
            fetched = fetch.get();
        } catch (RuntimeException e) {
            fetched = CompletableFuture.failedFuture(e);
        }
        fetched.whenComplete((token, failure) -> {
            if (failure != null) {
                synchronized (cache) {
                    cache.remove(extConsumerId, fresh);
                }
                fresh.completeExceptionally(Futures.unwrap(failure));
            } else {
                fresh.complete(token);
            }
        });
        return fresh;
    }

    /** Drops the consumer's ConsumerJWS if it is still {@code stale}. */
    void forget(String extConsumerId, String stale) {
        synchronized (cache) {
            CompletableFuture<String> known = cache.get(extConsumerId);
            if (known != null && known.isDone() && !known.isCompletedExceptionally() && stale.equals(known.join())) {
                cache.remove(extConsumerId);
            }
        }
    }
}
