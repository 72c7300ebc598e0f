package io.github.lpconnector.camel.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonValidationException;

import static io.github.lpconnector.camel.internal.Protocol.TYPE_PUBLISH_EVENT;
import static io.github.lpconnector.camel.internal.Protocol.TYPE_REQUEST_CONVERSATION;
import static io.github.lpconnector.camel.internal.Protocol.TYPE_SET_USER_PROFILE;

/**
 * Turns a body, read as JSON, into the ordered CREATE batch: {@code userprofile.SetUserProfile}, then
 * {@code cm.ConsumerRequestConversation}, then optionally {@code ms.PublishEvent}. Fills what the body leaves out
 * from the endpoint's options and refuses, naming the field, whatever LivePerson would refuse.
 */
final class CreateBatchBuilder {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("userProfile", "conversation", "message");
    private static final Set<String> PROFILE_TEXT_FIELDS
            = Set.of("firstName", "lastName", "userId", "avatarUrl", "role", "backgndImgUri", "description");
    private static final Set<String> TTR_NAMES = Set.of("NORMAL", "URGENT", "PRIORITIZED", "CUSTOM");
    private static final List<String> ORDER = List.of(TYPE_SET_USER_PROFILE, TYPE_REQUEST_CONVERSATION, TYPE_PUBLISH_EVENT);
    private static final int MAX_ID_LENGTH = 64;

    /**
     * The ordered batch, ready to send, with the ids of its requests so that answers are matched by {@code reqId}.
     *
     * @param requests   SetUserProfile, ConsumerRequestConversation and optionally PublishEvent, in order
     * @param requestIds the requests' ids, in the same order
     */
    record Batch(ArrayNode requests, List<String> requestIds) {
    }

