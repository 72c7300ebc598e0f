package io.github.lpconnector.camel.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.batch.Events;

/**
 * A text message: {@code {"type":"ContentEvent","contentType":"text/plain","message":...}}. A plain String body
 * does the same.
 */
public record TextEvent(String message) implements LivePersonEvent {

    @Override
    public ObjectNode toJson() {
        return Events.text(message);
    }
}
