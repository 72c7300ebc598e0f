package io.github.lpconnector.camel.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonValidationException;

/** Builds and checks the {@code event} of an {@code ms.PublishEvent}, whoever wrote it. */
final class EventRules {

    static final Set<String> TYPES = Set.of("ContentEvent", "RichContentEvent", "ChatStateEvent", "AcceptStatusEvent");
    static final Set<String> CHAT_STATES = Set.of("ACTIVE", "INACTIVE", "GONE", "COMPOSING", "PAUSE");
    static final Set<String> ACCEPT_STATUSES = Set.of("ACCEPT", "READ", "ACCESS", "NACK", "ACTION");
    /** LivePerson's HostedFile schema, plus JPEG which its documented example sends. */
    static final Set<String> FILE_TYPES = Set.of("IMG", "JPG", "JPEG", "PNG", "GIF", "TXT", "PDF");
    private static final String HOSTED_FILE = "hosted/file";
    private static final String TYPE = "type";
    private static final String CONTENT_EVENT = "ContentEvent";
    private static final String CONTENT_TYPE = "contentType";
    private static final String TEXT_PLAIN = "text/plain";
    private static final String MESSAGE = "message";

    private EventRules() {
    }

    /** A ContentEvent with {@code text/plain} content. */
    static ObjectNode text(String text) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put(TYPE, CONTENT_EVENT);
        event.put(CONTENT_TYPE, TEXT_PLAIN);
        event.put(MESSAGE, text);
        return event;
    }

    /**
     * Checks that {@code event}, found at {@code field}, is an object of a known event type with what LivePerson
     * requires of that type: a chat state and accept status from their lists, a non-empty sequence list, a structured
     * content object, a hosted file's relative path and file type.
     */
    static ObjectNode check(JsonNode event, String field) {
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
        switch (type.asText()) {
            case "ContentEvent" -> checkContent(object, field);
            case "ChatStateEvent" -> oneOf(object, "chatState", CHAT_STATES, field);
            case "AcceptStatusEvent" -> checkAcceptStatus(object, field);
            case "RichContentEvent" -> checkRichContent(object, field);
            default -> throw new IllegalStateException(type.asText());
        }
        return object;
    }

    private static void checkContent(ObjectNode event, String field) {
        JsonNode message = event.get("message");
        if (message == null || message.isNull() || (message.isTextual() && message.asText().isBlank())) {
            throw new LivePersonValidationException(field + ".message", "missing or empty");
        }
        if (!message.isTextual() && !message.isObject()) {
            throw new LivePersonValidationException(field + ".message", "expected text or a hosted file object");
        }
        JsonNode contentType = event.get("contentType");
        String kind = contentType != null && contentType.isTextual() ? contentType.asText() : null;
        if ("text/plain".equals(kind) && !message.isTextual()) {
            throw new LivePersonValidationException(field + ".message", "expected text for contentType text/plain");
        }
        if (HOSTED_FILE.equals(kind)) {
            if (!message.isObject()) {
                throw new LivePersonValidationException(field + ".message",
                        "expected an object {caption, relativePath, fileType, preview} for contentType hosted/file");
            }
            String at = field + ".message";
            JsonNode path = message.get("relativePath");
            if (path == null || !path.isTextual() || path.asText().isBlank()) {
                throw new LivePersonValidationException(at + ".relativePath", "missing or empty");
            }
            oneOf((ObjectNode) message, "fileType", FILE_TYPES, at);
            for (String text : List.of("caption", "preview")) {
                JsonNode value = message.get(text);
                if (value != null && !value.isNull() && !value.isTextual()) {
                    throw new LivePersonValidationException(at + "." + text, "expected a string");
                }
            }
        } else if (message.isObject()) {
            throw new LivePersonValidationException(field + ".contentType",
                    "expected hosted/file for a message object");
        }
    }

    private static void checkAcceptStatus(ObjectNode event, String field) {
        oneOf(event, "status", ACCEPT_STATUSES, field);
        JsonNode list = event.get("sequenceList");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new LivePersonValidationException(field + ".sequenceList",
                    "expected a non-empty array of message sequence numbers");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode sequence = list.get(i);
            if (!sequence.canConvertToLong() || !sequence.isIntegralNumber() || sequence.asLong() < 0) {
                throw new LivePersonValidationException(field + ".sequenceList[" + i + "]",
                        "expected a sequence number (an integer >= 0)");
            }
        }
    }

    private static void checkRichContent(ObjectNode event, String field) {
        JsonNode content = event.has("content") ? event.get("content") : event.get("message");
        String name = event.has("content") || !event.has("message") ? "content" : "message";
        if (content == null || !content.isObject()) {
            throw new LivePersonValidationException(field + "." + name, "expected a structured content object");
        }
        JsonNode type = content.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new LivePersonValidationException(field + "." + name + ".type",
                    "missing; expected the element type, e.g. vertical");
        }
    }

    private static void oneOf(ObjectNode node, String name, Set<String> allowed, String field) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
            throw new LivePersonValidationException(field + "." + name,
                    (value == null || value.isNull() ? "missing" : "unknown value " + value)
                                                                        + "; expected one of " + new TreeSet<>(allowed));
        }
    }
}
