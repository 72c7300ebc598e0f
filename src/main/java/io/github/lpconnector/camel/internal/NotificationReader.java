package io.github.lpconnector.camel.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.model.LivePersonNotification;
import io.github.lpconnector.camel.model.LivePersonNotification.AcceptStatus;
import io.github.lpconnector.camel.model.LivePersonNotification.ChatState;
import io.github.lpconnector.camel.model.LivePersonNotification.ConversationChange;
import io.github.lpconnector.camel.model.LivePersonNotification.HostedFile;
import io.github.lpconnector.camel.model.LivePersonNotification.Origin;
import io.github.lpconnector.camel.model.LivePersonNotification.Participant;
import io.github.lpconnector.camel.model.LivePersonNotification.RichContent;
import io.github.lpconnector.camel.model.LivePersonNotification.Text;

/**
 * Reads a webhook body into its changes, or refuses it whole: {@code {"kind":"notification","type":...,
 * "body":{"changes":[...]}}} with {@code type} {@code ms.MessagingEventNotification} (each change a messaging event)
 * or {@code cqm.ExConversationChangeNotification} (each change a conversation's new state). Every change is read
 * before any is handed on, so a body that is not a LivePerson notification produces no exchange at all.
 */
final class NotificationReader {

    static final String MESSAGING = "ms.MessagingEventNotification";
    static final String CONVERSATIONS = "cqm.ExConversationChangeNotification";
    static final String CONVERSATION_CHANGE = "ExConversationChangeNotification";
    static final Set<String> EVENT_TYPES = Set.of("ContentEvent", "RichContentEvent", "AcceptStatusEvent",
            "ChatStateEvent", CONVERSATION_CHANGE);
    /** Longest conversation id accepted (LivePerson's are 36-character UUIDs); keeps de-duplication keys short. */
    static final int MAX_CONVERSATION_ID_LENGTH = 64;

    /**
     * One change of a notification.
     *
     * @param notification      what the route gets
     * @param eventType         {@code ContentEvent}, ..., or {@code ExConversationChangeNotification}
     * @param deduplicationKey  what identifies this change when it is delivered again; null when LiveEngage gives it
     *                          no identity (typing states carry no sequence)
     * @param ownEvent          whether the connector's own consumer sent it (originator role {@code CONSUMER})
     */
    record Change(LivePersonNotification notification, String eventType, String deduplicationKey, boolean ownEvent) {
    }

    /** The body is not a LivePerson notification; the message says what is wrong without quoting the body. */
    static final class NotANotification extends Exception {
        NotANotification(String reason) {
            super(reason, null, false, false);
        }
    }

    private NotificationReader() {
    }

