package io.github.lpconnector.camel.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Immutable snapshot of a conversation held by the emulator.
 *
 * @param state           {@code "OPEN"} or {@code "CLOSE"}
 * @param request         the {@code cm.ConsumerRequestConversation} body as received
 * @param userProfile     the latest {@code userprofile.SetUserProfile} body of the consumer
 * @param messages        the published events of consumer and agents, in the order published (content and accept-status
 *                        events carry sequences 0, 1, ...)
 * @param skillId         the skill the conversation is routed to ({@code "-1"} when the request named none)
 * @param assignedAgentId the participant id of the assigned agent, or null
 * @param closedBy        who closed it, {@code "CONSUMER"} or {@code "AGENT"}; null while open
 */
public record EmulatedConversation(String conversationId, String accountId, String brandId, String extConsumerId,
        String lpConsumerId, String state, JsonNode request, JsonNode userProfile, List<EmulatedMessage> messages,
        Instant createdAt, String skillId, String assignedAgentId, String closedBy) {

    public static final String OPEN = "OPEN";
    public static final String CLOSE = "CLOSE";

    public EmulatedConversation {
        messages = List.copyOf(messages);
    }

    /** A snapshot without routing details (no agent, skill "-1"). */
    public EmulatedConversation(String conversationId, String accountId, String brandId, String extConsumerId,
            String lpConsumerId, String state, JsonNode request, JsonNode userProfile, List<EmulatedMessage> messages,
            Instant createdAt) {
        this(conversationId, accountId, brandId, extConsumerId, lpConsumerId, state, request, userProfile, messages,
                createdAt, "-1", null, null);
    }

    public boolean isOpen() {
        return OPEN.equals(state);
    }

    /** The {@code message} texts of the consumer's text/plain ContentEvents, in order. */
    public List<String> texts() {
        return messages.stream().filter(EmulatedMessage::fromConsumer).map(EmulatedMessage::text)
                .filter(Objects::nonNull).toList();
    }

    /** The {@code message} texts of the agents' text/plain ContentEvents, in order. */
    public List<String> agentTexts() {
        return messages.stream().filter(m -> !m.fromConsumer()).map(EmulatedMessage::text)
                .filter(Objects::nonNull).toList();
    }
}
