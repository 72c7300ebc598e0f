package io.github.lpconnector.camel;

import java.util.ArrayList;
import java.util.List;

import io.github.lpconnector.camel.support.CapturingAppender;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import io.github.lpconnector.camel.support.MockLivePersonServer;
import io.github.lpconnector.camel.support.MockLivePersonServer.Reply;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens never appear in logs (component at TRACE, Camel at INFO), exception text, or endpoint URIs as Camel logs
 * them. Each scenario uses distinctive tokens, both as exchange properties and as endpoint options.
 */
class TokensNeverLoggedTest extends LivePersonTestSupport {

    private static final String PROP_JWT = "PROPJWT-d41d8cd98f00b204";
    private static final String PROP_JWS = "PROPJWS-e9800998ecf8427e";
    private static final String URI_JWT = "URIJWT-0cc175b9c0f1b6a8";
    private static final String URI_JWS = "URIJWS-92eb5ffee6ae2fec";
    private static final List<String> TOKENS = List.of(PROP_JWT, PROP_JWS, URI_JWT, URI_JWS, OPTION_APP_JWT,
            OPTION_CONSUMER_JWS);

    private CapturingAppender logs;
    private final List<Exchange> exchanges = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs = CapturingAppender.install();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a failing exchange makes Camel's error handler log the message history with the endpoint URI
                from("direct:withTokensInUri").routeId("tokens-in-uri")
                        .to(CREATE + "?appJwt=" + URI_JWT + "&consumerJws=" + URI_JWS + "&maxRetries=0&requestTimeout=500");
                from("direct:withTokensInProperties").routeId("tokens-in-properties")
                        .setProperty(PROPERTY_APP_JWT, constant(PROP_JWT))
                        .setProperty(PROPERTY_CONSUMER_JWS, constant(PROP_JWS))
                        .to(CREATE + "?maxRetries=0&requestTimeout=500");
            }
        };
    }

    private void sendThroughBothRoutes(Object body) {
        exchanges.add(template.send("direct:withTokensInUri", e -> e.getMessage().setBody(body)));
        exchanges.add(template.send("direct:withTokensInProperties", e -> e.getMessage().setBody(body)));
    }

    @Test
    void success() {
        sendThroughBothRoutes("hello");

        assertThat(exchanges).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(server.requestCount()).isEqualTo(2);
        assertNoTokenAnywhere();
    }

    @Test
    void unauthorized() {
        server.otherwise(request -> Reply.status(401,
                MockLivePersonServer.errorBody(401, "Invalid AppJWT", "expired or invalid", 40102)));

        sendThroughBothRoutes("hello");

        assertThat(exchanges).allSatisfy(e -> assertThat(e.getException()).isInstanceOf(LivePersonHttpException.class));
        assertNoTokenAnywhere();
    }

    @Test
    void validationFailure() {
        sendThroughBothRoutes(List.of("not", "a", "batch"));

        assertThat(exchanges)
                .allSatisfy(e -> assertThat(e.getException()).isInstanceOf(LivePersonValidationException.class));
        assertNoTokenAnywhere();
    }

    @Test
    void timeout() throws Exception {
        try (CreateRetryTest.SilentServer silent = new CreateRetryTest.SilentServer()) {
            // the routes' endpoints point at the mock server: fresh endpoints point at the silent one
            exchanges.add(template.send(CREATE + "?appJwt=" + URI_JWT + "&consumerJws=" + URI_JWS
                                        + "&requestTimeout=300&baseUri=http://127.0.0.1:" + silent.port(),
                    e -> e.getMessage().setBody("hello")));
            exchanges.add(template.send(CREATE + "?requestTimeout=300&baseUri=http://127.0.0.1:" + silent.port(), e -> {
                e.setProperty(PROPERTY_APP_JWT, PROP_JWT);
                e.setProperty(PROPERTY_CONSUMER_JWS, PROP_JWS);
                e.getMessage().setBody("hello");
            }));
        }

        assertThat(exchanges)
                .allSatisfy(e -> assertThat(e.getException()).isInstanceOf(LivePersonTransportException.class));
        assertNoTokenAnywhere();
    }

    @Test
    void endpointToStringMasksBothTokens() {
        Endpoint endpoint = context.getEndpoint(CREATE + "?appJwt=" + URI_JWT + "&consumerJws=RAW(" + URI_JWS + ")");

        assertThat(endpoint.toString()).doesNotContain(URI_JWT).doesNotContain(URI_JWS)
                .contains("appJwt=xxxxxx").contains("consumerJws=xxxxxx");
        assertThat(((LivePersonConnectorEndpoint) endpoint).getConfiguration().toString())
                .doesNotContain(URI_JWT).doesNotContain(URI_JWS);
    }

    /**
     * Camel's {@code URISupport.sanitizeUri} (used for message history, events, JMX) knows the token options once
     * the component has started. Camel 4.18 masks only the first additional sensitive option of a URI
     * ({@code replaceFirst}), hence one token per URI here.
     */
    @Test
    void camelSanitisesEachTokenOption() {
        Endpoint withJwt = context.getEndpoint(CREATE + "?appJwt=" + URI_JWT);
        Endpoint withJws = context.getEndpoint(CREATE + "?consumerJws=" + URI_JWS);

        assertThat(URISupport.sanitizeUri(withJwt.getEndpointUri())).doesNotContain(URI_JWT).contains("appJwt=xxxxxx");
        assertThat(URISupport.sanitizeUri(withJws.getEndpointUri())).doesNotContain(URI_JWS)
                .contains("consumerJws=xxxxxx");
        assertThat(context.getCamelContextExtension().getAdditionalSensitiveKeywords())
                .contains("appJwt").contains("consumerJws");
    }

    private void assertNoTokenAnywhere() {
        List<String> events = logs.events();
        assertThat(events).as("something was logged").isNotEmpty();
        for (String token : TOKENS) {
            assertThat(events).as("log events").noneMatch(event -> event.contains(token));
            for (Exchange exchange : exchanges) {
                Exception e = exchange.getException();
                if (e != null) {
                    assertThat(String.valueOf(e.getMessage())).doesNotContain(token);
                    assertThat(e.toString()).doesNotContain(token);
                    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                        assertThat(cause.toString()).doesNotContain(token);
                    }
                }
            }
        }
        for (Endpoint endpoint : context.getEndpoints()) {
            for (String token : TOKENS) {
                assertThat(endpoint.toString()).doesNotContain(token);
            }
        }
    }
}
