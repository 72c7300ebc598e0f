package io.github.lpconnector.camel;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.model.CreateConversationResult;
import io.github.lpconnector.camel.model.CreateConversationResult.RequestOutcome;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import io.github.lpconnector.camel.support.MockLivePersonServer;
import io.github.lpconnector.camel.support.MockLivePersonServer.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** How LivePerson's HTTP 200 answers become the output: header, typed result, or per-item failures. */
class CreateAnswerTest extends LivePersonTestSupport {

    @Test
    void successSetsHeaderAndTypedResult() throws Exception {
        server.enqueue(MockLivePersonServer.conversationCreated("conv-1"));

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo("conv-1");
        CreateConversationResult result = exchange.getMessage().getBody(CreateConversationResult.class);
        assertThat(result).isNotNull();
        assertThat(result.conversationId()).isEqualTo("conv-1");
        assertThat(result.messageSequence()).isEqualTo(0L);
        JsonNode sent = server.lastRequest().json();
        assertThat(result.outcomes()).extracting(RequestOutcome::reqId)
                .containsExactly(sent.get(0).get("id").asText(), sent.get(1).get("id").asText(),
                        sent.get(2).get("id").asText());
        assertThat(result.outcomes()).extracting(RequestOutcome::type)
                .containsExactly("userprofile.SetUserProfile", "cm.ConsumerRequestConversation", "ms.PublishEvent");
        assertThat(result.outcomes()).extracting(RequestOutcome::code).containsOnly("OK");

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(result));
        assertThat(written.path("conversationId").asText()).isEqualTo("conv-1");
        assertThat(written.path("messageSequence").asLong()).isZero();
        assertThat(written.path("outcomes")).hasSize(3);
        assertThat(written.path("outcomes").get(1).path("body").path("conversationId").asText()).isEqualTo("conv-1");
        assertThat(written.path("outcomes").get(1).has("ok")).as("isOk() is not a property").isFalse();
    }

    @Test
    void withoutMessageThereIsNoSequence() {
        server.enqueue(MockLivePersonServer.conversationCreated("conv-2"));

        Exchange exchange = create("", "{\"userProfile\":{}}");

        assertThat(exchange.getException()).isNull();
        CreateConversationResult result = exchange.getMessage().getBody(CreateConversationResult.class);
        assertThat(result.messageSequence()).isNull();
        assertThat(result.outcomes()).hasSize(2);
        assertThat(exchange.getMessage().getHeader(LivePersonConnectorConstants.MESSAGE_SEQUENCE)).isNull();
    }

    @Test
    void answersInReversedOrderAreMatchedByReqId() {
        server.enqueue(MockLivePersonServer.conversationCreatedReversed("conv-rev"));

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo("conv-rev");
        CreateConversationResult result = exchange.getMessage().getBody(CreateConversationResult.class);
        assertThat(result.outcomes()).extracting(RequestOutcome::type)
                .containsExactly("userprofile.SetUserProfile", "cm.ConsumerRequestConversation", "ms.PublishEvent");
        assertThat(result.outcomes().get(1).body().path("conversationId").asText()).isEqualTo("conv-rev");
        assertThat(result.messageSequence()).isZero();
    }

    @Test
    void conversationItemFailedGivesTypedExceptionAndNoHeader() {
        server.enqueue(MockLivePersonServer.itemFailed("unused", 1, 400));

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonRequestFailedException.class);
        LivePersonRequestFailedException e = (LivePersonRequestFailedException) exchange.getException();
        assertThat(e.getConversationId()).isNull();
        assertThat(e.getRequestType()).isEqualTo("cm.ConsumerRequestConversation");
        assertThat(e.getCode()).isEqualTo("400");
        assertThat(e.getHttpResponseCode()).isEqualTo(400);
        assertThat(e.getResponseBody()).contains("refused by the mock");
        assertThat(e.getRequestId()).isEqualTo(server.lastRequest().json().get(1).get("id").asText());
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNull();
    }

    @Test
    void firstMessageFailedKeepsTheConversationId() {
        server.enqueue(MockLivePersonServer.itemFailed("conv-open", 2, 400));

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonRequestFailedException.class);
        LivePersonRequestFailedException e = (LivePersonRequestFailedException) exchange.getException();
        assertThat(e.getConversationId()).isEqualTo("conv-open");
        assertThat(e.getRequestType()).isEqualTo("ms.PublishEvent");
        assertThat(e.getMessage()).contains("conv-open");
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo("conv-open");
    }

    @Test
    void missingAnswerForTheConversationIsAFailure() {
        server.enqueue(Reply.json(200, "[{\"reqId\":\"someone-else\",\"code\":\"OK\",\"body\":{\"conversationId\":\"x\"}}]"));

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonRequestFailedException.class);
        assertThat(((LivePersonRequestFailedException) exchange.getException()).getCode()).isEqualTo("missing");
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNull();
    }

    @Test
    void answerThatIsNotJsonIsATypedError() {
        server.enqueue(Reply.status(200, "<html>proxy page</html>"));

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonConnectorException.class)
                .hasMessageContaining("200");
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNull();
    }
}
