package io.github.lpconnector.camel.batch;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonJson;
import io.github.lpconnector.camel.LivePersonValidationException;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_PUBLISH_EVENT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_REQUEST_CONVERSATION;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_SET_USER_PROFILE;

/**
 * Turns a body, read as JSON, into the ordered CREATE batch: {@code userprofile.SetUserProfile}, then
 * {@code cm.ConsumerRequestConversation}, then optionally {@code ms.PublishEvent}. Fills what the body leaves out
 * from the endpoint's options and refuses, naming the field, whatever LivePerson would refuse.
 */
public final class CreateBatchBuilder {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("userProfile", "conversation", "message");
    private static final Set<String> PROFILE_TEXT_FIELDS
            = Set.of("firstName", "lastName", "userId", "avatarUrl", "role", "backgndImgUri", "description");
    private static final Set<String> TTR_NAMES = Set.of("NORMAL", "URGENT", "PRIORITIZED", "CUSTOM");
    private static final List<String> ORDER = List.of(TYPE_SET_USER_PROFILE, TYPE_REQUEST_CONVERSATION, TYPE_PUBLISH_EVENT);
    private static final int MAX_ID_LENGTH = 64;
    /** What a request's id adds to the exchange's prefix, per request of the batch. */
    private static final String PROFILE_ID_SUFFIX = ":profile";
    private static final String CONVERSATION_ID_SUFFIX = ":conversation";
    private static final String MESSAGE_ID_SUFFIX = ":message";
    /** The constant names and values of a written batch, encoded once. */
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString REQ = new SerializedString("req");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString BODY = new SerializedString("body");
    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString PROFILE_TYPE = new SerializedString(TYPE_SET_USER_PROFILE);
    private static final SerializedString CONVERSATION_TYPE = new SerializedString(TYPE_REQUEST_CONVERSATION);
    private static final SerializedString PUBLISH_TYPE = new SerializedString(TYPE_PUBLISH_EVENT);
    /** Text nodes are immutable: the constant ones are shared by every batch. */
    private static final TextNode KIND_REQ = TextNode.valueOf("req");
    private static final Map<String, TextNode> TYPE_NODES = Map.of(
            TYPE_SET_USER_PROFILE, TextNode.valueOf(TYPE_SET_USER_PROFILE),
            TYPE_REQUEST_CONVERSATION, TextNode.valueOf(TYPE_REQUEST_CONVERSATION),
            TYPE_PUBLISH_EVENT, TextNode.valueOf(TYPE_PUBLISH_EVENT));

    private final LivePersonConnectorConfiguration configuration;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    /** What every text body's batch shares, made and checked by {@link #prefill} or on first use. */
    private volatile TextDefaults textDefaults;

    /** A batch as the JSON bytes to send, with the ids of its requests so that answers are matched by reqId. */
    public record Written(byte[] json, String profileRequestId, String conversationRequestId, String messageRequestId) {
    }

    public CreateBatchBuilder(LivePersonConnectorConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * @param body      the body as read by {@link RequestBodyReader}
     * @param requestId a prefix unique to this exchange; request ids are made from it
     */
    public CreateBatch build(JsonNode body, String requestId) {
        if (body.isArray()) {
            return checkReadyBatch((ArrayNode) body);
        }
        if (body.isTextual()) {
            return compose(nodes.objectNode(), nodes.objectNode(), body, requestId);
        }
        if (!body.isObject()) {
            throw new LivePersonValidationException("body", "expected a JSON object, a JSON array or text");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!TOP_LEVEL_KEYS.contains(name)) {
                throw new LivePersonValidationException(name, "unknown key; expected " + TOP_LEVEL_KEYS);
            }
        }
        ObjectNode profile = objectOrEmpty(body.get("userProfile"), "userProfile");
        ObjectNode conversation = objectOrEmpty(body.get("conversation"), "conversation");
        return compose(profile, conversation, body.get("message"), requestId);
    }

    /**
     * The batch for {@code body} as JSON bytes: what {@link #build} gives, serialised. A text body (the first
     * message alone, the usual case) is written straight to bytes, byte for byte the same, without building the tree.
     */
    public Written write(JsonNode body, String requestId) throws IOException {
        if (body.isTextual()) {
            return writeText(body, requestId);
        }
        CreateBatch batch = build(body, requestId);
        return new Written(LivePersonJson.MAPPER.writeValueAsBytes(batch.requests()), batch.profileRequestId(),
                batch.conversationRequestId(), batch.messageRequestId());
    }

    private Written writeText(JsonNode body, String requestId) throws IOException {
        TextDefaults defaults = textDefaults();
        String text = firstMessageText(body);
        byte[] json = defaults.template() != null ? defaults.template().fill(requestId, text) : null;
        if (json == null) {
            json = generateText(defaults.conversation(), requestId, text);
        }
        return new Written(json, requestId + PROFILE_ID_SUFFIX, requestId + CONVERSATION_ID_SUFFIX,
                requestId + MESSAGE_ID_SUFFIX);
    }

