package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;
import static io.github.lpconnector.camel.emulator.SendApiMessages.PUBLISH_EVENT;
import static io.github.lpconnector.camel.emulator.SendApiMessages.REQUEST_CONVERSATION;
import static io.github.lpconnector.camel.emulator.SendApiMessages.SET_USER_PROFILE;
import static io.github.lpconnector.camel.emulator.SendApiMessages.bad;
import static io.github.lpconnector.camel.emulator.SendApiMessages.itemError;
import static io.github.lpconnector.camel.emulator.SendApiMessages.ok;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.lpconnector.camel.emulator.Tokens.ConsumerIdentity;

/**
 * CREATE, {@code POST /api/account/{account}/messaging/consumer/conversation?v=3}: a JSON array of
 * {@code userprofile.SetUserProfile}, {@code cm.ConsumerRequestConversation} and optionally a first
 * {@code ms.PublishEvent}, in this order. A malformed batch is refused whole with 400; a well-formed one is answered 200
 * with one item per request, each OK or failed on its own:
 * <ul>
 * <li>choice: while the consumer has an OPEN conversation, the conversation item gets code 400 with errorCode 40011
 * "Conversation already open", and the first-message item then 400 40009;</li>
 * <li>an invalid first message fails its item (400 40008), the conversation is created all the same.</li>
 * </ul>
 * Request ids may be integers and may repeat (see {@link SendApiMessages#checkEnvelope}); each answer item carries its
 * request's id.
 * The items come in request order, or reversed when {@link LiveEngageEmulator#answersReversed(boolean)} asks for it.
 */
final class CreateHandler extends SendApiHandler {

    private static final List<String> ORDER = List.of(SET_USER_PROFILE, REQUEST_CONVERSATION, PUBLISH_EVENT);

    private final ConversationStore conversations;
    private final Clock clock;
    private final BooleanSupplier answersReversed;

    CreateHandler(RateLimit rateLimit, AppJwtCheck appJwt, Tokens tokens, ConversationStore conversations,
            Clock clock, BooleanSupplier answersReversed) {
        super("create", "/api/account/{account}/messaging/consumer/conversation", rateLimit, appJwt, tokens);
        this.conversations = conversations;
        this.clock = clock;
        this.answersReversed = answersReversed;
    }

    @Override
    Reply handle(String accountId, ConsumerIdentity consumer, JsonNode batch) {
        Reply malformed = checkBatch(batch);
        if (malformed != null) {
            return malformed;
        }
        JsonNode convReq = batch.get(1);
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

        List<ObjectNode> answers = new ArrayList<>();
        JsonNode profileReq = batch.get(0);
        JsonNode profile = profileReq.has("body") ? profileReq.get("body") : MAPPER.createObjectNode();
        answers.add(ok(profileReq.get("id").asText(), MAPPER.createObjectNode().put("msg",
                SendApiMessages.PROFILE_OK)));

        Instant now = clock.instant();
        StoredConversation conversation = conversations.open(accountId, consumer, brand.asText(),
                convBody.deepCopy(), profile.deepCopy(), now);
        if (conversation == null) {
            answers.add(itemError(convReqId, 400, ErrorCodes.CONVERSATION_ALREADY_OPEN, "Conversation already open",
                    "consumer already has an open conversation"));
        } else {
            answers.add(ok(convReqId, MAPPER.createObjectNode().put("conversationId", conversation.id)));
        }

        if (batch.size() == 3) {
            answers.add(publishFirstMessage(batch.get(2), conversation, now));
        }
        if (answersReversed.getAsBoolean()) {
            Collections.reverse(answers);
        }
        ArrayNode out = MAPPER.createArrayNode();
        answers.forEach(out::add);
        return Reply.json(200, out);
    }

    /** @return null if the batch has 2 or 3 valid requests of the right types in the right order, else the 400 */
    private static Reply checkBatch(JsonNode batch) {
        if (!batch.isArray()) {
            return bad(ErrorCodes.INVALID_BATCH, "Invalid request",
                    "CREATE expects a JSON array of 2 or 3 requests, got " + batch.getNodeType(), null);
        }
        if (batch.size() < 2 || batch.size() > 3) {
            return bad(ErrorCodes.INVALID_BATCH, "Invalid request",
                    "CREATE expects 2 or 3 requests (" + String.join(", ", ORDER) + "), got " + batch.size(), null);
        }
        // the same id twice is accepted, each answer echoing it: LivePerson's campaign-routing example sends "1,"
        // for both requests (DC examples/6_example_cmp_routing.md)
        for (int i = 0; i < batch.size(); i++) {
            JsonNode item = batch.get(i);
            Reply envelope = SendApiMessages.checkEnvelope(item, i);
            if (envelope != null) {
                return envelope;
            }
            String id = item.get("id").asText();
            String type = item.get("type").asText();
            if (!SendApiMessages.KNOWN_TYPES.contains(type)) {
                return bad(ErrorCodes.UNKNOWN_TYPE, "Unknown request type",
                        "request " + i + " has unknown type '" + type + "'", id);
            }
            if (!ORDER.get(i).equals(type)) {
                return bad(ErrorCodes.INVALID_BATCH, "Invalid request order",
                        "wrong order: request " + i + " must be " + ORDER.get(i) + ", got " + type, id);
            }
        }
        return null;
    }

    /** The answer item of the first message; {@code conversation} null when none was created. */
    private static ObjectNode publishFirstMessage(JsonNode publish, StoredConversation conversation, Instant now) {
        String pubId = publish.get("id").asText();
        // choice: a dialogId in the first message is ignored (the documented CREATE example has none)
        JsonNode event = publish.path("body").path("event");
        String problem = SendApiMessages.eventProblem(event);
        if (conversation == null) {
            return itemError(pubId, 400, ErrorCodes.CONVERSATION_NOT_FOUND, "Conversation not created",
                    "the message was not published because no conversation was created");
        }
        if (problem != null) {
            return itemError(pubId, 400, ErrorCodes.INVALID_EVENT, "Invalid event", problem);
        }
        long seq = conversation.publish(event.deepCopy(), SendApiMessages.isSequenced(event), now);
        return ok(pubId, SendApiMessages.sequenceBody(seq));
    }
}
