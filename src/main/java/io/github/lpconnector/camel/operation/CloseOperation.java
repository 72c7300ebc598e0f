package io.github.lpconnector.camel.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonJson;
import org.apache.camel.Exchange;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.TYPE_UPDATE_CONVERSATION_FIELD;

/**
 * {@code close}: closes the conversation of the {@code conversationId} header with {@code cm.UpdateConversationField}
 * and {@code {"field":"ConversationStateField","conversationState":"CLOSE"}} (the object form of every documented
 * example). The body is not used.
 */
final class CloseOperation implements ConnectorOperation {

    private final String pathAndQuery;

    CloseOperation(LivePersonConnectorConfiguration configuration) {
        this.pathAndQuery = SingleRequestCall.sendPath(configuration);
    }

    @Override
    public String pathAndQuery() {
        return pathAndQuery;
    }

    @Override
    public ConnectorCall prepare(Exchange exchange) {
        String conversationId = SingleRequestCall.conversationId(exchange, "close");
        ObjectNode body = LivePersonJson.MAPPER.createObjectNode();
        body.put("conversationId", conversationId);
        ObjectNode field = body.putObject("conversationField");
        field.put("field", "ConversationStateField");
        field.put("conversationState", "CLOSE");
        return new SingleRequestCall("close", pathAndQuery, TYPE_UPDATE_CONVERSATION_FIELD,
                exchange.getExchangeId() + ":close", body);
    }
}
