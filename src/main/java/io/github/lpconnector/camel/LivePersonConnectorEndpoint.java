package io.github.lpconnector.camel;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

import io.github.lpconnector.camel.internal.CallStatistics;
import io.github.lpconnector.camel.internal.ConnectorOperation;
import io.github.lpconnector.camel.internal.ExchangeOutcomes;
import io.github.lpconnector.camel.internal.LivePersonAuth;
import io.github.lpconnector.camel.internal.LivePersonClient;
import io.github.lpconnector.camel.internal.OptionRules;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open and drive LivePerson (LiveEngage) messaging conversations through the Connector API (Send API).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = LivePersonConnectorConstants.SCHEME, title = "LivePerson Connector",
             syntax = "liveperson-connector:operation", producerOnly = true,
             category = { Category.CHAT, Category.CLOUD, Category.API },
             headersClass = LivePersonConnectorConstants.class)
public class LivePersonConnectorEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    private static final Logger LOG = LoggerFactory.getLogger(LivePersonConnectorEndpoint.class);

    /** The token options Camel's own URI sanitising knows only as additional keywords: it masks the first of them. */
    private static final Pattern EXTRA_KEYWORD_OPTIONS = Pattern.compile("[?&](?:appJwt|consumerJws)=",
            Pattern.CASE_INSENSITIVE);

    /** What the endpoint does: `create` opens a conversation, `send` publishes an event in it, `close` closes it. */
    @UriPath(enums = "create,send,close")
    @Metadata(required = true)
    private LivePersonConnectorOperation operation;

    @UriParam
    private final LivePersonConnectorConfiguration configuration;

    private CallStatistics callStatistics;
    private ExchangeOutcomes outcomes;
    private ScheduledExecutorService scheduler;
    private LivePersonClient client;
    private WritableHealthCheckRepository healthChecks;
    private LivePersonProducerHealthCheck healthCheck;

    public LivePersonConnectorEndpoint(String uri, LivePersonConnectorComponent component,
                                       LivePersonConnectorOperation operation,
                                       LivePersonConnectorConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        return new LivePersonConnectorProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(
                "liveperson-connector is producer only: agent messages reach a connector through LivePerson webhooks");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        OptionRules.check(configuration);
        URI base = OptionRules.baseUri(configuration);
        if (OptionRules.isPlainHttpOffThisMachine(base)) {
            getComponent().warnPlainHttpOnce(base);
        }
        if (EXTRA_KEYWORD_OPTIONS.matcher(getEndpointUri()).results().count() > 1) {
            LOG.warn("liveperson-connector: an endpoint URI holds both appJwt and consumerJws. Camel 4.18 masks only"
                     + " the first of them where it sanitises URIs itself (JMX EndpointUri, message history, events);"
                     + " set tokens as component options or exchange properties instead (endpoint {})", this);
        }
        callStatistics = new CallStatistics(getCamelContext(), configuration.getAccountId(),
                configuration.getMaxQueuedRequests());
        callStatistics.noteAppJwt(configuration.getAppJwt());
        outcomes = new ExchangeOutcomes(getCamelContext(), configuration.getAccountId(), operation.name());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduler = getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "LivePersonConnector");
        client = LivePersonClient.http(configuration, getCamelContext(), scheduler, callStatistics,
                configuration.isRateGovernor() ? getComponent().paces() : null);
        // health checks are optional: the repository exists only with camel-health
        healthChecks = HealthCheckHelper.getHealthCheckRepository(getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthChecks != null) {
            healthCheck = new LivePersonProducerHealthCheck(this);
            healthCheck.setEnabled(getComponent().isHealthCheckProducerEnabled());
            healthChecks.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthChecks != null && healthCheck != null) {
            healthChecks.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        if (scheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
        super.doStop();
    }

    /** Camel masks only the first of several additional sensitive options, so the endpoint masks them all itself. */
    @Override
    public String toString() {
        return SecretOptions.mask(super.toString());
    }

    /** The endpoint URI with the values of secret options (and of options Camel knows as secret) masked. */
    public String getSanitizedUri() {
        return SecretOptions.mask(getEndpointUri());
    }

    @Override
    public String getServiceUrl() {
        URI base = OptionRules.baseUri(configuration);
        if (base != null) {
            return base.toString();
        }
        return "https://" + (ObjectHelper.isNotEmpty(configuration.getDomain())
                ? configuration.getDomain() : configuration.getCsdsDomain());
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        String accountId = configuration.getAccountId();
        return accountId != null ? Map.of("accountId", accountId) : null;
    }

    @Override
    public LivePersonConnectorComponent getComponent() {
        return (LivePersonConnectorComponent) super.getComponent();
    }

    public LivePersonConnectorOperation getOperation() {
        return operation;
    }

    public void setOperation(LivePersonConnectorOperation operation) {
        this.operation = operation;
    }

    public LivePersonConnectorConfiguration getConfiguration() {
        return configuration;
    }

    /** What this endpoint's calls saw of LivePerson, and the health verdict; null before the endpoint is initialised. */
    public CallStatistics getCallStatistics() {
        return callStatistics;
    }

    /** How this endpoint's exchanges ended; null before the endpoint is initialised. */
    public ExchangeOutcomes getOutcomes() {
        return outcomes;
    }

    ConnectorOperation newOperation() {
        return ConnectorOperation.of(operation, configuration);
    }

    LivePersonAuth auth() {
        return getComponent().auth(configuration);
    }

    LivePersonClient client() {
        return client;
    }
}
