package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;
import static io.github.lpconnector.camel.emulator.SendApiMessages.GENERATE_DOWNLOAD_URL;
import static io.github.lpconnector.camel.emulator.SendApiMessages.GENERATE_UPLOAD_URL;
import static io.github.lpconnector.camel.emulator.SendApiMessages.PUBLISH_EVENT;
import static io.github.lpconnector.camel.emulator.SendApiMessages.SET_USER_PROFILE;
import static io.github.lpconnector.camel.emulator.SendApiMessages.UPDATE_CONVERSATION_FIELD;
import static io.github.lpconnector.camel.emulator.SendApiMessages.bad;
import static io.github.lpconnector.camel.emulator.SendApiMessages.ok;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.github.lpconnector.camel.emulator.Tokens.ConsumerIdentity;

/**
 * SEND, {@code POST /api/account/{account}/messaging/consumer/conversation/send?v=3}: one request object, either
 * <ul>
 * <li>{@code ms.PublishEvent} into the conversation {@code body.dialogId}: answered with the event's sequence
 * ({@code {"sequence":0}} for a ChatStateEvent, which takes no place in the sequence);</li>
 * <li>{@code cm.UpdateConversationField} of {@code body.conversationId}: CLOSE ({@code ConversationStateField}, or
 * the Messaging Window API's {@code DialogChange} closing the MAIN dialog), a CSAT rate, or a TTR (accepted, not
 * emulated);</li>
 * <li>{@code userprofile.SetUserProfile}: replaces the profile of the consumer's OPEN conversation, if any;</li>
 * <li>{@code ms.GenerateURLForUploadFile} / {@code ms.GenerateURLForDownloadFile}: a temporary URL of the
 * {@link FileStorage}.</li>
 * </ul>
 * choice: an unknown conversation is 400 40009, a closed one 400 40010; another consumer's conversation is 401 40106
 * (documented).
 */
final class SendHandler extends SendApiHandler {

    /** The answer of a close: LivePerson's to the DialogChange close (DC post-conversation-survey tutorial). */
    static final String CLOSED_OK = "OK Conversation resolved successfully";
    private static final Set<String> CSAT_STATUSES = Set.of("FILLED", "PARTIALLY_FILLED",
            "SKIPPED");

    private final ConversationStore conversations;
    private final FileStorage files;
    private final Clock clock;

    SendHandler(RateLimit rateLimit, AppJwtCheck appJwt, Tokens tokens, ConversationStore conversations,
            FileStorage files, Clock clock) {
        super("send", "/api/account/{account}/messaging/consumer/conversation/send", rateLimit, appJwt, tokens);
        this.conversations = conversations;
        this.files = files;
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
            case GENERATE_UPLOAD_URL:
                return uploadUrl(accountId, consumer, id, body);
            case GENERATE_DOWNLOAD_URL:
                return downloadUrl(accountId, id, body);
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
        Reply refusal = refusal(accountId, consumer, dialogId.asText(), conversation, id, false);
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
        JsonNode csat = null;
        for (JsonNode f : fields) {
            String name = f.path("field").asText("");
            String problem = switch (name) {
                case "ConversationStateField" -> "CLOSE".equals(f.path("conversationState").asText()) ? null
                        : "conversationState must be CLOSE";
                case "DialogChange" -> dialogCloseProblem(f, convId.asText());
                case "CSATRate" -> csatProblem(f);
                case "TTRField" -> null; // accepted, not emulated
                default -> "unsupported conversation field '" + name + "'";
            };
            if (problem != null) {
                return bad(ErrorCodes.INVALID_FIELD, "Invalid conversation field", problem, id);
            }
            close |= !"CSATRate".equals(name) && !"TTRField".equals(name);
            csat = "CSATRate".equals(name) ? f : csat;
        }
        StoredConversation conversation = conversations.get(convId.asText());
        // CSAT is "submitted by the consumer after the conversation was closed" (types/csat.json; the legacy CSAT
        // tutorial posts it to the closed conversation): a closed conversation takes it; choice: so does an open one
        boolean csatOnly = csat != null && !close;
        Reply refusal = refusal(accountId, consumer, convId.asText(), conversation, id, csatOnly);
        if (refusal != null) {
            return refusal;
        }
        if (close) {
            if (!conversations.close(conversation)) {
                return closed(conversation.id, id); // closed by a concurrent request
            }
        } else if (!csatOnly && !conversation.isOpen()) {
            return closed(conversation.id, id);
        }
        if (csat != null) {
            conversation.csat(csat.deepCopy());
        }
        return Reply.json(200, ok(id, TextNode.valueOf(close ? CLOSED_OK : "OK")));
    }

