package io.github.lpconnector.camel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import io.github.lpconnector.camel.emulator.RecordedRequest;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request line and headers of CREATE, and where the two tokens come from. Every token is a real one of the
 * emulator, which checks it: a CREATE that went out with the expected tokens opens a conversation.
 */
class CreateRequestAndTokensTest extends LivePersonTestSupport {

    /** Endpoint options holding another AppJWT and the ConsumerJWS of another consumer. */
    private static String endpointTokens(String appJwt, String consumerJws) {
        return "appJwt=RAW(" + appJwt + ")&consumerJws=RAW(" + consumerJws + ")";
    }

    @Test
    void requestLineAndHeaders() {
        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        RecordedRequest request = lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(CREATE_PATH);
        assertThat(request.query()).isEqualTo(Map.of("v", "3"));
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Authorization")).isEqualTo(optionAppJwt);
        assertThat(request.header("X-LP-ON-BEHALF")).isEqualTo(optionConsumerJws);
        assertThat(EMULATOR.conversations()).singleElement()
                .satisfies(c -> assertThat(c.extConsumerId()).isEqualTo(OPTION_CONSUMER));
    }

    @Test
    void apiVersionOption() {
        Exchange exchange = create("apiVersion=4", "hello");

        assertThat(lastRequest().query()).isEqualTo(Map.of("v", "4"));
        assertThat(((LivePersonHttpException) exchange.getException()).getErrorCode()).as("the emulator knows v=3 only")
                .isEqualTo(40007);
    }

    @Test
    void accountIdOptionOnTheEndpointWinsOverTheComponent() {
        create("accountId=999", "hello");

        assertThat(lastRequest().path()).isEqualTo("/api/account/999/messaging/consumer/conversation");
        assertThat(lastRequest().json().get(1).path("body").path("brandId").asText()).isEqualTo("999");
    }

    @Test
    void exchangePropertiesWinOverOptions() {
        String propertyJwt = appJwt();
        String propertyJws = consumerJws("property-consumer");
        Exchange exchange = create(endpointTokens(appJwt(), consumerJws("endpoint-consumer")), e -> {
            e.setProperty(PROPERTY_APP_JWT, propertyJwt);
            e.setProperty(PROPERTY_CONSUMER_JWS, propertyJws);
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isNull();
        assertThat(lastRequest().header("Authorization")).isEqualTo(propertyJwt);
        assertThat(lastRequest().header("X-LP-ON-BEHALF")).isEqualTo(propertyJws);
        assertThat(EMULATOR.conversations()).singleElement()
                .satisfies(c -> assertThat(c.extConsumerId()).isEqualTo("property-consumer"));
    }

    @Test
    void endpointOptionsWinOverComponentOptions() {
        String endpointJwt = appJwt();
        String endpointJws = consumerJws("endpoint-consumer");

        assertThat(create(endpointTokens(endpointJwt, endpointJws), "hello").getException()).isNull();

        assertThat(lastRequest().header("Authorization")).isEqualTo(endpointJwt);
        assertThat(lastRequest().header("X-LP-ON-BEHALF")).isEqualTo(endpointJws);
        assertThat(EMULATOR.conversations()).singleElement()
                .satisfies(c -> assertThat(c.extConsumerId()).isEqualTo("endpoint-consumer"));
    }

    @Test
    void authorizationIsTheRawTokenWithoutBearer() {
        String token = appJwt();
        // the emulator refuses "Bearer <AppJWT>" (401 40102), as LivePerson expects the raw token
        Exchange exchange = create("", e -> {
            e.setProperty(PROPERTY_APP_JWT, token);
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isNull();
        assertThat(lastRequest().header("Authorization")).isEqualTo(token).doesNotStartWithIgnoringCase("Bearer");
    }

    @Test
    void tokensAreNotReadFromMessageHeaders() {
        Exchange exchange = create("", e -> {
            e.getMessage().setHeader(PROPERTY_APP_JWT, appJwt());
            e.getMessage().setHeader("Authorization", "header.authorization");
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isNull();
        assertThat(lastRequest().header("Authorization")).isEqualTo(optionAppJwt);
    }

    @Test
    void noAppJwtAnywhereFailsWithoutCallingLivePerson() {
        context.getComponent("liveperson-connector", LivePersonConnectorComponent.class).getConfiguration().setAppJwt(null);

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                .hasMessageContaining(PROPERTY_APP_JWT);
        assertThat(((LivePersonValidationException) exchange.getException()).getField()).isEqualTo(PROPERTY_APP_JWT);
        assertThat(requests()).isEmpty();
    }

    @Test
    void noConsumerJwsAnywhereFailsWithoutCallingLivePerson() {
        context.getComponent("liveperson-connector", LivePersonConnectorComponent.class).getConfiguration()
                .setConsumerJws(null);

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                .hasMessageContaining(PROPERTY_CONSUMER_JWS);
        assertThat(((LivePersonValidationException) exchange.getException()).getField()).isEqualTo(PROPERTY_CONSUMER_JWS);
        assertThat(requests()).isEmpty();
    }

    @Test
    void blankPropertyDoesNotFallBackSilentlyToAHeaderValue() {
        Exchange exchange = create("", e -> {
            e.setProperty(PROPERTY_CONSUMER_JWS, "  ");
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class);
        assertThat(requests()).isEmpty();
    }

    @Test
    void aRefusedTokenOptionLetsTheProducerStartAndFailsEachExchangeNamingTheOption() {
        // the producer checks its option tokens as it starts; a refusal there is still each exchange's to report
        for (int i = 0; i < 2; i++) {
            Exchange exchange = create("appJwt=caf%C3%A9", "hello");

            assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                    .hasMessageContaining("option appJwt").hasMessageContaining("non-ASCII");
        }
        assertThat(requests()).isEmpty();
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
            assertThat(requests()).isEmpty();
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
        assertThat(requests()).isEmpty();
    }
}
