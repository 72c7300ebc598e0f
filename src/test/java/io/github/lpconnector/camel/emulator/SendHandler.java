package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;
import static io.github.lpconnector.camel.emulator.SendApiMessages.PUBLISH_EVENT;
import static io.github.lpconnector.camel.emulator.SendApiMessages.SET_USER_PROFILE;
import static io.github.lpconnector.camel.emulator.SendApiMessages.UPDATE_CONVERSATION_FIELD;
import static io.github.lpconnector.camel.emulator.SendApiMessages.bad;
import static io.github.lpconnector.camel.emulator.SendApiMessages.ok;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.lpconnector.camel.emulator.Tokens.ConsumerIdentity;

/**
 * SEND, {@code POST /api/account/{account}/messaging/consumer/conversation/send?v=3}: one request object, either
 * <ul>
 * <li>{@code ms.PublishEvent} into the conversation {@code body.dialogId}: answered with the event's sequence
 * ({@code {}} for a ChatStateEvent, which gets none);</li>
 * <li>{@code cm.UpdateConversationField} of {@code body.conversationId}: CLOSE, a CSAT rate 1..5, or a TTR (accepted,
 * not emulated);</li>
 * <li>{@code userprofile.SetUserProfile}: replaces the profile of the consumer's OPEN conversation, if any.</li>
 * </ul>
 * choice: an unknown conversation is 400 40009, a closed one 400 40010; another consumer's conversation is 401 40106
 * (documented).
 */
final class SendHandler extends SendApiHandler {

    private final ConversationStore conversations;
    private final Clock clock;

    SendHandler(RateLimit rateLimit, AppJwtCheck appJwt, Tokens tokens, ConversationStore conversations,
            Clock clock) {
        super("send", "/api/account/{account}/messaging/consumer/conversation/send", rateLimit, appJwt, tokens);
        this.conversations = conversations;
        this.clock = clock;
    }

    @Override
    Reply handle(String accountId, ConsumerIdentity consumer, JsonNode root) {
        if (!root.isObject()) {
            return bad(ErrorCodes.MALFORMED_REQUEST, "Invalid request",
                    "SEND expects one request object, got " + root.getNodeType(), null);
        }
        Reply envelope = SendApiMessages.checkEnvelope(root, -1);
        if (envelope != null) {
            return envelope;
        }
        String id = root.get("id").asText();
        String type = root.get("type").asText();
        JsonNode body = root.path("body");
        switch (type) {
            case PUBLISH_EVENT:
                return publish(accountId, consumer, id, body);
            case UPDATE_CONVERSATION_FIELD:
                return updateField(accountId, consumer, id, body);
            case SET_USER_PROFILE:
                StoredConversation open = conversations.openOf(accountId, consumer.lpConsumerId());
                if (open != null) {
                    open.userProfile(body.isObject() ? body.deepCopy() : MAPPER.createObjectNode());
                }
                return Reply.json(200, ok(id, MAPPER.createObjectNode().put("msg", SendApiMessages.PROFILE_OK)));
            default:
                if (SendApiMessages.KNOWN_TYPES.contains(type)) {
                    return bad(ErrorCodes.UNKNOWN_TYPE, "Unsupported request type",
                            "'" + type + "' is not supported by SEND in the emulator", id);
                }
                return bad(ErrorCodes.UNKNOWN_TYPE, "Unknown request type", "unknown type '" + type + "'", id);
        }
    }

