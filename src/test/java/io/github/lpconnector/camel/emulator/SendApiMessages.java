package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What CREATE and SEND share about the Send API's messages: the request types, the checks of a request envelope and of
 * a published event, and the shapes of the answers. Documented behaviour wins over the schemas' quirks (see
 * /work/shared/schemas/liveperson/README.md); every choice where LivePerson's reference is silent is marked "choice".
 */
final class SendApiMessages {

    static final String SET_USER_PROFILE = "userprofile.SetUserProfile";
    static final String REQUEST_CONVERSATION = "cm.ConsumerRequestConversation";
    static final String PUBLISH_EVENT = "ms.PublishEvent";
    static final String UPDATE_CONVERSATION_FIELD = "cm.UpdateConversationField";
    static final String GENERATE_UPLOAD_URL = "ms.GenerateURLForUploadFile";
    static final String GENERATE_DOWNLOAD_URL = "ms.GenerateURLForDownloadFile";
    /** Types the consumer API knows; they are "wrong order"/"not allowed here" rather than "unknown". */
    static final Set<String> KNOWN_TYPES = Set.of(SET_USER_PROFILE, REQUEST_CONVERSATION, PUBLISH_EVENT,
            UPDATE_CONVERSATION_FIELD, GENERATE_UPLOAD_URL, GENERATE_DOWNLOAD_URL);
    static final String PROFILE_OK = "OK User Profile set successfully";
    private static final Set<String> CHAT_STATES = Set.of("ACTIVE", "INACTIVE", "GONE", "COMPOSING", "PAUSE");
    private static final Set<String> ACCEPT_STATUSES = Set.of("ACCEPT", "READ", "ACCESS", "NACK", "ACTION");
    /** HostedFile.json enum plus JPEG, which the documented example sends (documented behaviour wins). */
    private static final Set<String> FILE_TYPES = Set.of("IMG", "JPG", "JPEG", "PNG", "GIF", "TXT", "PDF");
    /** "the preview must be under 30KB" (DC examples/9_example_share_image.md). */
    static final int MAX_PREVIEW_CHARS = 30 * 1024;

    private SendApiMessages() {
    }

    /**
     * Envelope: object, kind "req" when present, id a string of 1..64 chars or an integer, type a string, body an
     * object when present. Integer ids: LivePerson's own close, CSAT and upload examples send {@code "id": 1}
     * (DC examples/3_example_close_conversation.md, sendAPI/api-overview.md, examples/9_example_share_image.md),
     * and the upload example's answer echoes it as the string {@code "reqId": "3"}; see {@link #requestId}.
     *
     * @param index the request's position in a CREATE batch, -1 for SEND
     * @return null if the envelope is valid, else the 400 answer
     */
    static Reply checkEnvelope(JsonNode item, int index) {
        String where = index < 0 ? "the request" : "request " + index;
        if (!item.isObject()) {
            return bad(ErrorCodes.MALFORMED_REQUEST, "Invalid request", where + " is not a JSON object", null);
        }
        String reqId = requestId(item);
        if (reqId == null || reqId.isEmpty() || reqId.length() > 64) {
            return bad(ErrorCodes.INVALID_REQUEST_ID, "Invalid request id",
                    where + ": id must be a string of 1 to 64 characters or an integer", reqId);
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

    /** The request's id as its answer's {@code reqId} echoes it: the string, or the integer's decimal text; else null. */
    static String requestId(JsonNode item) {
        JsonNode id = item.get("id");
        if (id == null) {
            return null;
        }
        return id.isTextual() || id.isIntegralNumber() && id.canConvertToLong() ? id.asText() : null;
    }

    /** @return null if the event of an {@code ms.PublishEvent} is valid, else the problem */
    static String eventProblem(JsonNode event) {
        if (!event.isObject()) {
            return "event is missing";
        }
        String type = event.path("type").asText("");
        switch (type) {
            case "ContentEvent":
                return contentEventProblem(event);
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

    private static String contentEventProblem(JsonNode event) {
        String contentType = event.path("contentType").asText("");
        JsonNode message = event.get("message");
        if ("text/plain".equals(contentType)) {
            return message != null && message.isTextual() ? null : "text/plain ContentEvent needs a string message";
        }
        if (!"hosted/file".equals(contentType)) {
            return "unsupported contentType '" + contentType + "' (text/plain or hosted/file)";
        }
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
        JsonNode preview = message.get("preview");
        if (preview != null && preview.isTextual() && preview.asText().length() > MAX_PREVIEW_CHARS) {
            return "the preview must be under 30KB";
        }
        return null;
    }

    /**
     * ChatStateEvents take no place in the conversation's sequence: LivePerson's notifications of chat states carry
     * none (DC Messaging Window API, post-conversation-survey tutorial).
     */
    static boolean isSequenced(JsonNode event) {
        return !"ChatStateEvent".equals(event.path("type").asText());
    }

    /**
     * {@code {"sequence":n}}; an unsequenced event (seq -1) is answered {@code {"sequence":0}}, as LivePerson answers
     * a chat state (the post-conversation-survey tutorial's ChatStateEvent in a conversation of several messages gets
     * {@code {"sequence":0}}; sendapi-send.md's answer example follows its typing example).
     */
    static ObjectNode sequenceBody(long seq) {
        return MAPPER.createObjectNode().put("sequence", Math.max(seq, 0));
    }

    /** {@code {"reqId":..,"code":"OK","body":..}}. */
    static ObjectNode ok(String reqId, JsonNode body) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("reqId", reqId);
        node.put("code", "OK");
        node.set("body", body);
        return node;
    }

    /** One failed item of a 200 CREATE batch: {@code {"reqId":..,"code":400,"body":{"title":..,..}}}. */
    static ObjectNode itemError(String reqId, int code, int errorCode, String title, String details) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("reqId", reqId);
        node.put("code", code);
        node.set("body", Reply.errorDetails(errorCode, title, details));
        return node;
    }

    static Reply bad(int errorCode, String title, String details, String reqId) {
        return Reply.error(400, errorCode, title, details, reqId);
    }
}
