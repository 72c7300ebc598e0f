package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonValidationException;
import io.github.lpconnector.camel.model.CsatRating;
import io.github.lpconnector.camel.model.FileUpload;
import io.github.lpconnector.camel.model.LivePersonEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HTTP_STATUS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;
import static io.github.lpconnector.camel.internal.Protocol.TYPE_PUBLISH_EVENT;
import static io.github.lpconnector.camel.internal.Protocol.TYPE_UPDATE_CONVERSATION_FIELD;

/**
 * A SEND call ({@code .../conversation/send}) about the conversation of the {@code conversationId} header: one
 * request, one answer {@code {"reqId","code","body"}}. The message body is left as it was; the answer's
 * {@code sequence}, when there is one, goes to {@code LivePersonMessageSequence}.
 * <ul>
 * <li>{@code send} publishes the body as one event ({@code ms.PublishEvent}): plain text (a text message), a
 * {@link LivePersonEvent}, or an event as a Map or JSON object with its {@code type}. A {@link CsatRating}, or a
 * Map/JSON object with {@code "field":"CSATRate"}, is sent as {@code cm.UpdateConversationField} instead; a
 * {@link FileUpload} is uploaded and published by {@link FileUploadCall}.</li>
 * <li>{@code close} closes the conversation with {@code cm.UpdateConversationField} and
 * {@code {"field":"ConversationStateField","conversationState":"CLOSE"}}; the body is not used.</li>
 * </ul>
 */
final class SendOperation implements ConnectorOperation {

    private static final int MAX_CONVERSATION_ID_LENGTH = 128;
    private static final String CSAT_FIELD = "CSATRate";

    /**
     * One SEND request.
     *
     * @param numbered whether the answer's sequence numbers a message: LivePerson answers a chat state, which takes
     *                 no place in the conversation's sequence, with {@code "sequence": 0} all the same
     */
    record Request(String type, ObjectNode body, boolean numbered) {
    }

    private final String operation;
    private final Function<Exchange, Request> request;

    private SendOperation(String operation, Function<Exchange, Request> request) {
        this.operation = operation;
        this.request = request;
    }

    static SendOperation publish() {
        return new SendOperation("send", exchange -> {
            Object payload = exchange.getMessage().getBody();
            String conversationId = conversationId(exchange, "send");
            if (payload instanceof CsatRating csat) {
                return csat(conversationId, CsatFields.of(csat));
            }
            ObjectNode event = event(payload);
            if (CSAT_FIELD.equals(event.path("field").asText(null))) {
                return csat(conversationId, event);
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("dialogId", conversationId);
            body.set("event", EventRules.check(event, "body"));
            return new Request(TYPE_PUBLISH_EVENT, body, !"ChatStateEvent".equals(event.path("type").asText()));
        });
    }

    static SendOperation close() {
        return new SendOperation("close", exchange -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("conversationId", conversationId(exchange, "close"));
            ObjectNode field = body.putObject("conversationField");
            field.put("field", "ConversationStateField");
            field.put("conversationState", "CLOSE");
            return new Request(TYPE_UPDATE_CONVERSATION_FIELD, body, false);
        });
    }

    private static Request csat(String conversationId, ObjectNode field) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("conversationId", conversationId);
        body.set("conversationField", CsatFields.check(field));
        return new Request(TYPE_UPDATE_CONVERSATION_FIELD, body, false);
    }

    @Override
    public PreparedCall prepare(Exchange exchange) {
        if ("send".equals(operation) && exchange.getMessage().getBody() instanceof FileUpload file) {
            return new FileUploadCall(exchange.getExchangeId(), conversationId(exchange, "send"),
                    FileUploads.read(file));
        }
        Request call = request.apply(exchange);
        String requestId = exchange.getExchangeId() + ":" + operation;
        byte[] json = Json.write(Requests.request(requestId, call.type(), call.body()));
        return new PreparedCall() {
            @Override
            public CompletableFuture<LivePersonClient.Answer> send(LivePersonClient client, URI messaging,
                                                                   LivePersonClient.Tokens tokens) {
                return client.send(messaging, tokens, json);
            }

            @Override
            public CompletableFuture<Void> complete(Exchange exchange, LivePersonClient.Answer answer) {
                try {
                    Long sequence = completeSend(exchange, operation, requestId, call.type(), answer);
                    setSequence(exchange.getMessage(), call.numbered() ? sequence : null);
                    return CompletableFuture.completedFuture(null);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        };
    }

    /** Applies a SEND answer: the status header, or the typed failure; returns the answer's sequence, if any. */
    static Long completeSend(Exchange exchange, String operation, String requestId, String type,
                             LivePersonClient.Answer answer) {
        Message message = exchange.getMessage();
        message.setHeader(HTTP_STATUS, answer.status());
        if (!answer.isSuccess()) {
            throw AnswerReader.httpError(operation, answer);
        }
        return AnswerReader.send(requestId, type, answer, message.getHeader(CONVERSATION_ID, String.class));
    }

    static void setSequence(Message message, Long sequence) {
        if (sequence != null) {
            message.setHeader(MESSAGE_SEQUENCE, sequence);
        } else {
            message.removeHeader(MESSAGE_SEQUENCE);
        }
    }

    /** The {@code event} object of a send body (text becomes a text event), not yet checked. */
    static ObjectNode event(Object body) {
        JsonNode node;
        if (body instanceof LivePersonEvent typed) {
            try {
                node = typed.toJson();
            } catch (RuntimeException e) {
                throw new LivePersonValidationException("body", "the event cannot be written as JSON: "
                                                                + e.getMessage(), e);
            }
        } else {
            node = RequestBodies.read(body);
        }
        if (node.isTextual()) {
            if (node.asText().isBlank()) {
                throw new LivePersonValidationException("body", "is empty");
            }
            return EventRules.text(node.asText());
        }
        if (!node.isObject()) {
            throw new LivePersonValidationException("body", "expected text or one event object, got "
                                                            + node.getNodeType());
        }
        return (ObjectNode) node.deepCopy();
    }

    /** The {@code conversationId} header, required by {@code send} and {@code close}. */
    static String conversationId(Exchange exchange, String operation) {
        Object value = exchange.getMessage().getHeader(CONVERSATION_ID);
        String id = value != null ? value.toString() : null;
        if (id == null || id.isBlank()) {
            throw new LivePersonValidationException(CONVERSATION_ID, "missing: " + operation + " needs the header "
                                                                     + CONVERSATION_ID + " (set by create)");
        }
        if (id.length() > MAX_CONVERSATION_ID_LENGTH) {
            throw new LivePersonValidationException(CONVERSATION_ID, "expected an id of at most "
                                                                     + MAX_CONVERSATION_ID_LENGTH + " characters");
        }
        return InputRules.id(CONVERSATION_ID, id);
    }
}
