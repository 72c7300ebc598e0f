package io.github.lpconnector.camel.emulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event published into an emulated conversation: by the consumer (through the Send API) or by an agent (through
 * {@link EmulatedAgent}). Consumer and agent events share the conversation's sequence numbers, as in LiveEngage.
 *
 * @param sequence     the sequence the emulator assigned ({@code -1} for events that get none, e.g. ChatStateEvent)
 * @param event        the {@code event} object: for the consumer the {@code body.event} of the
 *                     {@code ms.PublishEvent} request as received
 * @param at           when the emulator accepted it (emulator clock)
 * @param originatorId the participant id of the sender: the consumer's {@code lp_consumer_id}, or the agent's id
 * @param role         {@link #CONSUMER} or {@link #ASSIGNED_AGENT}
 */
public record EmulatedMessage(long sequence, JsonNode event, Instant at, String originatorId, String role) {

    public static final String CONSUMER = "CONSUMER";
    public static final String ASSIGNED_AGENT = "ASSIGNED_AGENT";

    /** A consumer's event whose originator is not recorded. */
    public EmulatedMessage(long sequence, JsonNode event, Instant at) {
        this(sequence, event, at, null, CONSUMER);
    }

    /** The event {@code type} ("ContentEvent", "ChatStateEvent", ...). */
    public String eventType() {
        return event.path("type").asText(null);
    }

    public boolean fromConsumer() {
        return CONSUMER.equals(role);
    }

    /** The text of a text/plain ContentEvent, else null. */
    public String text() {
        return "ContentEvent".equals(eventType()) && "text/plain".equals(event.path("contentType").asText())
                ? event.path("message").asText() : null;
    }
}
