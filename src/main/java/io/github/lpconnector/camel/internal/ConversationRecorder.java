package io.github.lpconnector.camel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.ConversationStore.Conversation;
import io.github.lpconnector.camel.LivePersonConnectorException;

/**
 * Records in the {@link ConversationStore} what {@code notifications} needs later: the conversation {@code create}
 * opened, with the caller's correlation id and consumer, and which LivePerson consumer ({@code lp_consumer_id}) the
 * ConsumerJWS stands for (its payload names both ids).
 */
final class ConversationRecorder {

    private final String accountId;
    private final ConversationStore store;
    private final Executor storing;

    ConversationRecorder(String accountId, ConversationStore store, Executor storing) {
        this.accountId = accountId;
        this.store = store;
        this.storing = storing;
    }

    /**
     * Saves the opened conversation; the future fails, naming the conversation, when the store does.
     *
     * @param extConsumerId the consumer the route named, or null; the ConsumerJWS's own {@code ext_consumer_id} wins
     */
    CompletableFuture<Void> opened(String conversationId, String correlationId, String extConsumerId,
                                   String consumerJws) {
        JwtClaims claims = JwtClaims.of(consumerJws);
        String consumer = claims.text("ext_consumer_id") != null ? claims.text("ext_consumer_id") : extConsumerId;
        String lpConsumerId = claims.text("lp_consumer_id");
        CompletableFuture<Void> saved = new CompletableFuture<>();
        try {
            storing.execute(() -> {
                try {
                    store.save(new Conversation(conversationId, accountId, correlationId, consumer));
                    if (lpConsumerId != null && consumer != null) {
                        store.saveConsumer(accountId, lpConsumerId, consumer);
                    }
                    saved.complete(null);
                } catch (RuntimeException e) {
                    saved.completeExceptionally(failure(conversationId, e));
                }
            });
        } catch (RuntimeException e) { // the executor refused: the component is stopping
            saved.completeExceptionally(failure(conversationId, e));
        }
        return saved;
    }

    private static LivePersonConnectorException failure(String conversationId, RuntimeException e) {
        return new LivePersonConnectorException("the conversation " + conversationId + " was opened, but the"
                                                + " conversation store could not record it: " + e.getMessage(), e);
    }
}
