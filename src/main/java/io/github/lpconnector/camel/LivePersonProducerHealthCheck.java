package io.github.lpconnector.camel;

import java.util.Map;

import io.github.lpconnector.camel.internal.CallStatistics;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one {@code liveperson-connector} endpoint, judged from what its calls saw, without sending anything:
 * DOWN while LivePerson refuses the token (401/403), while the domain cannot be reached, after repeated 5xx/429
 * answers, or while calls wait for a retry; UP otherwise (also before the first call). Registered in the
 * {@code producers} repository, which Camel enables with {@code camel.health.producers-enabled=true}.
 */
class LivePersonProducerHealthCheck extends AbstractHealthCheck {

    private final LivePersonConnectorEndpoint endpoint;

    LivePersonProducerHealthCheck(LivePersonConnectorEndpoint endpoint) {
        super("camel", "producer:" + endpoint.getSanitizedUri()); // the id names the endpoint without its tokens
        this.endpoint = endpoint;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CallStatistics calls = endpoint.getCallStatistics();
        CallStatistics.Health health = calls.health();
        builder.detail("accountId", endpoint.getConfiguration().getAccountId());
        builder.detail("serviceUrl", endpoint.getServiceUrl());
        builder.detail("operation", String.valueOf(endpoint.getOperation()));
        calls.toMap().forEach(builder::detail);
        endpoint.getOutcomes().toMap().forEach(builder::detail);
        if (calls.lastHttpStatus() != null) {
            builder.detail(SERVICE_STATUS_CODE, calls.lastHttpStatus());
        }
        if (health.up()) {
            builder.up();
        } else {
            builder.message(health.reason());
            builder.down();
        }
    }
}
