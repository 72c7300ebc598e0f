package io.github.lpconnector.camel.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.ConversationStore.Conversation;
import io.github.lpconnector.camel.LivePersonConnectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the {@link ConversationStore} what {@code notifications} needs later: the conversation {@code create}
 * opened, with the caller's correlation id and consumer, and which LivePerson consumer ({@code lp_consumer_id}) the
 * ConsumerJWS stands for (its payload names both ids).
 */
final class ConversationRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationRecorder.class);

    /** The waits before the retries of a failed save: a database restarting or failing over comes back in seconds. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofMillis(3200));

    private final String accountId;
    private final ConversationStore store;
    private final Executor storing;
    private final Supplier<ScheduledExecutorService> delays;
    private final List<Duration> retryDelays;

    /**
     * @param storing runs the store's calls (they may block)
     * @param delays  the endpoint's Camel-managed scheduler, which waits out the delays between attempts
     */
    ConversationRecorder(String accountId, ConversationStore store, Executor storing,
                         Supplier<ScheduledExecutorService> delays) {
        this(accountId, store, storing, delays, RETRY_DELAYS);
    }

    ConversationRecorder(String accountId, ConversationStore store, Executor storing,
                         Supplier<ScheduledExecutorService> delays, List<Duration> retryDelays) {
        this.accountId = accountId;
        this.store = store;
        this.storing = storing;
        this.delays = delays;
        this.retryDelays = retryDelays;
    }

    /**
     * Who a create is for: LivePerson's {@code lp_consumer_id} and your consumer id, from the ConsumerJWS (its own
     * {@code ext_consumer_id} wins over the one the route named); read once per attempt, used before and after it.
     */
    record Consumer(String lpConsumerId, String extConsumerId) {

        static Consumer of(String extConsumerId, String consumerJws) {
            JwtClaims claims = JwtClaims.of(consumerJws);
            String own = claims.text("ext_consumer_id");
            return new Consumer(claims.text("lp_consumer_id"), own != null ? own : extConsumerId);
        }
    }

    /**
     * Saves, before the create is sent, which correlation id the consumer is getting a conversation for
     * ({@link ConversationStore#saveConsumer(String, String, String, String)}), so that the new conversation's
     * notifications find it even before {@link #opened} recorded the conversation, or when it never could. Done
     * at once when there is nothing to save (no correlation id, or a ConsumerJWS that names no consumer).
     */
    CompletableFuture<Void> opening(String correlationId, Consumer consumer) {
        if (correlationId == null || consumer.lpConsumerId() == null || consumer.extConsumerId() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> store.saveConsumer(accountId, consumer.lpConsumerId(),
                consumer.extConsumerId(), correlationId), storing);
    }

    /**
     * Saves the opened conversation, retried after {@link #RETRY_DELAYS} when the store fails (the conversation is
     * open at LivePerson: a create sent again would be refused as already open, and its notifications would find no
     * record); the future fails, naming the conversation, when the last attempt does. No thread waits between
     * attempts.
     */
    CompletableFuture<Void> opened(String conversationId, String correlationId, Consumer consumer) {
        String lpConsumerId = consumer.lpConsumerId();
        String ext = consumer.extConsumerId();
        CompletableFuture<Void> saved = new CompletableFuture<>();
        Runnable save = () -> {
            store.save(new Conversation(conversationId, accountId, correlationId, ext));
            if (lpConsumerId != null && ext != null) {
                store.saveConsumer(accountId, lpConsumerId, ext, correlationId);
            }
        };
        attempt(save, 0, conversationId, saved);
        return saved;
    }

    private void attempt(Runnable save, int retry, String conversationId, CompletableFuture<Void> saved) {
        try {
            storing.execute(() -> {
                try {
                    save.run();
                    saved.complete(null);
                } catch (RuntimeException e) {
                    if (retry == retryDelays.size()) {
                        saved.completeExceptionally(failure(conversationId, e));
                        return;
                    }
                    LOG.debug("Saving conversation {} failed, retrying in {}: {}", conversationId,
                            retryDelays.get(retry), e.getMessage());
                    later(() -> attempt(save, retry + 1, conversationId, saved), retryDelays.get(retry),
                            conversationId, saved);
                }
            });
        } catch (RuntimeException e) { // the executor refused: the component is stopping
            saved.completeExceptionally(failure(conversationId, e));
        }
    }

    /** Runs {@code next} on the store's executor after {@code delay}; fails {@code saved} when the endpoint stopped. */
    private void later(Runnable next, Duration delay, String conversationId, CompletableFuture<Void> saved) {
        ScheduledExecutorService scheduler = delays.get();
        try {
            if (scheduler == null) {
                throw new RejectedExecutionException("the endpoint stopped");
            }
            scheduler.schedule(next, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            saved.completeExceptionally(failure(conversationId, e));
        }
    }

    private static LivePersonConnectorException failure(String conversationId, RuntimeException e) {
        return new LivePersonConnectorException("the conversation " + conversationId + " was opened, but the"
                                                + " conversation store could not record it: " + e.getMessage(), e);
    }
}