    /**
     * The survey-style close of the Messaging Window API, which SEND accepts as any UMS request (DC
     * post-conversation-survey tutorial): {@code {"field":"DialogChange","type":"UPDATE","dialog":{"dialogId":..,
     * "state":"CLOSE","closedCause":..}}}. The MAIN dialog's id is the conversation's; choice: the emulator knows no
     * other dialog, so another dialogId is refused.
     */
    private static String dialogCloseProblem(JsonNode field, String conversationId) {
        JsonNode dialog = field.path("dialog");
        if (!"UPDATE".equals(field.path("type").asText()) || !"CLOSE".equals(dialog.path("state").asText())) {
            return "DialogChange must be type UPDATE with dialog.state CLOSE";
        }
        return conversationId.equals(dialog.path("dialogId").asText()) ? null
                : "dialog.dialogId must be the MAIN dialog, whose id is the conversationId";
    }

    /**
     * {@code {"field":"CSATRate","csatRate":1..5,"csatResolutionConfirmation":bool,"status":FILLED|..}}
     * (types/csat.json, the CSAT example of sendAPI/api-overview.md); choice: only csatRate is required, the others
     * are checked when present.
     */
    private static String csatProblem(JsonNode field) {
        JsonNode rate = field.path("csatRate");
        if (!rate.isIntegralNumber() || rate.asInt() < 1 || rate.asInt() > 5) {
            return "csatRate must be 1..5";
        }
        JsonNode resolved = field.get("csatResolutionConfirmation");
        if (resolved != null && !resolved.isBoolean()) {
            return "csatResolutionConfirmation must be a boolean";
        }
        JsonNode status = field.get("status");
        return status == null || CSAT_STATUSES.contains(status.asText()) ? null
                : "status must be one of " + CSAT_STATUSES;
    }

    /**
     * {@code {"fileSize":"1000","fileType":"PNG"}} (GenerateURLForUploadFileBody.json: fileSize a string; choice: an
     * integer too): the upload URL of a new path. The file-sharing example creates a conversation first ("You will
     * need to have an active conversation"): choice: without an OPEN conversation of the consumer, 400 40009.
     */
    private Reply uploadUrl(String accountId, ConsumerIdentity consumer, String id, JsonNode body) {
        JsonNode size = body.path("fileSize");
        long bytes = size.isIntegralNumber() ? size.asLong()
                : size.isTextual() && size.asText().matches("\\d{1,10}") ? Long.parseLong(size.asText()) : -1;
        if (bytes < 1 || bytes > FileStorage.MAX_FILE_BYTES) {
            return bad(ErrorCodes.INVALID_FILE, "Invalid file", "fileSize must be 1 to " + FileStorage.MAX_FILE_BYTES
                    + " bytes (up to 3MB)", id);
        }
        String fileType = body.path("fileType").asText("");
        if (!FileStorage.UPLOAD_TYPES.contains(fileType)) {
            return bad(ErrorCodes.INVALID_FILE, "Invalid file", "fileType must be one of " + FileStorage.UPLOAD_TYPES,
                    id);
        }
        if (conversations.openOf(accountId, consumer.lpConsumerId()) == null) {
            return bad(ErrorCodes.CONVERSATION_NOT_FOUND, "Conversation not found",
                    "the consumer has no open conversation to share a file in", id);
        }
        return Reply.json(200, ok(id, urlBody(files.uploadUrl(accountId, fileType))));
    }

    /** {@code {"relativePath":..}} of the account's storage: its download URL. */
    private Reply downloadUrl(String accountId, String id, JsonNode body) {
        String path = body.path("relativePath").asText("");
        if (!FileStorage.inContainerOf(accountId, path)) {
            return bad(ErrorCodes.INVALID_FILE, "Invalid file", "relativePath is not a file of this account", id);
        }
        return Reply.json(200, ok(id, urlBody(files.downloadUrl(path))));
    }

    /** The answer body of the file-sharing example: relativePath and queryParams{temp_url_sig, temp_url_expires}. */
    private static ObjectNode urlBody(FileStorage.TempUrl url) {
        ObjectNode body = MAPPER.createObjectNode().put("relativePath", url.relativePath());
        body.putObject("queryParams").put("temp_url_sig", url.signature()).put("temp_url_expires", url.expires());
        return body;
    }

    /**
     * @return null if {@code conversation} exists in the account, is the consumer's and is open (or closed, when
     *         {@code closedToo}), else the answer
     */
    private static Reply refusal(String accountId, ConsumerIdentity consumer, String convId,
            StoredConversation conversation, String reqId, boolean closedToo) {
        if (conversation == null || !conversation.accountId.equals(accountId)) {
            return bad(ErrorCodes.CONVERSATION_NOT_FOUND, "Conversation not found",
                    "conversation '" + convId + "' does not exist", reqId);
        }
        if (!conversation.lpConsumerId.equals(consumer.lpConsumerId())) {
            return Reply.error(401, ErrorCodes.NOT_CONVERSATION_OWNER, "Unauthorized",
                    "the conversation belongs to another consumer", reqId);
        }
        return closedToo || conversation.isOpen() ? null : closed(convId, reqId);
    }

    private static Reply closed(String convId, String reqId) {
        return bad(ErrorCodes.CONVERSATION_CLOSED, "Conversation closed", "conversation '" + convId + "' is closed",
                reqId);
    }
}
