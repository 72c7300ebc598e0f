package io.github.lpconnector.camel.batch;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonValidationException;

/** Builds and checks the {@code event} of an {@code ms.PublishEvent}. */
public final class Events {

    public static final Set<String> TYPES = Set.of("ContentEvent", "RichContentEvent", "ChatStateEvent", "AcceptStatusEvent");

    private Events() {
    }

    /** A ContentEvent with {@code text/plain} content. */
    public static ObjectNode text(String text) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", "ContentEvent");
        event.put("contentType", "text/plain");
        event.put("message", text);
        return event;
    }

    /** Checks that {@code event}, found at {@code field}, is an object of a known event type with its content. */
    public static ObjectNode check(JsonNode event, String field) {
        if (!(event instanceof ObjectNode object)) {
            throw new LivePersonValidationException(field, "expected an event object");
        }
        JsonNode type = object.get("type");
        if (type == null || !type.isTextual()) {
            throw new LivePersonValidationException(field + ".type", "missing; expected one of " + TYPES);
        }
        if (!TYPES.contains(type.asText())) {
            throw new LivePersonValidationException(field + ".type", "unknown event type '" + type.asText()
                                                                     + "'; expected one of " + TYPES);
        }
        if ("ContentEvent".equals(type.asText())) {
            JsonNode message = object.get("message");
            if (message == null || message.isNull() || (message.isTextual() && message.asText().isBlank())) {
                throw new LivePersonValidationException(field + ".message", "missing or empty");
            }
            if (!message.isTextual() && !message.isObject()) {
                throw new LivePersonValidationException(field + ".message", "expected text or a hosted file object");
            }
        }
        return object;
    }
}
