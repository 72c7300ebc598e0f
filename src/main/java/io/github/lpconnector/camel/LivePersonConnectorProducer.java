package io.github.lpconnector.camel;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.batch.CreateBatch;
import io.github.lpconnector.camel.batch.CreateBatchBuilder;
import io.github.lpconnector.camel.batch.RequestBodyReader;
import io.github.lpconnector.camel.http.RetryPolicy;
import io.github.lpconnector.camel.http.RetryingHttpCall;
import io.github.lpconnector.camel.http.RetryingHttpCall.Answer;
import io.github.lpconnector.camel.result.CreateConversationResult;
import io.github.lpconnector.camel.result.LivePersonAnswerReader;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HTTP_STATUS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;

/**
 * Sends each exchange to the Connector API without blocking: body → request → HTTP (with scheduled retries) →
 * result or typed exception. The callback is completed exactly once on every path.
 */
public class LivePersonConnectorProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(LivePersonConnectorProducer.class);

    private final LivePersonConnectorEndpoint endpoint;
    private final LivePersonConnectorConfiguration configuration;
    private final RequestBodyReader bodyReader = new RequestBodyReader();
    private final LivePersonAnswerReader answerReader = new LivePersonAnswerReader();
    private final CreateBatchBuilder batchBuilder;
    private final LivePersonTokens tokens;
    private RetryingHttpCall http;
    private URI createUri;

    public LivePersonConnectorProducer(LivePersonConnectorEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        this.batchBuilder = new CreateBatchBuilder(configuration);
        this.tokens = new LivePersonTokens(configuration);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (endpoint.getOperation() != LivePersonConnectorOperation.create) {
            throw new UnsupportedOperationException("liveperson-connector:" + endpoint.getOperation()
                                                    + " is not implemented yet; only create is");
        }
        String accountPath = "/api/account/" + configuration.getAccountId() + "/messaging/consumer/conversation";
        createUri = URI.create(endpoint.messagingBaseUri() + accountPath + "?v=" + configuration.getApiVersion());
        http = new RetryingHttpCall(endpoint.getHttpClient(), endpoint.getRetryScheduler(),
                new RetryPolicy(configuration.getMaxRetries(), configuration.getRetryDelay(),
                        configuration.getMaxRetryDelay()), endpoint.getStatistics());
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        callback = endpoint.getStatistics().observe(exchange, callback);
        try {
            return create(exchange, callback);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private boolean create(Exchange exchange, AsyncCallback callback) throws Exception {
        JsonNode body = bodyReader.read(exchange.getMessage().getBody());
        CreateBatch batch = batchBuilder.build(body, exchange.getExchangeId());
        Map<String, String> headers = tokens.authHeaders(exchange);
        byte[] json = LivePersonJson.MAPPER.writeValueAsBytes(batch.requests());
        if (LOG.isDebugEnabled()) {
            LOG.debug("Opening a conversation with {} requests (exchange {})", batch.requests().size(),
                    exchange.getExchangeId());
        }
        // what the answer is matched against: the ids only, so the batch's tree is not kept while the call is out
        String profileId = batch.profileRequestId();
        String conversationId = batch.conversationRequestId();
        String messageId = batch.messageRequestId();

        http.post("create", createUri, json, headers).whenComplete((answer, failure) -> {
            try {
                if (failure != null) {
                    exchange.setException(failure);
                } else {
                    onCreateAnswer(exchange, profileId, conversationId, messageId, answer);
                }
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    private void onCreateAnswer(Exchange exchange, String profileId, String conversationId, String messageId,
                                Answer answer) {
        Message message = exchange.getMessage();
        message.setHeader(HTTP_STATUS, answer.response().status());
        if (!answer.response().isSuccess()) {
            exchange.setException(answerReader.httpError("create", answer.response(), answer.attempts()));
            return;
        }
        try {
            CreateConversationResult result
                    = answerReader.readCreate(profileId, conversationId, messageId, answer.response());
            message.setHeader(CONVERSATION_ID, result.conversationId());
            if (result.messageSequence() != null) {
                message.setHeader(MESSAGE_SEQUENCE, result.messageSequence());
            }
            message.setBody(result);
        } catch (LivePersonRequestFailedException e) {
            if (e.getConversationId() != null) {
                message.setHeader(CONVERSATION_ID, e.getConversationId());
            }
            exchange.setException(e);
        }
    }
}
