package io.github.lpconnector.camel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The default {@link ConversationStore}: two bounded maps in this JVM, least recently used entries first out. */
final class InMemoryConversationStore implements ConversationStore {

    private final Map<String, Conversation> conversations;
    private final Map<String, String> consumers;
    private final Map<String, String> consumerCorrelations;

    InMemoryConversationStore(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.conversations = Collections.synchronizedMap(lru(maxEntries));
        this.consumers = Collections.synchronizedMap(lru(maxEntries));
        this.consumerCorrelations = Collections.synchronizedMap(lru(maxEntries));
    }

    private static <V> Map<String, V> lru(int maxEntries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public void save(Conversation conversation) {
        conversations.put(conversation.conversationId(), conversation);
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public void saveConsumer(String accountId, String lpConsumerId, String extConsumerId) {
        consumers.put(accountId + '\n' + lpConsumerId, extConsumerId);
    }

    @Override
    public Optional<String> findExtConsumerId(String accountId, String lpConsumerId) {
        return Optional.ofNullable(consumers.get(accountId + '\n' + lpConsumerId));
    }

    @Override
    public void saveConsumer(String accountId, String lpConsumerId, String extConsumerId, String correlationId) {
        saveConsumer(accountId, lpConsumerId, extConsumerId);
        if (correlationId != null) {
            consumerCorrelations.put(accountId + '\n' + lpConsumerId, correlationId);
        }
    }

    @Override
    public Optional<String> findConsumerCorrelationId(String accountId, String lpConsumerId) {
        return Optional.ofNullable(consumerCorrelations.get(accountId + '\n' + lpConsumerId));
    }

    @Override
    public String toString() {
        return "ConversationStore[in memory, " + conversations.size() + " conversations]";
    }
}
