package io.github.lpconnector.camel;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import io.github.lpconnector.camel.model.CreateConversationResult;
import io.github.lpconnector.camel.model.CreateConversationResult.RequestOutcome;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How LivePerson's HTTP 200 answers become the output: header, typed result, or per-item failures. The emulator
 * gives the answers; WireMock the malformed ones LivePerson should never give.
 */
class CreateAnswerTest extends LivePersonTestSupport {

    /** Like LivePerson, lets a consumer hold one open conversation only: a second CREATE has its item refused. */
    @RegisterExtension
    static final LiveEngageEmulatorExtension ONE_OPEN = LiveEngageEmulatorExtension.create();

    @RegisterExtension
    static final WireMockExtension WIREMOCK = wireMock();

    private static String onlyConversationId() {
        assertThat(EMULATOR.conversations()).hasSize(1);
        return EMULATOR.conversations().get(0).conversationId();
    }

    private void answeredByWireMock(String body) {
        WIREMOCK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void successSetsHeaderAndTypedResult() throws Exception {
        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        String conversationId = onlyConversationId();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo(conversationId);
        CreateConversationResult result = exchange.getMessage().getBody(CreateConversationResult.class);
        assertThat(result).isNotNull();
        assertThat(result.conversationId()).isEqualTo(conversationId);
        assertThat(result.messageSequence()).isEqualTo(0L);
        JsonNode sent = lastRequest().json();
        assertThat(result.outcomes()).extracting(RequestOutcome::reqId)
                .containsExactly(sent.get(0).get("id").asText(), sent.get(1).get("id").asText(),
                        sent.get(2).get("id").asText());
        assertThat(result.outcomes()).extracting(RequestOutcome::type)
                .containsExactly("userprofile.SetUserProfile", "cm.ConsumerRequestConversation", "ms.PublishEvent");
        assertThat(result.outcomes()).extracting(RequestOutcome::code).containsOnly("OK");

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(result));
        assertThat(written.path("conversationId").asText()).isEqualTo(conversationId);
        assertThat(written.path("messageSequence").asLong()).isZero();
        assertThat(written.path("outcomes")).hasSize(3);
        assertThat(written.path("outcomes").get(1).path("body").path("conversationId").asText())
                .isEqualTo(conversationId);
        assertThat(written.path("outcomes").get(1).has("ok")).as("isOk() is not a property").isFalse();
    }

    @Test
    void withoutMessageThereIsNoSequence() {
        Exchange exchange = create("", "{\"userProfile\":{}}");

        assertThat(exchange.getException()).isNull();
        CreateConversationResult result = exchange.getMessage().getBody(CreateConversationResult.class);
        assertThat(result.messageSequence()).isNull();
        assertThat(result.outcomes()).hasSize(2);
        assertThat(exchange.getMessage().getHeader(LivePersonConnectorConstants.MESSAGE_SEQUENCE)).isNull();
        assertThat(EMULATOR.conversation(onlyConversationId()).orElseThrow().messages()).isEmpty();
    }

    @Test
    void answersInReversedOrderAreMatchedByReqId() {
        EMULATOR.emulator().answersReversed(true);

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        String conversationId = onlyConversationId();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo(conversationId);
        CreateConversationResult result = exchange.getMessage().getBody(CreateConversationResult.class);
        assertThat(result.outcomes()).extracting(RequestOutcome::type)
                .containsExactly("userprofile.SetUserProfile", "cm.ConsumerRequestConversation", "ms.PublishEvent");
        assertThat(result.outcomes().get(1).body().path("conversationId").asText()).isEqualTo(conversationId);
        assertThat(result.messageSequence()).isZero();
    }

    @Test
    void conversationItemFailedGivesTypedExceptionAndNoHeader() {
        String options = "baseUri=" + ONE_OPEN.baseUri();
        Consumer<Exchange> asAnn = e -> {
            e.setProperty(PROPERTY_APP_JWT, ONE_OPEN.issueAppJwt(ACCOUNT_ID));
            e.setProperty(PROPERTY_CONSUMER_JWS, ONE_OPEN.issueConsumerJws(ACCOUNT_ID, "ann"));
            e.getMessage().setBody("hello");
        };
        assertThat(create(options, asAnn).getException()).isNull();

        // HTTP 200, but Ann's conversation is still open: the conversation item is refused
        Exchange exchange = create(options, asAnn);

        assertThat(exchange.getException()).isInstanceOf(LivePersonRequestFailedException.class);
        LivePersonRequestFailedException e = (LivePersonRequestFailedException) exchange.getException();
        assertThat(e.getConversationId()).isNull();
        assertThat(e.getRequestType()).isEqualTo("cm.ConsumerRequestConversation");
        assertThat(e.getCode()).isEqualTo("400");
        assertThat(e.getHttpResponseCode()).isEqualTo(400);
        assertThat(e.getResponseBody()).contains("Conversation already open");
        JsonNode sent = ONE_OPEN.requests().get(ONE_OPEN.requests().size() - 1).json();
        assertThat(e.getRequestId()).isEqualTo(sent.get(1).get("id").asText());
        assertThat(ONE_OPEN.conversations()).hasSize(1);
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNull();
    }

    @Test
    void firstMessageFailedKeepsTheConversationId() {
        // a content type the component lets through and the emulator refuses: the conversation is opened all the same
        Exchange exchange = create("", "{\"message\":{\"type\":\"ContentEvent\",\"contentType\":\"text/html\","
                                       + "\"message\":\"<b>hello</b>\"}}");

        assertThat(exchange.getException()).isInstanceOf(LivePersonRequestFailedException.class);
        LivePersonRequestFailedException e = (LivePersonRequestFailedException) exchange.getException();
        String conversationId = onlyConversationId();
        assertThat(e.getConversationId()).isEqualTo(conversationId);
        assertThat(e.getRequestType()).isEqualTo("ms.PublishEvent");
        assertThat(e.getCode()).isEqualTo("400");
        assertThat(e.getMessage()).contains(conversationId);
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo(conversationId);
        assertThat(EMULATOR.conversation(conversationId).orElseThrow().messages()).isEmpty();
    }

    @Test
    void missingAnswerForTheConversationIsAFailure() {
        answeredByWireMock("[{\"reqId\":\"someone-else\",\"code\":\"OK\",\"body\":{\"conversationId\":\"x\"}}]");

        Exchange exchange = create("baseUri=" + WIREMOCK.baseUrl(), "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonRequestFailedException.class);
        assertThat(((LivePersonRequestFailedException) exchange.getException()).getCode()).isEqualTo("missing");
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNull();
    }

    @Test
    void answerThatIsNotJsonIsATypedError() {
        answeredByWireMock("<html>proxy page</html>");

        Exchange exchange = create("baseUri=" + WIREMOCK.baseUrl(), "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonConnectorException.class)
                .hasMessageContaining("200");
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNull();
    }
}