    private Reply publish(String accountId, ConsumerIdentity consumer, String id, JsonNode body) {
        JsonNode dialogId = body.path("dialogId");
        if (!dialogId.isTextual() || dialogId.asText().isBlank()) {
            return bad(ErrorCodes.MISSING_PARAMETER, "Missing parameter", "dialogId is missing", id);
        }
        StoredConversation conversation = conversations.get(dialogId.asText());
        Reply refusal = refusal(accountId, consumer, dialogId.asText(), conversation, id);
        if (refusal != null) {
            return refusal;
        }
        JsonNode event = body.path("event");
        String problem = SendApiMessages.eventProblem(event);
        if (problem != null) {
            return bad(ErrorCodes.INVALID_EVENT, "Invalid event", problem, id);
        }
        long seq = conversation.publish(event.deepCopy(), SendApiMessages.isSequenced(event), clock.instant());
        if (seq == StoredConversation.CLOSED) {
            return closed(conversation.id, id);
        }
        return Reply.json(200, ok(id, SendApiMessages.sequenceBody(seq)));
    }

    private Reply updateField(String accountId, ConsumerIdentity consumer, String id, JsonNode body) {
        JsonNode convId = body.path("conversationId");
        if (!convId.isTextual() || convId.asText().isBlank()) {
            return bad(ErrorCodes.MISSING_PARAMETER, "Missing parameter", "conversationId is missing", id);
        }
        // schema quirk: the schema types conversationField as an array, every example sends one object: accept both
        JsonNode field = body.path("conversationField");
        List<JsonNode> fields = new ArrayList<>();
        if (field.isObject()) {
            fields.add(field);
        } else if (field.isArray()) {
            field.forEach(fields::add);
        }
        if (fields.isEmpty()) {
            return bad(ErrorCodes.MISSING_PARAMETER, "Missing parameter", "conversationField is missing", id);
        }
        boolean close = false;
        for (JsonNode f : fields) {
            String name = f.path("field").asText("");
            switch (name) {
                case "ConversationStateField":
                    if (!"CLOSE".equals(f.path("conversationState").asText())) {
                        return bad(ErrorCodes.INVALID_FIELD, "Invalid conversation field",
                                "conversationState must be CLOSE", id);
                    }
                    close = true;
                    break;
                case "CSATRate":
                    int rate = f.path("csatRate").asInt(0);
                    if (rate < 1 || rate > 5) {
                        return bad(ErrorCodes.INVALID_FIELD, "Invalid conversation field", "csatRate must be 1..5",
                                id);
                    }
                    break;
                case "TTRField":
                    break; // accepted, not emulated
                default:
                    return bad(ErrorCodes.INVALID_FIELD, "Invalid conversation field",
                            "unsupported conversation field '" + name + "'", id);
            }
        }
        StoredConversation conversation = conversations.get(convId.asText());
        Reply refusal = refusal(accountId, consumer, convId.asText(), conversation, id);
        if (refusal != null) {
            return refusal;
        }
        if (close) {
            if (!conversations.close(conversation)) {
                return closed(conversation.id, id); // closed by a concurrent request
            }
        } else if (!conversation.isOpen()) {
            return closed(conversation.id, id);
        }
        ObjectNode ok = MAPPER.createObjectNode();
        ok.put("reqId", id);
        ok.put("code", "OK");
        ok.put("body", "OK");
        return Reply.json(200, ok);
    }

    /** @return null if {@code conversation} exists in the account, is the consumer's and is open, else the answer */
    private static Reply refusal(String accountId, ConsumerIdentity consumer, String convId,
            StoredConversation conversation, String reqId) {
        if (conversation == null || !conversation.accountId.equals(accountId)) {
            return bad(ErrorCodes.CONVERSATION_NOT_FOUND, "Conversation not found",
                    "conversation '" + convId + "' does not exist", reqId);
        }
        if (!conversation.lpConsumerId.equals(consumer.lpConsumerId())) {
            return Reply.error(401, ErrorCodes.NOT_CONVERSATION_OWNER, "Unauthorized",
                    "the conversation belongs to another consumer", reqId);
        }
        return conversation.isOpen() ? null : closed(convId, reqId);
    }

    private static Reply closed(String convId, String reqId) {
        return bad(ErrorCodes.CONVERSATION_CLOSED, "Conversation closed", "conversation '" + convId + "' is closed",
                reqId);
    }
}
