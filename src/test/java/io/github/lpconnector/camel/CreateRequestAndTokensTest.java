package io.github.lpconnector.camel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import io.github.lpconnector.camel.support.MockLivePersonServer.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static org.assertj.core.api.Assertions.assertThat;

/** The request line and headers of CREATE, and where the two tokens come from. */
class CreateRequestAndTokensTest extends LivePersonTestSupport {

    @Test
    void requestLineAndHeaders() {
        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/account/" + ACCOUNT_ID + "/messaging/consumer/conversation");
        assertThat(request.query()).isEqualTo("v=3");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Authorization")).isEqualTo(OPTION_APP_JWT);
        assertThat(request.header("X-LP-ON-BEHALF")).isEqualTo(OPTION_CONSUMER_JWS);
    }

    @Test
    void apiVersionOption() {
        create("apiVersion=4", "hello");

        assertThat(server.lastRequest().query()).isEqualTo("v=4");
    }

    @Test
    void accountIdOptionOnTheEndpointWinsOverTheComponent() {
        create("accountId=999", "hello");

        assertThat(server.lastRequest().path()).isEqualTo("/api/account/999/messaging/consumer/conversation");
        assertThat(server.lastRequest().json().get(1).path("body").path("brandId").asText()).isEqualTo("999");
    }

    @Test
    void exchangePropertiesWinOverOptions() {
        Exchange exchange = create("appJwt=endpoint.jwt&consumerJws=endpoint.jws", e -> {
            e.setProperty(PROPERTY_APP_JWT, "property.jwt");
            e.setProperty(PROPERTY_CONSUMER_JWS, "property.jws");
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isNull();
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("property.jwt");
        assertThat(server.lastRequest().header("X-LP-ON-BEHALF")).isEqualTo("property.jws");
    }

    @Test
    void endpointOptionsWinOverComponentOptions() {
        create("appJwt=endpoint.jwt&consumerJws=endpoint.jws", "hello");

        assertThat(server.lastRequest().header("Authorization")).isEqualTo("endpoint.jwt");
        assertThat(server.lastRequest().header("X-LP-ON-BEHALF")).isEqualTo("endpoint.jws");
    }

    @Test
    void authorizationIsTheRawTokenWithoutBearer() {
        create("", e -> {
            e.setProperty(PROPERTY_APP_JWT, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
            e.getMessage().setBody("hello");
        });

        assertThat(server.lastRequest().header("Authorization"))
                .isEqualTo("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
                .doesNotStartWithIgnoringCase("Bearer");
    }

    @Test
    void tokensAreNotReadFromMessageHeaders() {
        create("", e -> {
            e.getMessage().setHeader(PROPERTY_APP_JWT, "header.jwt");
            e.getMessage().setHeader("Authorization", "header.authorization");
            e.getMessage().setBody("hello");
        });

        assertThat(server.lastRequest().header("Authorization")).isEqualTo(OPTION_APP_JWT);
    }

    @Test
    void noAppJwtAnywhereFailsWithoutCallingLivePerson() {
        context.getComponent("liveperson-connector", LivePersonConnectorComponent.class).getConfiguration().setAppJwt(null);

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                .hasMessageContaining(PROPERTY_APP_JWT);
        assertThat(((LivePersonValidationException) exchange.getException()).getField()).isEqualTo(PROPERTY_APP_JWT);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void noConsumerJwsAnywhereFailsWithoutCallingLivePerson() {
        context.getComponent("liveperson-connector", LivePersonConnectorComponent.class).getConfiguration()
                .setConsumerJws(null);

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                .hasMessageContaining(PROPERTY_CONSUMER_JWS);
        assertThat(((LivePersonValidationException) exchange.getException()).getField()).isEqualTo(PROPERTY_CONSUMER_JWS);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void blankPropertyDoesNotFallBackSilentlyToAHeaderValue() {
        Exchange exchange = create("", e -> {
            e.setProperty(PROPERTY_CONSUMER_JWS, "  ");
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aRefusedTokenOptionLetsTheProducerStartAndFailsEachExchangeNamingTheOption() {
        // the producer checks its option tokens as it starts; a refusal there is still each exchange's to report
        for (int i = 0; i < 2; i++) {
            Exchange exchange = create("appJwt=caf%C3%A9", "hello");

            assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                    .hasMessageContaining("option appJwt").hasMessageContaining("non-ASCII");
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void theExpiryOfTheAppJwtOptionIsKnownOnceTheProducerStarted() throws Exception {
        String appJwt = "eyJhbGciOiJIUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8)) + ".signature";
        LivePersonConnectorEndpoint endpoint = context.getEndpoint(CREATE + "?appJwt=" + appJwt,
                LivePersonConnectorEndpoint.class);
        Producer producer = endpoint.createProducer();
        producer.start();
        try {
            assertThat(endpoint.getCallStatistics().appJwtExpiry()).isEqualTo(Instant.parse("2100-01-01T00:00:00Z"));
            assertThat(server.requestCount()).isZero();
        } finally {
            producer.stop();
        }
    }

    @Test
    void tokenWithALineBreakIsRefusedWithoutEchoingIt() {
        Exchange exchange = create("", e -> {
            e.setProperty(PROPERTY_APP_JWT, "abc\r\nX-Injected: evil");
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                .message().doesNotContain("evil").doesNotContain("abc");
        assertThat(server.requestCount()).isZero();
    }
}
