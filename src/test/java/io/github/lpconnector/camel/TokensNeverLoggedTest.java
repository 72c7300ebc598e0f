package io.github.lpconnector.camel;

import java.util.ArrayList;
import java.util.List;

import io.github.lpconnector.camel.support.CapturingAppender;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
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
 * them. Each scenario uses distinctive tokens, both as exchange properties and as endpoint options: real ones of
 * the emulator, so that the calls succeed where they should.
 */
class TokensNeverLoggedTest extends LivePersonTestSupport {

    private final String propJwt = appJwt();
    private final String propJws = consumerJws("property-consumer");
    private final String uriJwt = appJwt();
    private final String uriJws = consumerJws("uri-consumer");

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
                        .to(CREATE + "?appJwt=" + uriJwt + "&consumerJws=" + uriJws + "&maxRetries=0&requestTimeout=500");
                from("direct:withTokensInProperties").routeId("tokens-in-properties")
                        .setProperty(PROPERTY_APP_JWT, constant(propJwt))
                        .setProperty(PROPERTY_CONSUMER_JWS, constant(propJws))
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
        assertThat(EMULATOR.count("create", 200)).isEqualTo(2);
        assertNoTokenAnywhere();
    }

    @Test
    void unauthorized() {
        EMULATOR.faults().statusShare(401, 1.0);

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
    void timeout() {
        EMULATOR.faults().stallShare(1.0, null); // never answers

        sendThroughBothRoutes("hello");

        assertThat(exchanges)
                .allSatisfy(e -> assertThat(e.getException()).isInstanceOf(LivePersonTransportException.class));
        assertNoTokenAnywhere();
    }

    @Test
    void endpointToStringMasksBothTokens() {
        Endpoint endpoint = context.getEndpoint(CREATE + "?appJwt=" + uriJwt + "&consumerJws=RAW(" + uriJws + ")");

        assertThat(endpoint.toString()).doesNotContain(uriJwt).doesNotContain(uriJws)
                .contains("appJwt=xxxxxx").contains("consumerJws=xxxxxx");
        assertThat(((LivePersonConnectorEndpoint) endpoint).getConfiguration().toString())
                .doesNotContain(uriJwt).doesNotContain(uriJws);
    }

    /**
     * Camel's {@code URISupport.sanitizeUri} (used for message history, events, JMX) knows the token options once
     * the component has started. Camel 4.18 masks only the first additional sensitive option of a URI
     * ({@code replaceFirst}), hence one token per URI here.
     */
    @Test
    void camelSanitisesEachTokenOption() {
        Endpoint withJwt = context.getEndpoint(CREATE + "?appJwt=" + uriJwt);
        Endpoint withJws = context.getEndpoint(CREATE + "?consumerJws=" + uriJws);

        assertThat(URISupport.sanitizeUri(withJwt.getEndpointUri())).doesNotContain(uriJwt).contains("appJwt=xxxxxx");
        assertThat(URISupport.sanitizeUri(withJws.getEndpointUri())).doesNotContain(uriJws)
                .contains("consumerJws=xxxxxx");
        assertThat(context.getCamelContextExtension().getAdditionalSensitiveKeywords())
                .contains("appJwt").contains("consumerJws");
    }

    private void assertNoTokenAnywhere() {
        List<String> tokens = List.of(propJwt, propJws, uriJwt, uriJws, optionAppJwt, optionConsumerJws);
        List<String> events = logs.events();
        assertThat(events).as("something was logged").isNotEmpty();
        for (String token : tokens) {
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
            for (String token : tokens) {
                assertThat(endpoint.toString()).doesNotContain(token);
            }
        }
    }
}
