package io.github.lpconnector.camel.ecosystem;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.github.lpconnector.camel.LivePersonConnectorEndpoint;
import io.github.lpconnector.camel.LivePersonConnectorException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer health check reads what the calls recorded: DOWN after a refused token or repeated 503, UP after a
 * success, and never sends anything itself.
 */
class LivePersonProducerHealthCheckTest extends CamelTestSupport {

    static final String APP_JWT = "app.jwt-secret-value";

    private static final Predicate<HealthCheck> OURS = h -> h.getId().startsWith("producer:liveperson-connector:");

    private final LivePersonStandIn liveperson = LivePersonStandIn.start();


    @AfterEach
    void stopStandIn() {
        liveperson.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // what camel.health.producers-enabled=true does in camel-main
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        producers.setEnabled(true);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("create")
                        .to("liveperson-connector:create?accountId=1234&baseUri=" + liveperson.baseUri()
                            + "&appJwt=RAW(" + APP_JWT + ")&consumerJws=jws-secret-value"
                            + "&maxRetries=2&retryDelay=1&maxRetryDelay=5");
            }
        };
    }

    private HealthCheck.Result health() {
        Optional<HealthCheck.Result> result = ours().findFirst().map(HealthCheck::call);
        assertThat(result).as("the producer health check is registered").isPresent();
        return result.get();
    }

    private Stream<HealthCheck> ours() {
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        assertThat(producers.isEnabled()).isTrue();
        return producers.stream().filter(OURS);
    }

    private Exchange create() {
        return template.send("direct:create", e -> e.getMessage().setBody("{\"message\":\"hello\"}"));
    }

    @Test
    void upBeforeAnyCallAndIdHasNoSecret() {
        HealthCheck.Result result = health();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getCheck().getId()).startsWith("producer:liveperson-connector")
                .contains("accountId=1234").doesNotContain("secret-value");
        assertThat(liveperson.requests()).as("the check sends nothing").isZero();
    }

    @Test
    void downAfter401UpAgainAfterSuccess() {
        liveperson.thenAnswer(401, "{\"errorCode\":40102,\"title\":\"Invalid AppJWT\"}");
        Exchange failed = create();
        assertThat(failed.getException()).isInstanceOf(LivePersonConnectorException.class);

        HealthCheck.Result down = health();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("refused the token").contains("401"));
        Map<String, Object> details = down.getDetails();
        assertThat(details).containsEntry("accountId", "1234").containsEntry("lastHttpStatus", 401);
        assertThat(details.toString()).doesNotContain("secret-value");

        Exchange ok = create();
        assertThat(ok.getException()).isNull();
        assertThat(health().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void downAfterRepeated503UpAgainAfterSuccess() {
        // one exchange: the first attempt and both retries get 503
        liveperson.thenAnswer(503, "{}").thenAnswer(503, "{}").thenAnswer(503, "{}");
        Exchange failed = create();
        assertThat(failed.getException()).isInstanceOf(LivePersonConnectorException.class);
        assertThat(liveperson.requests()).isEqualTo(3);

        HealthCheck.Result down = health();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("3 times in a row").contains("503"));
        assertThat(down.getDetails()).containsEntry("retries", 2L);

        assertThat(create().getException()).isNull();
        assertThat(health().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void downWhenTheDomainIsUnreachable() throws Exception {
        liveperson.close();
        Exchange failed = create();
        assertThat(failed.getException()).isInstanceOf(LivePersonConnectorException.class);
        HealthCheck.Result down = health();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("unreachable"));
    }

    @Test
    void removedWhenTheEndpointStops() throws Exception {
        LivePersonConnectorEndpoint endpoint = context.getEndpoints().stream()
                .filter(LivePersonConnectorEndpoint.class::isInstance).map(LivePersonConnectorEndpoint.class::cast)
                .findFirst().orElseThrow();
        assertThat(ours()).hasSize(1);
        context.getRouteController().stopRoute("create");
        context.removeRoute("create");
        endpoint.stop();
        assertThat(ours()).isEmpty();
    }
}
