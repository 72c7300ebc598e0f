package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.model.CreateConversationResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HTTP_STATUS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;

/**
 * {@code create}: the body becomes the ordered CONVERSATION batch; the answer gives the {@code conversationId}
 * header and a {@link CreateConversationResult} body.
 */
final class CreateOperation implements ConnectorOperation {

    private final CreateBatchBuilder batches;

    CreateOperation(LivePersonConnectorConfiguration configuration) {
        this.batches = new CreateBatchBuilder(configuration);
    }

    @Override
    public PreparedCall prepare(Exchange exchange) {
        CreateBatchBuilder.Batch batch = batches.build(RequestBodies.read(exchange.getMessage().getBody()),
                exchange.getExchangeId());
        byte[] json = Json.write(batch.requests());
        List<String> ids = batch.requestIds(); // what the answer is matched against
        return new PreparedCall() {
            @Override
            public CompletableFuture<LivePersonClient.Answer> send(LivePersonClient client, URI messaging,
                                                                   LivePersonClient.Tokens tokens) {
                return client.create(messaging, tokens, json);
            }

            @Override
            public void complete(Exchange exchange, LivePersonClient.Answer answer) {
                Message message = exchange.getMessage();
                message.setHeader(HTTP_STATUS, answer.status());
                if (!answer.isSuccess()) {
                    throw AnswerReader.httpError("create", answer);
                }
                try {
                    CreateConversationResult result = AnswerReader.create(ids, answer);
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
