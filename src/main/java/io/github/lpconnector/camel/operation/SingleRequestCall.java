package io.github.lpconnector.camel.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.LivePersonJson;
import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.LivePersonValidationException;
import io.github.lpconnector.camel.http.LivePersonHttpResponse;
import io.github.lpconnector.camel.result.LivePersonAnswerReader;
import io.github.lpconnector.camel.result.RequestOutcome;
import org.apache.camel.Exchange;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;

/**
 * A SEND call ({@code .../conversation/send}): one request {@code {"kind":"req","id","type","body"}} about the
 * conversation of the {@code conversationId} header, one answer {@code {"reqId","code","body"}}. The message body
 * is left as it was; the answer's {@code sequence}, when there is one, goes to {@code LivePersonMessageSequence}.
 */
final class SingleRequestCall implements ConnectorCall {

    private static final int MAX_CONVERSATION_ID_LENGTH = 128;
    private static final LivePersonAnswerReader ANSWERS = new LivePersonAnswerReader();

    private final String operation;
    private final String pathAndQuery;
    private final String type;
    private final String requestId;
    private final byte[] json;

    SingleRequestCall(String operation, String pathAndQuery, String type, String requestId, ObjectNode body) {
        this.operation = operation;
        this.pathAndQuery = pathAndQuery;
        this.type = type;
        this.requestId = requestId;
        ObjectNode request = LivePersonJson.MAPPER.createObjectNode();
        request.put("kind", "req");
        request.put("id", requestId);
        request.put("type", type);
        request.set("body", body);
        try {
            this.json = LivePersonJson.MAPPER.writeValueAsBytes(request);
        } catch (Exception e) {
            throw new LivePersonConnectorException("cannot write the " + type + " request", e);
        }
    }

    static String sendPath(LivePersonConnectorConfiguration configuration) {
        return "/api/account/" + configuration.getAccountId() + "/messaging/consumer/conversation/send?v="
               + configuration.getApiVersion();
    }

    /** The {@code conversationId} header, required by {@code send} and {@code close}. */
    static String conversationId(Exchange exchange, String operation) {
        Object value = exchange.getMessage().getHeader(CONVERSATION_ID);
        String id = value != null ? value.toString() : null;
        if (id == null || id.isBlank()) {
            throw new LivePersonValidationException(CONVERSATION_ID, "missing: " + operation
                                                                     + " needs the header " + CONVERSATION_ID
                                                                     + " (set by create)");
        }
        if (id.length() > MAX_CONVERSATION_ID_LENGTH) {
            throw new LivePersonValidationException(CONVERSATION_ID, "expected an id of at most "
                                                                     + MAX_CONVERSATION_ID_LENGTH + " characters");
        }
        return io.github.lpconnector.camel.LivePersonInputRules.id(CONVERSATION_ID, id);
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public String pathAndQuery() {
        return pathAndQuery;
    }

    @Override
    public byte[] json() {
        return json;
    }

    @Override
    public void onSuccess(Exchange exchange, LivePersonHttpResponse response) {
        JsonNode answer = ANSWERS.readSingle(response);
        RequestOutcome outcome = new RequestOutcome(requestId, type, answer.path("code").asText("missing"),
                answer.get("body"));
        String conversationId = exchange.getMessage().getHeader(CONVERSATION_ID, String.class);
        if (!outcome.isOk()) {
            throw new LivePersonRequestFailedException(type, requestId, outcome.code(),
                    outcome.body() != null ? outcome.body().toString() : null, conversationId);
        }
        JsonNode sequence = outcome.body() != null ? outcome.body().get("sequence") : null;
        if (sequence != null && sequence.canConvertToLong()) {
            exchange.getMessage().setHeader(MESSAGE_SEQUENCE, sequence.asLong());
        } else {
            exchange.getMessage().removeHeader(MESSAGE_SEQUENCE);
        }
    }
}
