package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.lpconnector.camel.emulator.Tokens.ConsumerIdentity;

/**
 * The CREATE and SEND semantics, after authentication. Documented behaviour wins over the schemas' quirks (see
 * /work/shared/schemas/liveperson/README.md); every choice where LivePerson's reference is silent is marked "choice".
 */
final class SendApi {

    static final String SET_USER_PROFILE = "userprofile.SetUserProfile";
    static final String REQUEST_CONVERSATION = "cm.ConsumerRequestConversation";
    static final String PUBLISH_EVENT = "ms.PublishEvent";
    static final String UPDATE_CONVERSATION_FIELD = "cm.UpdateConversationField";
    private static final List<String> CREATE_ORDER = List.of(SET_USER_PROFILE, REQUEST_CONVERSATION, PUBLISH_EVENT);
    /** Types the consumer API knows; they are "wrong order"/"not allowed here" rather than "unknown". */
    private static final Set<String> KNOWN_TYPES = Set.of(SET_USER_PROFILE, REQUEST_CONVERSATION, PUBLISH_EVENT,
            UPDATE_CONVERSATION_FIELD, "ms.GenerateURLForUploadFile", "ms.GenerateURLForDownloadFile");
    private static final Set<String> CHAT_STATES = Set.of("ACTIVE", "INACTIVE", "GONE", "COMPOSING", "PAUSE");
    private static final Set<String> ACCEPT_STATUSES = Set.of("ACCEPT", "READ", "ACCESS", "NACK", "ACTION");
    /** HostedFile.json enum plus JPEG, which the documented example sends (documented behaviour wins). */
    private static final Set<String> FILE_TYPES = Set.of("IMG", "JPG", "JPEG", "PNG", "GIF", "TXT", "PDF");
    static final String PROFILE_OK = "OK User Profile set successfully";

    final Map<String, StoredConversation> conversations = new ConcurrentHashMap<>();
    /** account + '\0' + lpConsumerId -> id of its OPEN conversation. */
    final Map<String, String> openByConsumer = new ConcurrentHashMap<>();
    private final Clock clock;
    private final BooleanSupplier answersReversed;
    private final boolean oneOpenPerConsumer;

    SendApi(Clock clock, BooleanSupplier answersReversed) {
        this(clock, answersReversed, true);
    }

    /**
     * @param oneOpenPerConsumer true (LivePerson's rule) refuses a second CREATE while the consumer has an OPEN
     *                           conversation; false opens one more (benchmarks with a single consumer)
     */
    SendApi(Clock clock, BooleanSupplier answersReversed, boolean oneOpenPerConsumer) {
        this.clock = clock;
        this.answersReversed = answersReversed;
        this.oneOpenPerConsumer = oneOpenPerConsumer;
    }

    void reset() {
        conversations.clear();
        openByConsumer.clear();
    }

    // ------------------------------------------------------------------ CREATE

