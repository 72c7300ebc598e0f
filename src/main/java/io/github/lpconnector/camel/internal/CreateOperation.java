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
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CORRELATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HTTP_STATUS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID;

/**
 * {@code create}: the body becomes the ordered CONVERSATION batch; the answer gives the {@code conversationId}
 * header and a {@link CreateConversationResult} body.
 */
final class CreateOperation implements ConnectorOperation {

    private final CreateBatchBuilder batches;
    private final ConversationRecorder recorder;
    private final String extConsumerIdOption;

    CreateOperation(LivePersonConnectorConfiguration configuration, ConversationRecorder recorder) {
        this.batches = new CreateBatchBuilder(configuration);
        this.recorder = recorder;
        this.extConsumerIdOption = configuration.getExtConsumerId();
    }

    @Override
    public PreparedCall prepare(Exchange exchange) {
        CreateBatchBuilder.Batch batch = batches.build(RequestBodies.read(exchange.getMessage().getBody()),
                exchange.getExchangeId());
        byte[] json = Json.write(batch.requests());
        List<String> ids = batch.requestIds(); // what the answer is matched against
        String correlationId = exchange.getMessage().getHeader(CORRELATION_ID, String.class);
        Object consumer = exchange.getProperty(PROPERTY_EXT_CONSUMER_ID);
        String extConsumerId = consumer != null ? consumer.toString() : extConsumerIdOption;
        return new PreparedCall() {
            /** The consumer of the attempt that got the answer (its ConsumerJWS names it): the one to record. */
            private volatile ConversationRecorder.Consumer sentFor;

            @Override
            public CompletableFuture<LivePersonClient.Answer> send(LivePersonClient client, URI messaging,
                                                                   LivePersonClient.Tokens tokens) {
                ConversationRecorder.Consumer consumer = ConversationRecorder.Consumer.of(extConsumerId,
                        tokens.consumerJws());
                sentFor = consumer;
                return recorder.opening(correlationId, consumer)
                        .thenCompose(recorded -> client.create(messaging, tokens, json));
            }

            @Override
            public CompletableFuture<Void> complete(Exchange exchange, LivePersonClient.Answer answer) {
                CreateConversationResult result;
                try {
                    result = apply(exchange.getMessage(), ids, answer);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
                return recorder.opened(result.conversationId(), correlationId, sentFor);
            }
        };
    }

    /** The answer's headers and body on {@code message}; throws the typed exception of a refusal. */
    private static CreateConversationResult apply(Message message, List<String> ids, LivePersonClient.Answer answer) {
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
            return result;
        } catch (LivePersonRequestFailedException e) {
            if (e.getConversationId() != null) {
                message.setHeader(CONVERSATION_ID, e.getConversationId());
            }
            throw e;
        }
    }
}
