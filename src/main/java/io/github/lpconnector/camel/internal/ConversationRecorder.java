package io.github.lpconnector.camel.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

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
    private final List<Duration> retryDelays;

    ConversationRecorder(String accountId, ConversationStore store, Executor storing) {
        this(accountId, store, storing, RETRY_DELAYS);
    }

    ConversationRecorder(String accountId, ConversationStore store, Executor storing, List<Duration> retryDelays) {
        this.accountId = accountId;
        this.store = store;
        this.storing = storing;
        this.retryDelays = retryDelays;
    }

    /**
     * Saves, before the create is sent, which correlation id the ConsumerJWS's consumer is getting a conversation for
     * ({@link ConversationStore#saveConsumer(String, String, String, String)}), so that the new conversation's
     * notifications find it even before {@link #opened} recorded the conversation, or when it never could. Done
     * at once when there is nothing to save (no correlation id, or a ConsumerJWS that names no consumer).
     *
     * @param extConsumerId the consumer the route named, or null; the ConsumerJWS's own {@code ext_consumer_id} wins
     */
    CompletableFuture<Void> opening(String correlationId, String extConsumerId, String consumerJws) {
        JwtClaims claims = JwtClaims.of(consumerJws);
        String consumer = claims.text("ext_consumer_id") != null ? claims.text("ext_consumer_id") : extConsumerId;
        String lpConsumerId = claims.text("lp_consumer_id");
        if (correlationId == null || lpConsumerId == null || consumer == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> store.saveConsumer(accountId, lpConsumerId, consumer, correlationId),
                storing);
    }

    /**
     * Saves the opened conversation, retried after {@link #RETRY_DELAYS} when the store fails (the conversation is
     * open at LivePerson: a create sent again would be refused as already open, and its notifications would find no
     * record); the future fails, naming the conversation, when the last attempt does. No thread waits between
     * attempts.
     *
     * @param extConsumerId the consumer the route named, or null; the ConsumerJWS's own {@code ext_consumer_id} wins
     */
    CompletableFuture<Void> opened(String conversationId, String correlationId, String extConsumerId,
                                   String consumerJws) {
        JwtClaims claims = JwtClaims.of(consumerJws);
        String consumer = claims.text("ext_consumer_id") != null ? claims.text("ext_consumer_id") : extConsumerId;
        String lpConsumerId = claims.text("lp_consumer_id");
        CompletableFuture<Void> saved = new CompletableFuture<>();
        Runnable save = () -> {
            store.save(new Conversation(conversationId, accountId, correlationId, consumer));
            if (lpConsumerId != null && consumer != null) {
                store.saveConsumer(accountId, lpConsumerId, consumer, correlationId);
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
                    // the JDK's one delay thread hands the next attempt to the store's executor
                    CompletableFuture.delayedExecutor(retryDelays.get(retry).toMillis(), TimeUnit.MILLISECONDS)
                            .execute(() -> attempt(save, retry + 1, conversationId, saved));
                }
            });
        } catch (RuntimeException e) { // the executor refused: the component is stopping
            saved.completeExceptionally(failure(conversationId, e));
        }
    }

    private static LivePersonConnectorException failure(String conversationId, RuntimeException e) {
        return new LivePersonConnectorException("the conversation " + conversationId + " was opened, but the"
                                                + " conversation store could not record it: " + e.getMessage(), e);
    }
}