    Reply create(String accountId, ConsumerIdentity consumer, JsonNode root) {
        if (!root.isArray()) {
            return bad(ErrorCodes.INVALID_BATCH, "Invalid request",
                    "CREATE expects a JSON array of 2 or 3 requests, got " + root.getNodeType(), null);
        }
        if (root.size() < 2 || root.size() > 3) {
            return bad(ErrorCodes.INVALID_BATCH, "Invalid request",
                    "CREATE expects 2 or 3 requests (" + String.join(", ", CREATE_ORDER) + "), got " + root.size(),
                    null);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            Reply envelope = checkEnvelope(item, i);
            if (envelope != null) {
                return envelope;
            }
            String id = item.get("id").asText();
            if (!ids.add(id)) {
                return bad(ErrorCodes.INVALID_REQUEST_ID, "Invalid request id", "duplicate request id '" + id + "'",
                        id);
            }
            String type = item.get("type").asText();
            if (!KNOWN_TYPES.contains(type)) {
                return bad(ErrorCodes.UNKNOWN_TYPE, "Unknown request type",
                        "request " + i + " has unknown type '" + type + "'", id);
            }
            if (!CREATE_ORDER.get(i).equals(type)) {
                return bad(ErrorCodes.INVALID_BATCH, "Invalid request order",
                        "wrong order: request " + i + " must be " + CREATE_ORDER.get(i) + ", got " + type, id);
            }
        }
        JsonNode convReq = root.get(1);
        String convReqId = convReq.get("id").asText();
        JsonNode convBody = convReq.path("body");
        JsonNode brand = convBody.path("brandId");
        if (!brand.isTextual() || brand.asText().isBlank()) {
            return bad(ErrorCodes.MISSING_PARAMETER, "Missing parameter", "Brand Id is missing", convReqId);
        }
        if (!brand.asText().equals(accountId)) {
            return bad(ErrorCodes.INVALID_BRAND_ID, "Invalid parameter",
                    "Brand Id '" + brand.asText() + "' does not match account '" + accountId + "'", convReqId);
        }

        List<ObjectNode> answers = new ArrayList<>(3);
        JsonNode profile = root.get(0).has("body") ? root.get(0).get("body") : MAPPER.createObjectNode();
        answers.add(ok(root.get(0).get("id").asText(), MAPPER.createObjectNode().put("msg", PROFILE_OK)));

        // choice: one OPEN conversation per consumer per brand; a second CREATE gets a per-item 400 in a 200 batch
        String key = accountId + '\u0000' + consumer.lpConsumerId();
        Instant now = clock.instant();
        StoredConversation[] created = new StoredConversation[1];
        String[] existing = new String[1];
        openByConsumer.compute(key, (k, openId) -> {
            if (openId != null && oneOpenPerConsumer) {
                StoredConversation open = conversations.get(openId);
                if (open != null && open.isOpen()) {
                    existing[0] = openId;
                    return openId;
                }
            }
            StoredConversation conv = new StoredConversation(UUID.randomUUID().toString(), accountId, brand.asText(), consumer.extConsumerId(),
                    consumer.lpConsumerId(), convBody.deepCopy(), profile.deepCopy(), now);
            conversations.put(conv.id, conv);
            created[0] = conv;
            return conv.id;
        });
        StoredConversation conv = created[0];
        if (conv == null) {
            answers.add(itemError(convReqId, 400, ErrorCodes.CONVERSATION_ALREADY_OPEN, "Conversation already open",
                    "consumer already has an open conversation"));
        } else {
            answers.add(ok(convReqId, MAPPER.createObjectNode().put("conversationId", conv.id)));
        }

        if (root.size() == 3) {
            JsonNode publish = root.get(2);
            String pubId = publish.get("id").asText();
            // choice: a dialogId in the first message is ignored (the documented CREATE example has none)
            String problem = validateEvent(publish.path("body").path("event"));
            if (conv == null) {
                answers.add(itemError(pubId, 400, ErrorCodes.CONVERSATION_NOT_FOUND, "Conversation not created",
                        "the message was not published because no conversation was created"));
            } else if (problem != null) {
                answers.add(itemError(pubId, 400, ErrorCodes.INVALID_EVENT, "Invalid event", problem));
            } else {
                JsonNode event = publish.path("body").path("event");
                long seq = conv.publish(event.deepCopy(), isSequenced(event), now);
                answers.add(ok(pubId, sequenceBody(seq)));
            }
        }
        if (answersReversed.getAsBoolean()) {
            Collections.reverse(answers);
        }
        ArrayNode out = MAPPER.createArrayNode();
        answers.forEach(out::add);
        return Reply.json(200, out);
    }

    // ------------------------------------------------------------------ SEND

