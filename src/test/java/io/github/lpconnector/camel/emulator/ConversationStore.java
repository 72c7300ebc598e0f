package io.github.lpconnector.camel.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.lpconnector.camel.emulator.Tokens.ConsumerIdentity;

/**
 * The conversations CREATE opened and SEND changes, and which one is each consumer's OPEN conversation. Thread-safe.
 * <p>
 * Like LivePerson, a consumer (of an account) has at most one OPEN conversation; with {@code oneOpenPerConsumer}
 * false, CREATE opens one more anyway and the newest is the consumer's "open" one (load tests that open many
 * conversations with one ConsumerJWS).
 * <p>
 * Every change of a conversation (opened, published, agent assigned, transferred, closed) is told to the
 * {@link ConversationListener} given to {@link #listener}: that is how webhook notifications and the auto-agent hook
 * into the Send API.
 */
final class ConversationStore {

    private final Map<String, StoredConversation> byId = new ConcurrentHashMap<>();
    /** account + '\0' + lpConsumerId -> id of the consumer's OPEN conversation. */
    private final Map<String, String> openByConsumer = new ConcurrentHashMap<>();
    private final boolean oneOpenPerConsumer;
    private final Clock clock;
    private volatile ConversationListener listener = ConversationListener.NONE;

    ConversationStore(boolean oneOpenPerConsumer) {
        this(oneOpenPerConsumer, Clock.systemUTC());
    }

    /** @param clock the time of a close by the consumer */
    ConversationStore(boolean oneOpenPerConsumer, Clock clock) {
        this.oneOpenPerConsumer = oneOpenPerConsumer;
        this.clock = clock;
    }

    /** Who is told of the changes of the conversations opened from now on. */
    void listener(ConversationListener listener) {
        this.listener = listener;
    }

    /**
     * Opens a conversation for {@code consumer}, atomically for the consumer.
     *
     * @return the new conversation, or null if the consumer has an OPEN one (and only one is allowed)
     */
    StoredConversation open(String accountId, ConsumerIdentity consumer, String brandId, JsonNode request,
            JsonNode userProfile, Instant now) {
        StoredConversation[] created = new StoredConversation[1];
        openByConsumer.compute(key(accountId, consumer.lpConsumerId()), (key, openId) -> {
            if (openId != null && oneOpenPerConsumer) {
                StoredConversation open = byId.get(openId);
                if (open != null && open.isOpen()) {
                    return openId;
                }
            }
            StoredConversation conversation = new StoredConversation(UUID.randomUUID().toString(), accountId,
                    brandId, consumer.extConsumerId(), consumer.lpConsumerId(), request, userProfile, now, listener);
            conversation.announceOpened(); // before anyone can see it, so before any of its events
            byId.put(conversation.id, conversation);
            created[0] = conversation;
            return conversation.id;
        });
        return created[0];
    }

    StoredConversation get(String conversationId) {
        return byId.get(conversationId);
    }

    /** The consumer's OPEN conversation (the newest, if several are allowed), or null. */
    StoredConversation openOf(String accountId, String lpConsumerId) {
        String id = openByConsumer.get(key(accountId, lpConsumerId));
        return id == null ? null : byId.get(id);
    }

    /** The consumer closes {@code conversation}; false if it was closed already. */
    boolean close(StoredConversation conversation) {
        if (!conversation.closeByConsumer(clock.instant())) {
            return false;
        }
        closed(conversation);
        return true;
    }

    /** The assigned agent closes {@code conversation}. @return null if this call closed it, else why not */
    String closeByAgent(StoredConversation conversation, String agentId) {
        String refusal = conversation.closeByAgent(agentId, clock.instant());
        if (refusal == null) {
            closed(conversation);
        }
        return refusal;
    }

    private void closed(StoredConversation conversation) {
        openByConsumer.remove(key(conversation.accountId, conversation.lpConsumerId), conversation.id);
    }

    /** Snapshots of all conversations, oldest first. */
    List<EmulatedConversation> snapshots() {
        return byId.values().stream().map(StoredConversation::snapshot)
                .sorted(Comparator.comparing(EmulatedConversation::createdAt)).toList();
    }

    Optional<EmulatedConversation> snapshot(String conversationId) {
        return Optional.ofNullable(byId.get(conversationId)).map(StoredConversation::snapshot);
    }

    void clear() {
        byId.clear();
        openByConsumer.clear();
    }

    private static String key(String accountId, String lpConsumerId) {
        return accountId + '\u0000' + lpConsumerId;
    }
}
