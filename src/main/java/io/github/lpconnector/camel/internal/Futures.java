package io.github.lpconnector.camel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place where the wrappers of {@link CompletableFuture} failures are taken off. */
final class Futures {

    private Futures() {
    }

    /** The failure a {@link CompletionException} (or {@link ExecutionException}) stands for. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Completes {@code target} as {@code source} completes, with its failure unwrapped. */
    static <T> CompletableFuture<T> relay(CompletableFuture<T> source, CompletableFuture<T> target) {
        source.whenComplete((value, failure) -> {
            if (failure != null) {
                target.completeExceptionally(unwrap(failure));
            } else {
                target.complete(value);
            }
        });
        return target;
    }
}
