package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonValidationException;
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
 * {@link LivePersonEvent}, or an event as a Map or JSON object with its {@code type}.</li>
 * <li>{@code close} closes the conversation with {@code cm.UpdateConversationField} and
 * {@code {"field":"ConversationStateField","conversationState":"CLOSE"}}; the body is not used.</li>
 * </ul>
 */
final class SendOperation implements ConnectorOperation {

    private static final int MAX_CONVERSATION_ID_LENGTH = 128;

    private final String operation;
    private final String type;
    private final Function<Exchange, ObjectNode> body;

    private SendOperation(String operation, String type, Function<Exchange, ObjectNode> body) {
        this.operation = operation;
        this.type = type;
        this.body = body;
    }

    static SendOperation publish() {
        return new SendOperation("send", TYPE_PUBLISH_EVENT, exchange -> {
            ObjectNode event = event(exchange.getMessage().getBody());
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("dialogId", conversationId(exchange, "send"));
            body.set("event", event);
            return body;
        });
    }

    static SendOperation close() {
        return new SendOperation("close", TYPE_UPDATE_CONVERSATION_FIELD, exchange -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("conversationId", conversationId(exchange, "close"));
            ObjectNode field = body.putObject("conversationField");
            field.put("field", "ConversationStateField");
            field.put("conversationState", "CLOSE");
            return body;
        });
    }

    @Override
    public PreparedCall prepare(Exchange exchange) {
        String requestId = exchange.getExchangeId() + ":" + operation;
        byte[] json = Json.write(Requests.request(requestId, type, body.apply(exchange)));
        return new PreparedCall() {
            @Override
            public CompletableFuture<LivePersonClient.Answer> send(LivePersonClient client, URI messaging,
                                                                   LivePersonClient.Tokens tokens) {
                return client.send(messaging, tokens, json);
            }

            @Override
            public CompletableFuture<Void> complete(Exchange exchange, LivePersonClient.Answer answer) {
                try {
                    apply(exchange.getMessage(), requestId, answer);
                    return CompletableFuture.completedFuture(null);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        };
    }

    /** The answer's headers on {@code message}; throws the typed exception of a refusal. */
    private void apply(Message message, String requestId, LivePersonClient.Answer answer) {
        message.setHeader(HTTP_STATUS, answer.status());
        if (!answer.isSuccess()) {
            throw AnswerReader.httpError(operation, answer);
        }
        Long sequence = AnswerReader.send(requestId, type, answer, message.getHeader(CONVERSATION_ID, String.class));
        if (sequence != null) {
            message.setHeader(MESSAGE_SEQUENCE, sequence);
        } else {
            message.removeHeader(MESSAGE_SEQUENCE);
        }
    }

    /** The checked {@code event} object of a send body. */
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
        return EventRules.check(node.deepCopy(), "body");
    }

    /** The {@code conversationId} header, required by {@code send} and {@code close}. */
    private static String conversationId(Exchange exchange, String operation) {
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