    private final LivePersonConnectorConfiguration configuration;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    CreateBatchBuilder(LivePersonConnectorConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * @param body      the body as read by {@link RequestBodies}
     * @param requestId a prefix unique to this exchange; request ids are made from it
     */
    Batch build(JsonNode body, String requestId) {
        if (body.isArray()) {
            return checkReadyBatch((ArrayNode) body);
        }
        if (body.isTextual()) {
            return compose(nodes.objectNode(), nodes.objectNode(), body, requestId);
        }
        if (!body.isObject()) {
            throw new LivePersonValidationException("body", "expected a JSON object, a JSON array or text");
        }
        for (String name : (Iterable<String>) body::fieldNames) {
            if (!TOP_LEVEL_KEYS.contains(name)) {
                throw new LivePersonValidationException(name, "unknown key; expected " + TOP_LEVEL_KEYS);
            }
        }
        ObjectNode profile = objectOrEmpty(body.get("userProfile"), "userProfile");
        ObjectNode conversation = objectOrEmpty(body.get("conversation"), "conversation");
        return compose(profile, conversation, body.get("message"), requestId);
    }

    private Batch compose(ObjectNode profile, ObjectNode conversation, JsonNode message, String requestId) {
        checkProfile(profile);
        ObjectNode conversationBody = withDefaults(conversation);
        ArrayNode batch = nodes.arrayNode(3);
        batch.add(Requests.request(requestId + ":profile", TYPE_SET_USER_PROFILE, profile));
        batch.add(Requests.request(requestId + ":conversation", TYPE_REQUEST_CONVERSATION, conversationBody));
        if (message != null && !message.isNull()) {
            ObjectNode publish = nodes.objectNode();
            publish.set("event", firstMessageEvent(message));
            batch.add(Requests.request(requestId + ":message", TYPE_PUBLISH_EVENT, publish));
        }
        return new Batch(batch, ids(batch));
    }

    private static ObjectNode objectOrEmpty(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new LivePersonValidationException(field, "expected an object, got " + node.getNodeType());
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        // a null field means "not given": the option's default applies, and LivePerson never sees the null
        copy.properties().removeIf(entry -> entry.getValue().isNull());
        return copy;
    }

    private static void checkProfile(ObjectNode profile) {
        for (String field : PROFILE_TEXT_FIELDS) {
            JsonNode value = profile.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw new LivePersonValidationException("userProfile." + field, "expected a string, got " + value.getNodeType());
            }
        }
        for (String field : List.of("privateData", "authenticatedData")) {
            JsonNode value = profile.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                throw new LivePersonValidationException("userProfile." + field, "expected an object, got " + value.getNodeType());
            }
        }
    }

    private ObjectNode withDefaults(ObjectNode conversation) {
        putText(conversation, "brandId", configuration.effectiveBrandId());
        putText(conversation, "skillId", configuration.getSkillId());
        putText(conversation, "ttrDefName", configuration.getTtrDefName());
        putText(conversation, "channelType", configuration.getChannelType());
        if (configuration.getCampaignId() != null || configuration.getEngagementId() != null) {
            ObjectNode campaign = objectOrEmpty(conversation.get("campaignInfo"), "conversation.campaignInfo");
            putText(campaign, "campaignId", configuration.getCampaignId());
            putText(campaign, "engagementId", configuration.getEngagementId());
            conversation.set("campaignInfo", campaign);
        }
        if (configuration.getLang() != null) {
            ObjectNode context = objectOrEmpty(conversation.get("conversationContext"), "conversation.conversationContext");
            putText(context, "type", "SharkContext");
            putText(context, "lang", configuration.getLang());
            conversation.set("conversationContext", context);
        }

        requireText(conversation, "brandId", "conversation.brandId");
        idAsText(conversation, "skillId", "conversation.skillId");
        JsonNode ttr = conversation.get("ttrDefName");
        if (ttr != null && !ttr.isNull() && !(ttr.isTextual() && TTR_NAMES.contains(ttr.asText()))) {
            throw new LivePersonValidationException("conversation.ttrDefName", "expected one of " + TTR_NAMES);
        }
        optionalText(conversation, "channelType", "conversation.channelType");
        JsonNode campaign = conversation.get("campaignInfo");
        if (campaign != null && !campaign.isNull()) {
            if (!campaign.isObject()) {
                throw new LivePersonValidationException("conversation.campaignInfo", "expected an object");
            }
            idAsText((ObjectNode) campaign, "campaignId", "conversation.campaignInfo.campaignId");
            idAsText((ObjectNode) campaign, "engagementId", "conversation.campaignInfo.engagementId");
        }
        JsonNode context = conversation.get("conversationContext");
        if (context != null && !context.isNull() && !context.isObject()) {
            throw new LivePersonValidationException("conversation.conversationContext", "expected an object");
        }
        return conversation;
    }

    /** Sets {@code field} to {@code value} unless the body already has it or the value is null. */
    private static void putText(ObjectNode node, String field, String value) {
        if (value != null && (node.get(field) == null || node.get(field).isNull())) {
            node.put(field, value);
        }
    }

    private static void requireText(ObjectNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new LivePersonValidationException(path, "missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new LivePersonValidationException(path, "expected a non-empty string");
        }
    }

    private static void optionalText(ObjectNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw new LivePersonValidationException(path, "expected a string, got " + value.getNodeType());
        }
    }

    /** Ids are strings at LivePerson; an integral number from a JSON event is taken as its decimal text. */
    private static void idAsText(ObjectNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isTextual()) {
            return;
        }
        if (value.isIntegralNumber()) {
            node.put(field, value.asText());
            return;
        }
        throw new LivePersonValidationException(path, "expected a string, got " + value.getNodeType());
    }

    private ObjectNode firstMessageEvent(JsonNode message) {
        if (message.isTextual()) {
            return EventRules.text(firstMessageText(message));
        }
        if (message.isObject()) {
            return EventRules.check(message.deepCopy(), "message");
        }
        throw new LivePersonValidationException("message", "expected text or an event object, got " + message.getNodeType());
    }

    /** The text of a first message given as text, checked. */
    private static String firstMessageText(JsonNode message) {
        if (message.asText().isBlank()) {
            throw new LivePersonValidationException("message", "is empty");
        }
        return message.asText();
    }

    private Batch checkReadyBatch(ArrayNode batch) {
        if (batch.size() < 2 || batch.size() > 3) {
            throw new LivePersonValidationException("batch", "expected 2 or 3 requests, got " + batch.size());
        }
        for (int i = 0; i < batch.size(); i++) {
            String at = "batch[" + i + "]";
            JsonNode request = batch.get(i);
            if (!request.isObject()) {
                throw new LivePersonValidationException(at, "expected a request object");
            }
            JsonNode kind = request.get("kind");
            if (kind != null && !"req".equals(kind.asText(null))) {
                throw new LivePersonValidationException(at + ".kind", "expected \"req\"");
            }
            // an integer id, as in LivePerson's own examples ("id": 1), is sent as it is and answered as its text;
            // the same id twice is LivePerson's campaign-routing example: see AnswerReader for how answers are matched
            JsonNode id = request.get("id");
            boolean integer = id != null && id.isIntegralNumber() && id.canConvertToLong();
            if (id == null || !(id.isTextual() || integer) || id.asText().isEmpty()
                || id.asText().length() > MAX_ID_LENGTH) {
                throw new LivePersonValidationException(at + ".id", "expected a string of 1 to " + MAX_ID_LENGTH
                                                                    + " characters, or an integer");
            }
            JsonNode type = request.get("type");
            String typeName = type != null && type.isTextual() ? type.asText() : null;
            if (!ORDER.get(i).equals(typeName)) {
                String problem = typeName == null ? "missing" : ORDER.contains(typeName) ? "out of order" : "unknown type";
                throw new LivePersonValidationException(at + ".type", problem + " (" + typeName + "); expected "
                                                                      + ORDER.get(i) + " at position " + i);
            }
            JsonNode body = request.get("body");
            if (body == null || !body.isObject()) {
                throw new LivePersonValidationException(at + ".body", "expected an object");
            }
        }
        requireText((ObjectNode) batch.get(1).get("body"), "brandId", "batch[1].body.brandId");
        if (batch.size() == 3) {
            EventRules.check(batch.get(2).get("body").get("event"), "batch[2].body.event");
        }
        return new Batch(batch, ids(batch));
    }

    private static List<String> ids(ArrayNode batch) {
        return batch.valueStream().map(request -> request.get("id").asText()).toList();
    }
}
