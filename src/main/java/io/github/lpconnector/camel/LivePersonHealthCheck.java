package io.github.lpconnector.camel;

import java.util.Map;

import io.github.lpconnector.camel.internal.CallStatistics;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Readiness of one {@code liveperson-connector} endpoint, judged from what it saw, without sending anything.
 * <ul>
 * <li>A producer (in the {@code producers} repository, enabled with {@code camel.health.producers-enabled=true}):
 * DOWN while LivePerson refuses the token (401/403), while the domain cannot be reached, after repeated 5xx/429
 * answers, or while calls wait for a retry.</li>
 * <li>{@code notifications} (the route's consumer check in the {@code consumers} repository, enabled with
 * {@code camel.health.consumers-enabled=true}, which asks the consumer for this check): DOWN
 * while the latest notification was refused for its signature or account (the secret or account id is wrong) or
 * failed in the route.</li>
 * </ul>
 * UP otherwise, also before the first call or notification.
 */
class LivePersonHealthCheck extends AbstractHealthCheck {

    private final LivePersonConnectorEndpoint endpoint;
    private final boolean consumer;

    private LivePersonHealthCheck(LivePersonConnectorEndpoint endpoint, boolean consumer) {
        // the id names the endpoint without its tokens
        super("camel", (consumer ? "consumer:" : "producer:") + endpoint.getSanitizedUri());
        this.endpoint = endpoint;
        this.consumer = consumer;
    }

    /** The check of a {@code notifications} consumer, which Camel's consumer check asks for. */
    static LivePersonHealthCheck forConsumer(LivePersonConnectorEndpoint endpoint) {
        LivePersonHealthCheck check = new LivePersonHealthCheck(endpoint, true);
        check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        return check;
    }

    /**
     * Adds a producer endpoint's check to the {@code producers} repository, when camel-health is there.
     *
     * @return the registration, to {@link Registration#remove()} when the endpoint stops; never null
     */
    static Registration registerProducer(LivePersonConnectorEndpoint endpoint) {
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (repository == null) {
            return () -> {
            };
        }
        LivePersonHealthCheck check = new LivePersonHealthCheck(endpoint, false);
        check.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
        repository.addHealthCheck(check);
        return () -> repository.removeHealthCheck(check);
    }

    /** A check in its repository. */
    @FunctionalInterface
    interface Registration {
        void remove();
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("accountId", endpoint.getConfiguration().getAccountId());
        builder.detail("operation", String.valueOf(endpoint.getOperation()));
        if (!consumer) {
            builder.detail("serviceUrl", endpoint.getServiceUrl());
            Integer status = endpoint.getCallStatistics().lastHttpStatus();
            if (status != null) {
                builder.detail(SERVICE_STATUS_CODE, status);
            }
        }
        endpoint.state().forEach(builder::detail);
        CallStatistics.Health health = endpoint.health();
        if (health.up()) {
            builder.up();
        } else {
            builder.message(health.reason());
            builder.down();
        }
    }
}
