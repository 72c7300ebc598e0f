package io.github.lpconnector.camel.emulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event a consumer published into an emulated conversation.
 *
 * @param sequence the sequence the emulator assigned ({@code -1} for events that get none, e.g. ChatStateEvent)
 * @param event    the {@code body.event} object of the {@code ms.PublishEvent} request, as received
 * @param at       when the emulator accepted it (emulator clock)
 */
public record EmulatedMessage(long sequence, JsonNode event, Instant at) {

    /** The event {@code type} ("ContentEvent", "ChatStateEvent", ...). */
    public String eventType() {
        return event.path("type").asText(null);
    }
}