    Reply send(String accountId, ConsumerIdentity consumer, JsonNode root) {
        if (!root.isObject()) {
            return bad(ErrorCodes.MALFORMED_REQUEST, "Invalid request",
                    "SEND expects one request object, got " + root.getNodeType(), null);
        }
        Reply envelope = checkEnvelope(root, -1);
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
                JsonNode profile = body.isObject() ? body.deepCopy() : MAPPER.createObjectNode();
                String openId = openByConsumer.get(accountId + '\u0000' + consumer.lpConsumerId());
                StoredConversation open = openId == null ? null : conversations.get(openId);
                if (open != null) {
                    open.userProfile(profile);
                }
                return Reply.json(200, ok(id, MAPPER.createObjectNode().put("msg", PROFILE_OK)));
            default:
                if (KNOWN_TYPES.contains(type)) {
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
        Object found = findOwned(accountId, consumer, dialogId.asText(), id);
        if (found instanceof Reply r) {
            return r;
        }
        StoredConversation conv = (StoredConversation) found;
        JsonNode event = body.path("event");
        String problem = validateEvent(event);
        if (problem != null) {
            return bad(ErrorCodes.INVALID_EVENT, "Invalid event", problem, id);
        }
        long seq = conv.publish(event.deepCopy(), isSequenced(event), clock.instant());
        if (seq == StoredConversation.CLOSED) {
            return closed(conv.id, id);
        }
        return Reply.json(200, ok(id, sequenceBody(seq)));
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
                        return bad(ErrorCodes.INVALID_FIELD, "Invalid conversation field",
                                "csatRate must be 1..5", id);
                    }
                    break;
                case "TTRField":
                    break; // accepted, not emulated
                default:
                    return bad(ErrorCodes.INVALID_FIELD, "Invalid conversation field",
                            "unsupported conversation field '" + name + "'", id);
            }
        }
        Object found = findOwned(accountId, consumer, convId.asText(), id);
        if (found instanceof Reply r) {
            return r;
        }
        StoredConversation conv = (StoredConversation) found;
        if (close) {
            if (!conv.close()) {
                return closed(conv.id, id);
            }
            openByConsumer.remove(accountId + '\u0000' + conv.lpConsumerId, conv.id);
        } else if (!conv.isOpen()) {
            return closed(conv.id, id);
        }
        ObjectNode ok = MAPPER.createObjectNode();
        ok.put("reqId", id);
        ok.put("code", "OK");
        ok.put("body", "OK");
        return Reply.json(200, ok);
    }

    /** @return the open-or-closed StoredConversation owned by the consumer, or an error Reply */
    private Object findOwned(String accountId, ConsumerIdentity consumer, String convId, String reqId) {
        StoredConversation conv = conversations.get(convId);
        if (conv == null || !conv.accountId.equals(accountId)) {
            // choice: unknown conversation -> 400 (undocumented)
            return bad(ErrorCodes.CONVERSATION_NOT_FOUND, "Conversation not found",
                    "conversation '" + convId + "' does not exist", reqId);
        }
        if (!conv.lpConsumerId.equals(consumer.lpConsumerId())) {
            // documented: consumer A's JWS on consumer B's conversation -> 401
            return Reply.error(401, ErrorCodes.NOT_CONVERSATION_OWNER, "Unauthorized",
                    "the conversation belongs to another consumer", reqId);
        }
        if (!conv.isOpen()) {
            return closed(convId, reqId);
        }
        return conv;
    }

    private static Reply closed(String convId, String reqId) {
        // choice: closed conversation -> 400 (undocumented)
        return bad(ErrorCodes.CONVERSATION_CLOSED, "Conversation closed",
                "conversation '" + convId + "' is closed", reqId);
    }

    // ------------------------------------------------------------------ validation

    /** Envelope: object, kind "req" when present, id a string of 1..64 chars, type a string. */
    private static Reply checkEnvelope(JsonNode item, int index) {
        String where = index < 0 ? "the request" : "request " + index;
        if (!item.isObject()) {
            return bad(ErrorCodes.MALFORMED_REQUEST, "Invalid request", where + " is not a JSON object", null);
        }
        JsonNode id = item.get("id");
        String reqId = id != null && id.isTextual() ? id.asText() : null;
        if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > 64) {
            return bad(ErrorCodes.INVALID_REQUEST_ID, "Invalid request id",
                    where + ": id must be a string of 1 to 64 characters", reqId);
        }
        JsonNode kind = item.get("kind");
        if (kind != null && !"req".equals(kind.asText())) {
            return bad(ErrorCodes.MALFORMED_REQUEST, "Invalid request", where + ": kind must be 'req'", reqId);
        }
        JsonNode type = item.get("type");
        if (type == null || !type.isTextual()) {
            return bad(ErrorCodes.MISSING_PARAMETER, "Missing parameter", where + ": type is missing", reqId);
        }
        JsonNode body = item.get("body");
        if (body != null && !body.isObject() && !body.isNull()) {
            return bad(ErrorCodes.MALFORMED_REQUEST, "Invalid request", where + ": body must be an object", reqId);
        }
        return null;
    }

    /** @return null if the event is valid, else the problem */
    static String validateEvent(JsonNode event) {
        if (!event.isObject()) {
            return "event is missing";
        }
        String type = event.path("type").asText("");
        switch (type) {
            case "ContentEvent": {
                String contentType = event.path("contentType").asText("");
                JsonNode message = event.get("message");
                if ("text/plain".equals(contentType)) {
                    return message != null && message.isTextual() ? null
                            : "text/plain ContentEvent needs a string message";
                }
                if ("hosted/file".equals(contentType)) {
                    if (message == null || !message.isObject()) {
                        return "hosted/file ContentEvent needs a message object";
                    }
                    if (!message.path("relativePath").isTextual() || message.path("relativePath").asText().isBlank()) {
                        return "hosted/file message needs relativePath";
                    }
                    if (!FILE_TYPES.contains(message.path("fileType").asText(""))) {
                        return "hosted/file message needs fileType, one of " + FILE_TYPES;
                    }
                    // documented: caption optional (the schema requires it); must be a string when present
                    if (message.has("caption") && !message.get("caption").isTextual()) {
                        return "caption must be a string";
                    }
                    return null;
                }
                return "unsupported contentType '" + contentType + "' (text/plain or hosted/file)";
            }
            case "RichContentEvent": {
                // the schema puts the structured content in "message", the docs in "content": accept both
                JsonNode content = event.has("content") ? event.get("content") : event.get("message");
                return content != null && content.isObject() && content.path("type").isTextual() ? null
                        : "RichContentEvent needs a content object with a type";
            }
            case "ChatStateEvent":
                return CHAT_STATES.contains(event.path("chatState").asText("")) ? null
                        : "chatState must be one of " + CHAT_STATES;
            case "AcceptStatusEvent": {
                if (!ACCEPT_STATUSES.contains(event.path("status").asText(""))) {
                    return "status must be one of " + ACCEPT_STATUSES;
                }
                JsonNode list = event.get("sequenceList");
                if (list == null || !list.isArray()) {
                    return "sequenceList (an array of integers) is missing";
                }
                for (JsonNode n : list) {
                    if (!n.isIntegralNumber()) {
                        return "sequenceList must contain integers only";
                    }
                }
                return null;
            }
            default:
                return "unknown event type '" + type + "'";
        }
    }

    /** choice: ChatStateEvents get no sequence (the reference names content and read-receipt events only). */
    static boolean isSequenced(JsonNode event) {
        return !"ChatStateEvent".equals(event.path("type").asText());
    }

    private static ObjectNode sequenceBody(long seq) {
        ObjectNode body = MAPPER.createObjectNode();
        if (seq >= 0) {
            body.put("sequence", seq);
        }
        return body;
    }

    private static ObjectNode ok(String reqId, JsonNode body) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("reqId", reqId);
        node.put("code", "OK");
        node.set("body", body);
        return node;
    }

    private static ObjectNode itemError(String reqId, int code, int errorCode, String title, String details) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("reqId", reqId);
        node.put("code", code);
        node.set("body", Reply.errorDetails(errorCode, title, details));
        return node;
    }

    private static Reply bad(int errorCode, String title, String details, String reqId) {
        return Reply.error(400, errorCode, title, details, reqId);
    }
}