    static List<Change> read(byte[] body) throws NotANotification {
        JsonNode root;
        try {
            root = Json.ANSWERS.readTree(body);
        } catch (IOException e) {
            throw new NotANotification("the body is not JSON (or not UTF-8, or over the JSON limits)");
        }
        if (root == null || !root.isObject() || !"notification".equals(root.path("kind").asText())) {
            throw new NotANotification("expected an object with \"kind\":\"notification\"");
        }
        String type = root.path("type").asText();
        JsonNode changes = root.path("body").path("changes");
        if (!changes.isArray() || changes.isEmpty()) {
            throw new NotANotification("body.changes must be a non-empty array");
        }
        List<Change> read = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            JsonNode change = changes.get(i);
            String at = "body.changes[" + i + "]";
            if (!change.isObject()) {
                throw new NotANotification(at + " must be an object");
            }
            read.add(switch (type) {
                case MESSAGING -> messaging(change, at);
                case CONVERSATIONS -> conversation(change, at);
                default -> throw new NotANotification("type must be " + MESSAGING + " or " + CONVERSATIONS);
            });
        }
        return read;
    }

    private static Change messaging(JsonNode change, String at) throws NotANotification {
        JsonNode event = change.path("event");
        String eventType = event.path("type").asText();
        if (!event.isObject() || !EVENT_TYPES.contains(eventType) || CONVERSATION_CHANGE.equals(eventType)) {
            throw new NotANotification(at + ".event.type must be ContentEvent, RichContentEvent, AcceptStatusEvent"
                                       + " or ChatStateEvent");
        }
        String dialogId = text(change, "dialogId", at);
        String conversationId = text(change, "conversationId", at);
        String conversation = conversationId(conversationId != null ? conversationId : dialogId, at);
        Long sequence = number(change, "sequence", at);
        JsonNode originator = change.path("originatorMetadata");
        String role = originator.isObject() ? text(originator, "role", at + ".originatorMetadata") : null;
        Origin origin = new Origin(conversation, dialogId, sequence, text(change, "originatorId", at), role,
                number(change, "serverTimestamp", at));
        LivePersonNotification notification = switch (eventType) {
            case "ContentEvent" -> content(origin, event, at + ".event");
            case "RichContentEvent" -> new RichContent(origin, richContent(event, at + ".event"),
                    event.get("quickReplies"));
            case "AcceptStatusEvent" -> new AcceptStatus(origin, required(event, "status", at + ".event"),
                    sequenceList(event, at + ".event"));
            default -> new ChatState(origin, required(event, "chatState", at + ".event"));
        };
        String key = sequence != null ? "ms:" + conversation + ":" + sequence : null;
        return new Change(notification, eventType, key, "CONSUMER".equals(role));
    }

    private static LivePersonNotification content(Origin origin, JsonNode event, String at) throws NotANotification {
        String contentType = text(event, "contentType", at);
        JsonNode message = event.path("message");
        if ("hosted/file".equals(contentType)) {
            if (!message.isObject()) {
                throw new NotANotification(at + ".message must be an object for hosted/file");
            }
            return new HostedFile(origin, text(message, "caption", at + ".message"),
                    required(message, "relativePath", at + ".message"), text(message, "fileType", at + ".message"),
                    text(message, "preview", at + ".message"));
        }
        if (!message.isTextual()) {
            throw new NotANotification(at + ".message must be text");
        }
        return new Text(origin, message.asText(), contentType != null ? contentType : "text/plain");
    }

    /** LivePerson's schema puts the element tree in {@code message}, a peer's capture in {@code content}. */
    private static JsonNode richContent(JsonNode event, String at) throws NotANotification {
        JsonNode content = event.has("content") ? event.get("content") : event.get("message");
        if (content == null || !content.isObject()) {
            throw new NotANotification(at + ".content must be an object");
        }
        return content;
    }

    private static List<Long> sequenceList(JsonNode event, String at) throws NotANotification {
        JsonNode list = event.path("sequenceList");
        if (!list.isArray()) {
            throw new NotANotification(at + ".sequenceList must be an array");
        }
        List<Long> sequences = new ArrayList<>(list.size());
        for (JsonNode n : list) {
            if (!n.isIntegralNumber()) {
                throw new NotANotification(at + ".sequenceList must hold integers");
            }
            sequences.add(n.asLong());
        }
        return sequences;
    }

    private static Change conversation(JsonNode change, String at) throws NotANotification {
        JsonNode result = change.path("result");
        if (!result.isObject()) {
            throw new NotANotification(at + ".result must be an object");
        }
        String conversationId = conversationId(text(result, "convId", at + ".result"), at + ".result");
        JsonNode details = result.path("conversationDetails");
        if (!details.isMissingNode() && !details.isObject()) {
            throw new NotANotification(at + ".result.conversationDetails must be an object");
        }
        String d = at + ".result.conversationDetails";
        List<Participant> participants = new ArrayList<>();
        for (JsonNode p : details.path("participants")) {
            participants.add(new Participant(text(p, "id", d), text(p, "role", d)));
        }
        String changeType = text(change, "type", at);
        Long updated = number(details, "metaDataLastUpdateTs", d);
        String state = text(details, "state", d);
        ConversationChange notification = new ConversationChange(conversationId, changeType, state,
                text(details, "stage", d), text(details, "closeReason", d), updated, List.copyOf(participants),
                details.isObject() ? details : null);
        String key = updated != null ? "cqm:" + conversationId + ":" + updated + ":" + changeType + ":" + state : null;
        return new Change(notification, CONVERSATION_CHANGE, key, false);
    }

    private static String conversationId(String id, String at) throws NotANotification {
        if (id == null || id.isBlank()) {
            throw new NotANotification(at + " names no conversation (conversationId, dialogId or convId)");
        }
        try {
            InputRules.id("conversationId", id);
        } catch (RuntimeException e) {
            throw new NotANotification(at + ": " + e.getMessage());
        }
        if (id.length() > MAX_CONVERSATION_ID_LENGTH) {
            throw new NotANotification(at + ": the conversation id is longer than " + MAX_CONVERSATION_ID_LENGTH);
        }
        return id;
    }

    private static String required(JsonNode node, String field, String at) throws NotANotification {
        String value = text(node, field, at);
        if (value == null) {
            throw new NotANotification(at + "." + field + " is missing");
        }
        return value;
    }

    /** A text field, null when absent or null; refused when it is there with another type. */
    private static String text(JsonNode node, String field, String at) throws NotANotification {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new NotANotification(at + "." + field + " must be a string");
        }
        return value.asText();
    }

    private static Long number(JsonNode node, String field, String at) throws NotANotification {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new NotANotification(at + "." + field + " must be an integer");
        }
        return value.asLong();
    }
}
