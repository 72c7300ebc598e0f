package io.github.lpconnector.camel.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One conversation as the emulator stores it, changed by CREATE and SEND: its state, the consumer's latest profile and
 * the published events with their sequences. Thread-safe. Tests read it through {@link #snapshot()}, an immutable
 * {@link EmulatedConversation}.
 */
final class StoredConversation {

    /** Returned by {@link #publish} when the conversation is closed. */
    static final long CLOSED = Long.MIN_VALUE;

    final String id;
    final String accountId;
    final String brandId;
    final String extConsumerId;
    final String lpConsumerId;
    /** The {@code cm.ConsumerRequestConversation} body as received. */
    final JsonNode request;
    final Instant createdAt;
    private JsonNode userProfile;
    private String state = EmulatedConversation.OPEN;
    private final List<EmulatedMessage> messages = new ArrayList<>();
    private long nextSequence;
    private JsonNode csat;

    StoredConversation(String id, String accountId, String brandId, String extConsumerId, String lpConsumerId,
            JsonNode request, JsonNode userProfile, Instant createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.brandId = brandId;
        this.extConsumerId = extConsumerId;
        this.lpConsumerId = lpConsumerId;
        this.request = request;
        this.userProfile = userProfile;
        this.createdAt = createdAt;
    }

    /** @return the assigned sequence, -1 for unsequenced events, {@link #CLOSED} if closed (nothing stored) */
    synchronized long publish(JsonNode event, boolean sequenced, Instant at) {
        if (!isOpen()) {
            return CLOSED;
        }
        long seq = sequenced ? nextSequence++ : -1;
        messages.add(new EmulatedMessage(seq, event, at));
        return seq;
    }

    /** @return true if this call closed it */
    synchronized boolean close() {
        if (!isOpen()) {
            return false;
        }
        state = EmulatedConversation.CLOSE;
        return true;
    }

    synchronized boolean isOpen() {
        return EmulatedConversation.OPEN.equals(state);
    }

    synchronized void userProfile(JsonNode profile) {
        this.userProfile = profile;
    }

    /** The last CSAT the consumer gave ({@code cm.UpdateConversationField} with {@code CSATRate}), or null. */
    synchronized JsonNode csat() {
        return csat;
    }

    synchronized void csat(JsonNode field) {
        this.csat = field;
    }

    synchronized EmulatedConversation snapshot() {
        return new EmulatedConversation(id, accountId, brandId, extConsumerId, lpConsumerId, state, request,
                userProfile, messages, createdAt);
    }
}
