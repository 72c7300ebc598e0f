package io.github.lpconnector.camel.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.batch.CreateBatchBuilder;
import io.github.lpconnector.camel.batch.RequestBodyReader;
import io.github.lpconnector.camel.http.LivePersonHttpResponse;
import io.github.lpconnector.camel.result.CreateConversationResult;
import io.github.lpconnector.camel.result.LivePersonAnswerReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;

/**
 * {@code create}: the body becomes the ordered CONVERSATION batch; the answer gives the {@code conversationId}
 * header and a {@link CreateConversationResult} body.
 */
final class CreateOperation implements ConnectorOperation {

    private final RequestBodyReader bodyReader = new RequestBodyReader();
    private final LivePersonAnswerReader answerReader = new LivePersonAnswerReader();
    private final CreateBatchBuilder batchBuilder;
    private final String pathAndQuery;

    CreateOperation(LivePersonConnectorConfiguration configuration) {
        this.batchBuilder = new CreateBatchBuilder(configuration);
        this.pathAndQuery = "/api/account/" + configuration.getAccountId() + "/messaging/consumer/conversation?v="
                            + configuration.getApiVersion();
    }

    @Override
    public String pathAndQuery() {
        return pathAndQuery;
    }

    @Override
    public void prefill() {
        batchBuilder.prefill();
    }

    @Override
    public ConnectorCall prepare(Exchange exchange) throws Exception {
        JsonNode body = bodyReader.read(exchange.getMessage().getBody());
        CreateBatchBuilder.Written batch = batchBuilder.write(body, exchange.getExchangeId());
        byte[] json = batch.json();
        // what the answer is matched against: the ids only
        String profileId = batch.profileRequestId();
        String conversationId = batch.conversationRequestId();
        String messageId = batch.messageRequestId();
        return new ConnectorCall() {
            @Override
            public String operation() {
                return "create";
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
                Message message = exchange.getMessage();
                try {
                    CreateConversationResult result
                            = answerReader.readCreate(profileId, conversationId, messageId, response);
                    message.setHeader(CONVERSATION_ID, result.conversationId());
                    if (result.messageSequence() != null) {
                        message.setHeader(MESSAGE_SEQUENCE, result.messageSequence());
                    }
                    message.setBody(result);
                } catch (LivePersonRequestFailedException e) {
                    if (e.getConversationId() != null) {
                        message.setHeader(CONVERSATION_ID, e.getConversationId());
                    }
                    throw e;
                }
            }
        };
    }
}
