package io.github.lpconnector.camel.result;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.LivePersonHttpException;
import io.github.lpconnector.camel.LivePersonJson;
import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.batch.CreateBatch;
import io.github.lpconnector.camel.http.LivePersonHttpResponse;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_PUBLISH_EVENT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_REQUEST_CONVERSATION;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_SET_USER_PROFILE;

/** Reads LivePerson's answers: batch results matched by {@code reqId}, and error bodies. */
public final class LivePersonAnswerReader {

    private final ObjectMapper mapper = LivePersonJson.MAPPER;

    /**
     * Reads the answer to a CREATE batch. Returns the result when the conversation was opened and every request
     * succeeded; throws {@link LivePersonRequestFailedException} otherwise, with the conversation id when the
     * conversation was opened.
     */
    public CreateConversationResult readCreate(CreateBatch batch, LivePersonHttpResponse response) {
        return readCreate(batch.profileRequestId(), batch.conversationRequestId(), batch.messageRequestId(), response);
    }

    /**
     * The same from the request ids alone (a batch's types are fixed by position), so that a caller waiting for the
     * answer need not keep the batch itself.
     *
     * @param messageRequestId null when the batch had no first message
     */
    public CreateConversationResult readCreate(String profileRequestId, String conversationRequestId,
                                               String messageRequestId, LivePersonHttpResponse response) {
        Map<String, Item> answersById = answersById(response);
        List<RequestOutcome> outcomes = new ArrayList<>(3);
        outcomes.add(outcome(answersById, profileRequestId, TYPE_SET_USER_PROFILE));
        outcomes.add(outcome(answersById, conversationRequestId, TYPE_REQUEST_CONVERSATION));
        if (messageRequestId != null) {
            outcomes.add(outcome(answersById, messageRequestId, TYPE_PUBLISH_EVENT));
        }
        RequestOutcome conversation = outcomes.get(1);
        String conversationId = conversation.isOk() && conversation.body() != null
                ? conversation.body().path("conversationId").asText(null) : null;
        if (conversationId == null || conversationId.isEmpty()) {
            throw failure(conversation, null);
        }
        for (RequestOutcome outcome : outcomes) {
            if (!outcome.isOk()) {
                throw failure(outcome, conversationId);
            }
        }
        Long sequence = null;
        if (outcomes.size() == 3 && outcomes.get(2).body() != null && outcomes.get(2).body().has("sequence")) {
            sequence = outcomes.get(2).body().get("sequence").asLong();
        }
        return new CreateConversationResult(conversationId, sequence, outcomes);
    }

    private static RequestOutcome outcome(Map<String, Item> answersById, String id, String type) {
        Item answer = answersById.get(id);
        return answer == null ? new RequestOutcome(id, type, "missing", null)
                : new RequestOutcome(id, type, answer.code(), answer.body());
    }

    private static LivePersonRequestFailedException failure(RequestOutcome outcome, String conversationId) {
        return new LivePersonRequestFailedException(outcome.type(), outcome.reqId(), outcome.code(),
                outcome.body() != null ? outcome.body().toString() : null, conversationId);
    }

    /** One item of a batch answer: its code as text ("" when absent) and its body (null when absent). */
    private record Item(String code, JsonNode body) {
    }

    /**
     * Streams the answer array, keeping of each item only its code and its (small) body as a tree. Duplicate keys are
     * not looked for here: this is LivePerson's answer, not a route's input, and the hunt costs a set per item.
     */
    private Map<String, Item> answersById(LivePersonHttpResponse response) {
        Map<String, Item> byId = new HashMap<>(8);
        try (JsonParser parser = mapper.createParser(response.body())) {
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new LivePersonConnectorException("LivePerson answered HTTP " + response.status()
                                                       + " with a body that is not a JSON array of answers;"
                                                       + " the conversation may have been opened");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new JsonParseException(parser, "unexpected end of the answer");
                }
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                String reqId = null;
                String code = "";
                JsonNode body = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("reqId".equals(field) && value.isScalarValue()) {
                        reqId = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    } else if ("code".equals(field) && value.isScalarValue()) {
                        code = parser.getText();
                    } else if ("body".equals(field)) {
                        body = readValue(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                if (reqId != null) {
                    byId.put(reqId, new Item(code, body));
                }
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing content after the answer");
            }
        } catch (IOException e) {
            throw new LivePersonConnectorException("LivePerson answered HTTP " + response.status()
                                                   + " with a body that is not readable JSON", e);
        }
        return byId;
    }

    /**
     * The value at the parser's current token as a tree, built here rather than through a deserialization context per
     * item: the bodies are a few small fields. The parser's read constraints (nesting depth, lengths) still apply.
     */
    private static JsonNode readValue(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new JsonParseException(parser, "unexpected " + parser.currentToken());
        }
    }

    /** Reads a single answer ({@code {reqId, code, body}}) of a SEND call. */
    public JsonNode readSingle(LivePersonHttpResponse response) {
        JsonNode answer = readJson(response);
        if (!answer.isObject()) {
            throw new LivePersonConnectorException("LivePerson answered HTTP " + response.status()
                                                   + " with a body that is not a JSON object");
        }
        return answer;
    }

    private JsonNode readJson(LivePersonHttpResponse response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new LivePersonConnectorException("LivePerson answered HTTP " + response.status()
                                                   + " with a body that is not readable JSON", e);
        }
    }

    /** The typed exception for an HTTP error answer, with LivePerson's errorCode and title when the body has them. */
    public LivePersonHttpException httpError(String operation, LivePersonHttpResponse response, int attempts) {
        Integer errorCode = null;
        String title = null;
        try {
            JsonNode error = mapper.readTree(response.body());
            JsonNode details = error != null && error.path("body").isObject() ? error.get("body") : error;
            if (details != null && details.isObject()) {
                errorCode = details.path("errorCode").canConvertToInt() && !details.path("errorCode").isMissingNode()
                        ? details.get("errorCode").asInt() : null;
                title = details.path("title").isTextual() ? details.get("title").asText() : null;
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: status and raw body are all there is
        }
        return new LivePersonHttpException(operation, response.status(), response.reasonPhrase(), response.bodyAsText(),
                errorCode, title, response.retryAfterSeconds(), attempts);
    }
}
