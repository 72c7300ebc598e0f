package io.github.lpconnector.camel.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.LivePersonHttpException;
import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.model.CreateConversationResult;
import io.github.lpconnector.camel.model.CreateConversationResult.RequestOutcome;

import static io.github.lpconnector.camel.internal.Protocol.TYPE_PUBLISH_EVENT;
import static io.github.lpconnector.camel.internal.Protocol.TYPE_REQUEST_CONVERSATION;
import static io.github.lpconnector.camel.internal.Protocol.TYPE_SET_USER_PROFILE;

/**
 * Reads LivePerson's answers: a CREATE batch's items matched to its requests by {@code reqId} (never by position, but
 * see {@link #answered} for ids a batch repeats), a SEND answer, and the {@code errorCode} and {@code title} of an
 * error body.
 */
final class AnswerReader {

    /** The types of a CREATE batch's requests, by position. */
    private static final String[] CREATE_TYPES = { TYPE_SET_USER_PROFILE, TYPE_REQUEST_CONVERSATION, TYPE_PUBLISH_EVENT };
    private static final String MISSING = "missing";

    private AnswerReader() {
    }

    /**
     * The result of a CREATE whose requests had {@code ids} (profile, conversation and, if any, message). Throws
     * {@link LivePersonRequestFailedException} when a request was refused, with the conversation id when the
     * conversation was opened anyway.
     */
    static CreateConversationResult create(List<String> ids, LivePersonClient.Answer answer) {
        JsonNode items = read(answer);
        if (!items.isArray()) {
            throw new LivePersonConnectorException("LivePerson answered HTTP " + answer.status()
                                                   + " with a body that is not a JSON array of answers;"
                                                   + " the conversation may have been opened");
        }
        List<RequestOutcome> outcomes = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            outcomes.add(outcome(answered(items, ids, i), ids.get(i), CREATE_TYPES[i]));
        }
        RequestOutcome conversation = outcomes.get(1);
        String conversationId = conversation.isOk() ? text(conversation.body(), "conversationId") : null;
        if (conversationId == null || conversationId.isEmpty()) {
            throw refused(conversation, null);
        }
        for (RequestOutcome outcome : outcomes) {
            if (!outcome.isOk()) {
                throw refused(outcome, conversationId);
            }
        }
        Long sequence = outcomes.size() == 3 ? sequence(outcomes.get(2).body()) : null;
        return new CreateConversationResult(conversationId, sequence, outcomes);
    }

    /**
     * The sequence LivePerson gave a SEND request (null when it gave none); throws
     * {@link LivePersonRequestFailedException} when the request was refused.
     */
    static Long send(String requestId, String type, LivePersonClient.Answer answer, String conversationId) {
        JsonNode item = read(answer);
        if (!item.isObject()) {
            throw new LivePersonConnectorException("LivePerson answered HTTP " + answer.status()
                                                   + " with a body that is not a JSON object");
        }
        RequestOutcome outcome = new RequestOutcome(requestId, type, item.path("code").asText(MISSING),
                item.get("body"));
        if (!outcome.isOk()) {
            throw refused(outcome, conversationId);
        }
        return sequence(outcome.body());
    }

    /** The {@code body} of a SEND answer (missing when it has none). */
    static JsonNode body(LivePersonClient.Answer answer) {
        return read(answer).path("body");
    }

    /** The typed exception for an HTTP error answer, with LivePerson's errorCode and title when the body has them. */
    static LivePersonHttpException httpError(String operation, LivePersonClient.Answer answer) {
        JsonNode details = errorDetails(answer);
        JsonNode title = details.path("title");
        return new LivePersonHttpException(operation, answer.status(), answer.reasonPhrase(), answer.bodyText(),
                errorCode(answer), title.isTextual() ? title.asText() : null, answer.retryAfterSeconds(),
                answer.attempts());
    }

    /** LivePerson's {@code errorCode} in an error body ({@code {errorCode}} or {@code {body: {errorCode}}}), or null. */
    static Integer errorCode(LivePersonClient.Answer answer) {
        JsonNode code = errorDetails(answer).path("errorCode");
        return code.canConvertToInt() && !code.isMissingNode() ? code.asInt() : null;
    }

    private static JsonNode errorDetails(LivePersonClient.Answer answer) {
        try {
            JsonNode error = Json.ANSWERS.readTree(answer.body());
            return error != null && error.path("body").isObject() ? error.get("body")
                    : error != null ? error : Json.MAPPER.missingNode();
        } catch (IOException | RuntimeException e) {
            return Json.MAPPER.missingNode(); // not JSON: status and raw body are all there is
        }
    }

    private static JsonNode read(LivePersonClient.Answer answer) {
        try {
            JsonNode tree = Json.ANSWERS.readTree(answer.body());
            return tree != null ? tree : Json.MAPPER.missingNode(); // an empty body
        } catch (IOException e) {
            throw new LivePersonConnectorException("LivePerson answered HTTP " + answer.status()
                                                   + " with a body that is not readable JSON", e);
        }
    }

    /**
     * The answer item of request {@code index}: the last item whose {@code reqId} is its id. Requests that share an
     * id (LivePerson's campaign-routing example gives two the same one) cannot be told apart by it: the conversation
     * request takes the item carrying a {@code conversationId}, and the others take the remaining items of their id
     * in the order LivePerson answered them. Null when none is left.
     */
    private static JsonNode answered(JsonNode items, List<String> ids, int index) {
        String id = ids.get(index);
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode reqId = item.path("reqId");
            if (reqId.isValueNode() && !reqId.isNull() && id.equals(reqId.asText())) {
                candidates.add(item);
            }
        }
        List<Integer> sharing = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (id.equals(ids.get(i))) {
                sharing.add(i);
            }
        }
        if (sharing.size() == 1) {
            return candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
        }
        JsonNode conversationItem = candidates.stream()
                .filter(item -> item.path("body").path("conversationId").isValueNode()).findFirst().orElse(null);
        if (sharing.contains(1) && conversationItem != null) {
            if (index == 1) {
                return conversationItem;
            }
            candidates.remove(conversationItem);
            sharing.remove(Integer.valueOf(1));
        }
        int rank = sharing.indexOf(index);
        return rank < candidates.size() ? candidates.get(rank) : null;
    }

    private static RequestOutcome outcome(JsonNode answered, String id, String type) {
        if (answered == null) {
            return new RequestOutcome(id, type, MISSING, null);
        }
        JsonNode code = answered.path("code");
        return new RequestOutcome(id, type, code.isValueNode() ? code.asText() : "", answered.get("body"));
    }

    /** A scalar field of {@code body} as text: null when absent or null, "" when it is not a scalar. */
    private static String text(JsonNode body, String field) {
        JsonNode value = body != null ? body.get(field) : null;
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : "";
    }

    private static Long sequence(JsonNode body) {
        JsonNode sequence = body != null ? body.get("sequence") : null;
        return sequence != null && sequence.canConvertToLong() ? sequence.asLong() : null;
    }

    private static LivePersonRequestFailedException refused(RequestOutcome outcome, String conversationId) {
        JsonNode errorCode = outcome.body() != null ? outcome.body().path("errorCode") : null;
        return new LivePersonRequestFailedException(outcome.type(), outcome.reqId(), outcome.code(),
                outcome.body() != null ? outcome.body().toString() : null, conversationId,
                errorCode != null && errorCode.canConvertToInt() && errorCode.isIntegralNumber()
                        ? errorCode.asInt() : null);
    }
}
