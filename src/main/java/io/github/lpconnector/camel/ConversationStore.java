package io.github.lpconnector.camel;

import java.util.Optional;

import javax.sql.DataSource;

/**
 * Where the component keeps what ties a conversation back to the caller's record: {@code create} saves a
 * {@link Conversation} when it opens one, and {@code notifications} looks it up for every change, to set the
 * {@code LivePersonCorrelationId} and {@code LivePersonExtConsumerId} headers. It also keeps which LivePerson consumer
 * ({@code lp_consumer_id}, the id notifications name) is which of your consumers ({@code ext_consumer_id}).
 * <p>
 * Several instances of a connector behind one webhook URL must share one store: use {@link #jdbc(DataSource)} on a
 * database they all reach. Implementations must be thread-safe; their methods may block (the component calls them
 * off its I/O threads) and should be idempotent (a save of the same conversation again replaces it).
 */
public interface ConversationStore {

    /**
     * What the component knows of an open conversation.
     *
     * @param conversationId the conversation
     * @param accountId      its account
     * @param correlationId  the caller's record (header {@code LivePersonCorrelationId} on {@code create}), or null
     * @param extConsumerId  the consumer it was opened for, or null when the route gave a ConsumerJWS only
     */
    record Conversation(String conversationId, String accountId, String correlationId, String extConsumerId) {
    }

    void save(Conversation conversation);

    Optional<Conversation> find(String conversationId);

    /** Records that LivePerson's {@code lpConsumerId} is {@code extConsumerId} of the account. */
    void saveConsumer(String accountId, String lpConsumerId, String extConsumerId);

    Optional<String> findExtConsumerId(String accountId, String lpConsumerId);

    /**
     * Records, before {@code create} is sent, that the account's LivePerson consumer {@code lpConsumerId} (your
     * {@code extConsumerId}) is getting a conversation for {@code correlationId}. A notification of a conversation
     * the store does not know (yet: LiveEngage may notify the new conversation before its create's answer is back;
     * or no longer: the instance that opened it was killed before it could record it) takes the correlation id of
     * its consumer's latest create, as LiveEngage gives a consumer one open conversation at a time. The default
     * records the consumer only, without that fallback.
     */
    default void saveConsumer(String accountId, String lpConsumerId, String extConsumerId, String correlationId) {
        saveConsumer(accountId, lpConsumerId, extConsumerId);
    }

    /** The correlation id of the consumer's latest create ({@link #saveConsumer(String, String, String, String)}). */
    default Optional<String> findConsumerCorrelationId(String accountId, String lpConsumerId) {
        return Optional.empty();
    }

    /** A store in this JVM's memory, keeping the {@code maxEntries} most recently used conversations and consumers. */
    static ConversationStore inMemory(int maxEntries) {
        return new InMemoryConversationStore(maxEntries);
    }

    /**
     * A store in two tables of a database, {@code LP_CONVERSATION} and {@code LP_CONSUMER}, created when missing: on
     * an embedded H2 file database it survives a restart, on a shared server (PostgreSQL, ...) several instances share
     * it. Every call takes a connection from {@code dataSource} and gives it back, so a pool's validation (or a
     * DataSource without a pool) serves the calls after a database restart; a call during the outage fails, and
     * {@code create} tries its record again for about 6 s.
     */
    static ConversationStore jdbc(DataSource dataSource) {
        return new JdbcConversationStore(dataSource);
    }
}
