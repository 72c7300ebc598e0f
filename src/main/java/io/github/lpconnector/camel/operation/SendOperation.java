package io.github.lpconnector.camel.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonValidationException;
import io.github.lpconnector.camel.batch.Events;
import io.github.lpconnector.camel.batch.RequestBodyReader;
import io.github.lpconnector.camel.event.LivePersonEvent;
import org.apache.camel.Exchange;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_PUBLISH_EVENT;

/**
 * {@code send}: publishes the body as one event ({@code ms.PublishEvent}) in the conversation of the
 * {@code conversationId} header. The body is plain text (a text message), a {@link LivePersonEvent}, or an event as
 * a Map or JSON object with its {@code type}; it is checked before any call.
 */
final class SendOperation implements ConnectorOperation {

    private final RequestBodyReader bodyReader = new RequestBodyReader();
    private final String pathAndQuery;

    SendOperation(LivePersonConnectorConfiguration configuration) {
        this.pathAndQuery = SingleRequestCall.sendPath(configuration);
    }

    @Override
    public String pathAndQuery() {
        return pathAndQuery;
    }

    @Override
    public ConnectorCall prepare(Exchange exchange) {
        ObjectNode event = event(exchange.getMessage().getBody());
        String conversationId = SingleRequestCall.conversationId(exchange, "send");
        ObjectNode body = event.objectNode();
        body.put("dialogId", conversationId);
        body.set("event", event);
        return new SingleRequestCall("send", pathAndQuery, TYPE_PUBLISH_EVENT, exchange.getExchangeId() + ":send",
                body);
    }

    /** The checked {@code event} object of the body. */
    ObjectNode event(Object body) {
        JsonNode node = body instanceof LivePersonEvent typed ? typed.toJson() : bodyReader.read(body);
        if (node.isTextual()) {
            if (node.asText().isBlank()) {
                throw new LivePersonValidationException("body", "is empty");
            }
            return Events.text(node.asText());
        }
        if (!node.isObject()) {
            throw new LivePersonValidationException("body", "expected text or one event object, got "
                                                            + node.getNodeType());
        }
        return Events.check(node.deepCopy(), "body");
    }
}