    /** The text body's batch, written by the generator. */
    static byte[] generateText(SerializedString conversation, String requestId, String text) throws IOException {
        // the generator and its output buffer are lent by the factory's recycler, as writeValueAsBytes does
        BufferRecycler recycler = LivePersonJson.MAPPER.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator gen = LivePersonJson.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                gen.writeStartArray();
                startRequest(gen, requestId + PROFILE_ID_SUFFIX, PROFILE_TYPE);
                gen.writeStartObject();
                gen.writeEndObject();
                gen.writeEndObject();
                startRequest(gen, requestId + CONVERSATION_ID_SUFFIX, CONVERSATION_TYPE);
                gen.writeRawValue(conversation);
                gen.writeEndObject();
                startRequest(gen, requestId + MESSAGE_ID_SUFFIX, PUBLISH_TYPE);
                gen.writeStartObject();
                gen.writeFieldName(EVENT);
                Events.writeText(gen, text);
                gen.writeEndObject();
                gen.writeEndObject();
                gen.writeEndArray();
            }
            byte[] json = out.getClearAndRelease();
            recycler.releaseToPool();
            return json;
        }
    }

    /** The conversation body of a text body and its batch's template. */
    private record TextDefaults(SerializedString conversation, TextBatchTemplate template) {
    }

    /**
     * The options' defaults as a conversation body, and the template of a text body's batch; a refusal is thrown again
     * for each exchange, as compose would.
     */
    private TextDefaults textDefaults() throws IOException {
        TextDefaults defaults = textDefaults;
        return defaults != null ? defaults : makeTextDefaults();
    }

    private TextDefaults makeTextDefaults() throws IOException {
        SerializedString conversation
                = new SerializedString(LivePersonJson.MAPPER.writeValueAsString(withDefaults(nodes.objectNode())));
        TextDefaults defaults = new TextDefaults(conversation, TextBatchTemplate.of(
                generateText(conversation, TextBatchTemplate.ID_MARKER, TextBatchTemplate.TEXT_MARKER)));
        textDefaults = defaults;
        return defaults;
    }

    /** Makes what every text body's batch shares now rather than at the first one; a refusal is left to it. */
    public void prefill() {
        try {
            makeTextDefaults();
        } catch (IOException | RuntimeException e) {
            // the first text body's exchange meets the refusal again, and reports it
        }
    }

    /** Writes a request's start, as {@link #request} orders its fields, up to its body's value. */
    private static void startRequest(JsonGenerator json, String id, SerializedString type) throws IOException {
        json.writeStartObject();
        json.writeFieldName(KIND);
        json.writeString(REQ);
        json.writeFieldName(ID);
        json.writeString(id);
        json.writeFieldName(TYPE);
        json.writeString(type);
        json.writeFieldName(BODY);
    }

    private CreateBatch compose(ObjectNode profile, ObjectNode conversation, JsonNode message, String requestId) {
        checkProfile(profile);
        ObjectNode conversationBody = withDefaults(conversation);
        ArrayNode batch = nodes.arrayNode(3);
        String profileId = requestId + PROFILE_ID_SUFFIX;
        String conversationId = requestId + CONVERSATION_ID_SUFFIX;
        batch.add(request(profileId, TYPE_SET_USER_PROFILE, profile));
        batch.add(request(conversationId, TYPE_REQUEST_CONVERSATION, conversationBody));
        String messageId = null;
        if (message != null && !message.isNull()) {
            messageId = requestId + MESSAGE_ID_SUFFIX;
            ObjectNode publish = nodes.objectNode();
            publish.set("event", firstMessageEvent(message));
            batch.add(request(messageId, TYPE_PUBLISH_EVENT, publish));
        }
        return new CreateBatch(batch, profileId, conversationId, messageId);
    }

    private ObjectNode request(String id, String type, ObjectNode body) {
        ObjectNode request = nodes.objectNode();
        request.set("kind", KIND_REQ);
        request.put("id", id);
        request.set("type", TYPE_NODES.get(type));
        request.set("body", body);
        return request;
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
            return Events.text(firstMessageText(message));
        }
        if (message.isObject()) {
            return Events.check(message.deepCopy(), "message");
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

    private CreateBatch checkReadyBatch(ArrayNode batch) {
        if (batch.size() < 2 || batch.size() > 3) {
            throw new LivePersonValidationException("batch", "expected 2 or 3 requests, got " + batch.size());
        }
        Set<String> ids = new HashSet<>();
        String[] idByPosition = new String[3];
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
            JsonNode id = request.get("id");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > MAX_ID_LENGTH) {
                throw new LivePersonValidationException(at + ".id", "expected a string of 1 to " + MAX_ID_LENGTH + " characters");
            }
            if (!ids.add(id.asText())) {
                throw new LivePersonValidationException(at + ".id", "duplicate id '" + id.asText() + "'");
            }
            idByPosition[i] = id.asText();
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
            Events.check(batch.get(2).get("body").get("event"), "batch[2].body.event");
        }
        return new CreateBatch(batch, idByPosition[0], idByPosition[1], idByPosition[2]);
    }
}
