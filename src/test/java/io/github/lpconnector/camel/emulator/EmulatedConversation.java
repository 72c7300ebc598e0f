package io.github.lpconnector.camel.emulator;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Immutable snapshot of a conversation held by the emulator.
 *
 * @param state {@code "OPEN"} or {@code "CLOSE"}
 * @param request the {@code cm.ConsumerRequestConversation} body as received
 * @param userProfile the latest {@code userprofile.SetUserProfile} body of the consumer
 * @param messages the published events, in arrival order (content and accept-status events carry sequences 0, 1, ...)
 */
public record EmulatedConversation(String conversationId, String accountId, String brandId, String extConsumerId,
        String lpConsumerId, String state, JsonNode request, JsonNode userProfile, List<EmulatedMessage> messages,
        Instant createdAt) {

    public static final String OPEN = "OPEN";
    public static final String CLOSE = "CLOSE";

    public EmulatedConversation {
        messages = List.copyOf(messages);
    }

    public boolean isOpen() {
        return OPEN.equals(state);
    }

    /** The {@code message} texts of the text/plain ContentEvents, in order. */
    public List<String> texts() {
        return messages.stream()
                .filter(m -> "ContentEvent".equals(m.eventType())
                        && "text/plain".equals(m.event().path("contentType").asText()))
                .map(m -> m.event().path("message").asText())
                .toList();
    }
}
