package io.github.lpconnector.camel;

import io.github.lpconnector.camel.internal.WebhookHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code from("liveperson-connector:notifications")}: serves LiveEngage's webhook POSTs on {@code webhookPath}
 * through Camel's platform-http, each request answered by a {@link WebhookHandler} that hands every change on to
 * the route as its own exchange.
 */
class LivePersonNotificationConsumer extends DefaultConsumer implements HealthCheckAware {

    private final LivePersonConnectorEndpoint endpoint;
    private Consumer http;

    LivePersonNotificationConsumer(LivePersonConnectorEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        startRepository(endpoint.getConfiguration().getIdempotentRepository());
        WebhookHandler handler = endpoint.newWebhookHandler(getAsyncProcessor(), () -> createExchange(false));
        Endpoint platformHttp = getEndpoint().getCamelContext().getEndpoint(
                "platform-http:" + endpoint.getConfiguration().getWebhookPath() + "?httpMethodRestrict=POST");
        http = platformHttp.createConsumer(handler);
        ServiceHelper.startService(http);
    }

    /**
     * Starts the option's repository as Camel's idempotent consumer does (a JDBC one creates its table, a leased one
     * renews its leases while started), once per context, which stops it when it stops.
     */
    private void startRepository(IdempotentRepository repository) throws Exception {
        CamelContext context = getEndpoint().getCamelContext();
        if (repository != null && !context.hasService(repository)) {
            CamelContextAware.trySetCamelContext(repository, context);
            context.addService(repository, true, true);
        }
    }

    /** What Camel's check of this route's consumer reports: see {@link LivePersonHealthCheck}. */
    @Override
    public HealthCheck getHealthCheck() {
        return LivePersonHealthCheck.forConsumer(endpoint);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownService(http);
        http = null;
        super.doStop();
    }
}
