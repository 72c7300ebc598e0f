package io.github.lpconnector.camel.ecosystem;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.github.lpconnector.camel.LivePersonConnectorEndpoint;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer health check reads what the calls recorded: DOWN after a refused token or repeated 503, UP after a
 * success, and never sends anything itself. The emulator answers.
 */
class LivePersonProducerHealthCheckTest extends CamelTestSupport {

    static final String ACCOUNT = "1234";

    private static final Predicate<HealthCheck> OURS = h -> h.getId().startsWith("producer:liveperson-connector:");

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(
            b -> b.multipleOpenConversations(true));

    private final String appJwt = EMULATOR.issueAppJwt(ACCOUNT);
    private final String consumerJws = EMULATOR.issueConsumerJws(ACCOUNT, "checked-consumer");

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
                        .to("liveperson-connector:create?accountId=" + ACCOUNT + "&baseUri=" + EMULATOR.baseUri()
                            + "&appJwt=RAW(" + appJwt + ")&consumerJws=RAW(" + consumerJws + ")"
                            + "&maxRetries=2&retryDelay=1&maxRetryDelay=5");
            }
        };
    }

    private HealthCheck.Result health() {
        return health("accountId=" + ACCOUNT);
    }

    /** The result of our health check whose id contains {@code idPart}. */
    private HealthCheck.Result health(String idPart) {
        Optional<HealthCheck.Result> result = ours().filter(h -> h.getId().contains(idPart)).findFirst()
                .map(HealthCheck::call);
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
                .contains("accountId=1234").doesNotContain(appJwt).doesNotContain(consumerJws);
        assertThat(EMULATOR.requests()).as("the check sends nothing").isEmpty();
    }

    @Test
    void downAfter401UpAgainAfterSuccess() {
        // an AppJWT of another account, given by the exchange: 401 40102
        Exchange failed = template.send("direct:create", e -> {
            e.setProperty(PROPERTY_APP_JWT, EMULATOR.issueAppJwt("87654321"));
            e.getMessage().setBody("{\"message\":\"hello\"}");
        });
        assertThat(failed.getException()).isInstanceOf(LivePersonConnectorException.class);

        HealthCheck.Result down = health();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("refused the token").contains("401"));
        Map<String, Object> details = down.getDetails();
        assertThat(details).containsEntry("accountId", "1234").containsEntry("lastHttpStatus", 401);
        assertThat(details.toString()).doesNotContain(appJwt).doesNotContain(consumerJws);

        Exchange ok = create();
        assertThat(ok.getException()).isNull();
        assertThat(health().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void downAfterRepeated503UpAgainAfterSuccess() {
        // one exchange: the first attempt and both retries get 503
        EMULATOR.faults().statusShare(503, 1.0);
        Exchange failed = create();
        EMULATOR.faults().clear();
        assertThat(failed.getException()).isInstanceOf(LivePersonConnectorException.class);
        assertThat(EMULATOR.count("create", 503)).isEqualTo(3);

        HealthCheck.Result down = health();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("3 times in a row").contains("503"));
        assertThat(down.getDetails()).containsEntry("retries", 2L);

        assertThat(create().getException()).isNull();
        assertThat(health().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void downWhenTheDomainIsUnreachable() throws Exception {
        // a second endpoint whose domain nothing listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:unreachable").to("liveperson-connector:create?accountId=5678&baseUri=http://127.0.0.1:"
                                              + closedPort + "&appJwt=RAW(" + appJwt + ")&consumerJws=RAW("
                                              + consumerJws + ")&maxRetries=0");
            }
        });
        Exchange failed = template.send("direct:unreachable", e -> e.getMessage().setBody("{\"message\":\"hello\"}"));
        assertThat(failed.getException()).isInstanceOf(LivePersonConnectorException.class);
        assertThat(health().getState()).as("the other endpoint").isEqualTo(HealthCheck.State.UP);
        HealthCheck.Result down = health("accountId=5678");
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
