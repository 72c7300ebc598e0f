package io.github.lpconnector.camel.ecosystem;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.lpconnector.camel.LivePersonConnectorDevConsole;
import io.github.lpconnector.camel.LivePersonConnectorEndpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics (with a SimpleMeterRegistry bound in the registry), the dev console and the service location, fed by real
 * calls to a loopback stand-in.
 */
class LivePersonObservabilityTest extends CamelTestSupport {

    /** A JWT-shaped AppJWT whose exp is 2100-01-01T00:00:00Z; its signature part is a secret marker. */
    static final String APP_JWT = "eyJhbGciOiJIUzI1NiJ9."
                                  + Base64.getUrlEncoder().withoutPadding().encodeToString(
                                          "{\"exp\":4102444800}".getBytes())
                                  + ".signature-secret";

    private final LivePersonStandIn liveperson = LivePersonStandIn.start();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();


    @AfterEach
    void stopStandIn() {
        liveperson.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meterRegistry", MeterRegistry.class, meters);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create")
                        .to("liveperson-connector:create?accountId=1234&baseUri=" + liveperson.baseUri()
                            + "&consumerJws=jws-secret-value&maxRetries=2&retryDelay=1&maxRetryDelay=5");
            }
        };
    }

    private Exchange create() {
        return template.send("direct:create", e -> {
            e.setProperty(PROPERTY_APP_JWT, APP_JWT);
            e.getMessage().setBody("{\"message\":\"hello\"}");
        });
    }

    private double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void metersCountCallsFailuresAndRetries() {
        assertThat(create().getException()).isNull();
        liveperson.thenAnswer(401, "{\"errorCode\":40102,\"title\":\"Invalid AppJWT\"}");
        assertThat(create().getException()).isNotNull();
        liveperson.thenRateLimit("0");
        assertThat(create().getException()).as("429 is retried, then succeeds").isNull();

        assertThat(count("liveperson.connector.conversations.created", "operation", "create", "accountId", "1234"))
                .isEqualTo(2.0);
        assertThat(count("liveperson.connector.messages.sent", "operation", "create")).isEqualTo(2.0);
        assertThat(count("liveperson.connector.failures", "operation", "create", "status", "401", "errorCode", "40102"))
                .isEqualTo(1.0);
        assertThat(count("liveperson.connector.retries", "operation", "create", "status", "429")).isEqualTo(1.0);
        assertThat(meters.find("liveperson.connector.calls").tags("operation", "create", "outcome", "success")
                .timer().count()).isEqualTo(2);
        assertThat(meters.find("liveperson.connector.calls").tags("outcome", "http_error").timer().count())
                .isEqualTo(1);

        // no secret, conversation id or content in any tag
        for (Meter meter : meters.getMeters()) {
            assertThat(meter.getId().getTags().toString())
                    .doesNotContain("secret").doesNotContain("conv-").doesNotContain("hello");
        }
    }

    @Test
    void devConsoleShowsEndpointState() {
        assertThat(create().getException()).isNull();
        liveperson.thenAnswer(503, "{}").thenAnswer(503, "{}").thenAnswer(503, "{}");
        assertThat(create().getException()).isNotNull();
        liveperson.thenRateLimit("0");
        assertThat(create().getException()).isNull();

        DevConsole console = DevConsoleRegistry.get(context).resolveById("liveperson-connector");
        assertThat(console).as("found through the generated dev-console SPI file")
                .isInstanceOf(LivePersonConnectorDevConsole.class);

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        @SuppressWarnings("unchecked")
        List<JsonObject> endpoints = (List<JsonObject>) json.get("endpoints");
        assertThat(endpoints).hasSize(1);
        JsonObject endpoint = endpoints.get(0);
        assertThat(endpoint.getString("accountId")).isEqualTo("1234");
        assertThat(endpoint.getString("health")).isEqualTo("UP");
        assertThat(endpoint.getLong("exchanges")).isEqualTo(3);
        assertThat(endpoint.getLong("calls")).isEqualTo(3);
        assertThat(endpoint.getLong("retries")).isEqualTo(3);
        assertThat(endpoint.getLong("conversationsCreated")).isEqualTo(2);
        assertThat(endpoint.toJson()).contains("\"failuresByStatus\":{\"503\":1}");
        assertThat(endpoint.getString("lastError")).contains("HTTP 503");
        assertThat(endpoint.getBoolean("rateLimited")).isFalse();
        assertThat(endpoint.getString("last429")).isNotNull();
        assertThat(endpoint.getString("tokenExpiry")).isEqualTo("2100-01-01T00:00:00Z");
        assertThat(endpoint.getString("uri")).doesNotContain("secret");

        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertThat(text).contains("Account: 1234").contains("Health: UP").contains("failuresByStatus: {503=1}")
                .contains("tokenExpiry: 2100-01-01T00:00:00Z").doesNotContain("secret");
        assertThat(json.toString() + text).doesNotContain("hello").doesNotContain(APP_JWT);
    }

    @Test
    void endpointTellsTracingWhichServiceItCalls() {
        LivePersonConnectorEndpoint endpoint = context.getEndpoints().stream()
                .filter(LivePersonConnectorEndpoint.class::isInstance).map(LivePersonConnectorEndpoint.class::cast)
                .findFirst().orElseThrow();
        EndpointServiceLocation location = endpoint;
        assertThat(location.getServiceUrl()).isEqualTo(liveperson.baseUri());
        assertThat(location.getServiceProtocol()).isEqualTo("rest");
        assertThat(location.getServiceMetadata()).containsEntry("accountId", "1234");

        LivePersonConnectorEndpoint byDomain = context.getEndpoint(
                "liveperson-connector:create?accountId=99&domain=va.msg.liveperson.net", LivePersonConnectorEndpoint.class);
        assertThat(byDomain.getServiceUrl()).isEqualTo("https://va.msg.liveperson.net");
    }
}
