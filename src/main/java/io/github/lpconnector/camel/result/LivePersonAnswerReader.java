package io.github.lpconnector.camel.result;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

    /** The types of a CREATE batch's requests, by position. */
    private static final String[] CREATE_TYPES = { TYPE_SET_USER_PROFILE, TYPE_REQUEST_CONVERSATION, TYPE_PUBLISH_EVENT };

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
        String[] ids = messageRequestId != null
                ? new String[] { profileRequestId, conversationRequestId, messageRequestId }
                : new String[] { profileRequestId, conversationRequestId };
        Answered[] answered = answered(ids, response);
        List<RequestOutcome> outcomes = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            outcomes.add(outcome(response, ids[i], CREATE_TYPES[i], answered[i]));
        }
        RequestOutcome conversation = outcomes.get(1);
        String conversationId = conversation.isOk() && answered[1] != null ? answered[1].conversationId : null;
        if (conversationId == null || conversationId.isEmpty()) {
            throw failure(conversation, null);
        }
        for (RequestOutcome outcome : outcomes) {
            if (!outcome.isOk()) {
                throw failure(outcome, conversationId);
            }
        }
        Long sequence = ids.length == 3 && answered[2] != null ? answered[2].sequence : null;
        return new CreateConversationResult(conversationId, sequence, outcomes);
    }

    private RequestOutcome outcome(LivePersonHttpResponse response, String id, String type, Answered answer) {
        if (answer == null) {
            return new RequestOutcome(id, type, "missing", null);
        }
        int position = answer.position;
        return answer.hasBody ? RequestOutcome.withLazyBody(id, type, answer.code, () -> bodyAt(response, position))
                : new RequestOutcome(id, type, answer.code, null);
    }

    private static LivePersonRequestFailedException failure(RequestOutcome outcome, String conversationId) {
        return new LivePersonRequestFailedException(outcome.type(), outcome.reqId(), outcome.code(),
                outcome.body() != null ? outcome.body().toString() : null, conversationId);
    }

    /**
     * What the answer says of one request: where its item sits in the answer array, its code as text ("" when
     * absent), and the two values a CREATE reads from the top of a body (conversationId, sequence).
     */
    private static final class Answered {
        int position;
        String code = "";
        boolean hasBody;
        String conversationId;
        Long sequence;
    }

    /**
     * Streams the answer array once and matches its items to {@code ids} by reqId, without building a tree or a
     * string per item: bodies are read as trees only when an outcome's body is asked for. Duplicate keys are not
     * looked for here: this is LivePerson's answer, not a route's input, and the hunt costs a set per item.
     *
     * @return per id, what its item said, or null when no item answered it
     */
    private Answered[] answered(String[] ids, LivePersonHttpResponse response) {
        Answered[] byRequest = new Answered[ids.length];
        try (JsonParser parser = answerParser(response)) {
            int position = -1;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new JsonParseException(parser, "unexpected end of the answer");
                }
                position++;
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                Answered item = new Answered();
                item.position = position;
                int request = -1;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("reqId".equals(field) && value.isScalarValue()) {
                        request = value == JsonToken.VALUE_NULL ? -1 : indexOfText(parser, ids);
                    } else if ("code".equals(field) && value.isScalarValue()) {
                        item.code = code(parser);
                    } else if ("body".equals(field)) {
                        item.hasBody = true;
                        readTopOfBody(parser, item);
                    } else {
                        parser.skipChildren();
                    }
                }
                if (request >= 0) {
                    byRequest[request] = item;
                }
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing content after the answer");
            }
        } catch (IOException e) {
            throw unreadable(response, e);
        }
        return byRequest;
    }

    /** The answer's body at {@code position} of the array as a tree (the last {@code body} field), or null. */
    private JsonNode bodyAt(LivePersonHttpResponse response, int position) {
        try (JsonParser parser = answerParser(response)) {
            for (int i = 0; i < position; i++) {
                parser.nextToken();
                parser.skipChildren();
            }
            JsonNode body = null;
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if ("body".equals(field)) {
                        body = readValue(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            return body;
        } catch (IOException e) {
            throw unreadable(response, e); // read once already: only a changed array could get here
        }
    }

    /** A parser on the answer, positioned inside its top-level array. */
    private JsonParser answerParser(LivePersonHttpResponse response) throws IOException {
        JsonParser parser = LivePersonJson.ANSWER_FACTORY.createParser(response.body());
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            parser.close();
            throw new LivePersonConnectorException("LivePerson answered HTTP " + response.status()
                                                   + " with a body that is not a JSON array of answers;"
                                                   + " the conversation may have been opened");
        }
        return parser;
    }

    private static LivePersonConnectorException unreadable(LivePersonHttpResponse response, IOException e) {
        return new LivePersonConnectorException("LivePerson answered HTTP " + response.status()
                                                + " with a body that is not readable JSON", e);
    }

    /** Reads the body's value, keeping its top-level conversationId and sequence, as JsonNode#asText/asLong would. */
    private static void readTopOfBody(JsonParser parser, Answered item) throws IOException {
        item.conversationId = null;
        item.sequence = null;
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("conversationId".equals(field)) {
                item.conversationId = value.isScalarValue() ? (value == JsonToken.VALUE_NULL ? null : parser.getText()) : "";
            } else if ("sequence".equals(field)) {
                item.sequence = parser.getValueAsLong();
            }
            parser.skipChildren();
        }
    }

    /** The index of the id equal to the current string, compared in the parser's buffer; -1 when none is. */
    private static int indexOfText(JsonParser parser, String[] ids) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            String text = parser.getText();
            for (int i = 0; i < ids.length; i++) {
                if (text.equals(ids[i])) {
                    return i;
                }
            }
            return -1;
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        for (int i = 0; i < ids.length; i++) {
            if (sameChars(ids[i], chars, offset, length)) {
                return i;
            }
        }
        return -1;
    }

    /** Compared from the end: a batch's ids differ only in their suffixes. */
    private static boolean sameChars(String id, char[] chars, int offset, int length) {
        if (id == null || id.length() != length) {
            return false;
        }
        for (int i = length - 1; i >= 0; i--) {
            if (id.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** The item's code as text; the usual ones as constants. */
    private static String code(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            switch (parser.getIntValue()) {
                case 200:
                    return "200";
                case 201:
                    return "201";
                default:
                    return parser.getText();
            }
        }
        if (token == JsonToken.VALUE_STRING
            && sameChars("OK", parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())) {
            return "OK";
        }
        return parser.getText();
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
