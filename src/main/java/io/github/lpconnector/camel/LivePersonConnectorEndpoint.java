package io.github.lpconnector.camel;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

import io.github.lpconnector.camel.http.LivePersonHttpClient;
import io.github.lpconnector.camel.metrics.LivePersonMetrics;
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
import org.apache.camel.util.URISupport;

/**
 * Open and drive LivePerson (LiveEngage) messaging conversations through the Connector API (Send API).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = LivePersonConnectorConstants.SCHEME, title = "LivePerson Connector",
             syntax = "liveperson-connector:operation", producerOnly = true,
             category = { Category.CHAT, Category.CLOUD, Category.API },
             headersClass = LivePersonConnectorConstants.class)
public class LivePersonConnectorEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The token options in a URI, with their value up to the next parameter; RAW(...) values included. */
    private static final Pattern TOKEN_OPTIONS = Pattern.compile(
            "([?&](?:appJwt|consumerJws)=)(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&]*)", Pattern.CASE_INSENSITIVE);

    /** What the endpoint does: `create` opens a conversation, `send` publishes an event in it, `close` closes it. */
    @UriPath(enums = "create,send,close")
    @Metadata(required = true)
    private LivePersonConnectorOperation operation;

    @UriParam
    private final LivePersonConnectorConfiguration configuration;

    private LivePersonHttpClient httpClient;
    private ScheduledExecutorService retryScheduler;
    private final LivePersonEndpointStatistics statistics = new LivePersonEndpointStatistics(this);
    private WritableHealthCheckRepository producersHealthCheckRepository;
    private LivePersonProducerHealthCheck producerHealthCheck;

    public LivePersonConnectorEndpoint(String uri, LivePersonConnectorComponent component,
                                       LivePersonConnectorOperation operation,
                                       LivePersonConnectorConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    static LivePersonConnectorOperation parseOperation(String name) {
        return Arrays.stream(LivePersonConnectorOperation.values())
                .filter(op -> op.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown operation '" + name + "' in liveperson-connector:operation; expected one of "
                                                                + Arrays.toString(LivePersonConnectorOperation.values())));
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
        String accountId = configuration.getAccountId();
        if (ObjectHelper.isEmpty(accountId)) {
            throw new IllegalArgumentException("liveperson-connector: option accountId is required");
        }
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException(
                    "liveperson-connector: option accountId must be 1-64 letters, digits, '-' or '_'");
        }
        if (ObjectHelper.isEmpty(configuration.getDomain()) && ObjectHelper.isEmpty(configuration.getBaseUri())) {
            throw new IllegalArgumentException("liveperson-connector: set option domain (or baseUri)");
        }
        messagingBaseUri(); // fails fast on a malformed domain or baseUri
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        httpClient = LivePersonHttpClient.create(configuration, getCamelContext());
        retryScheduler = getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "LivePersonConnectorRetry");
        statistics.setMetrics(LivePersonMetrics.create(getCamelContext(), configuration.getAccountId()));
        // health checks are optional: the repository exists only with camel-health
        producersHealthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (producersHealthCheckRepository != null) {
            producerHealthCheck = new LivePersonProducerHealthCheck(this);
            producerHealthCheck.setEnabled(getComponent().isHealthCheckProducerEnabled());
            producersHealthCheckRepository.addHealthCheck(producerHealthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (producersHealthCheckRepository != null && producerHealthCheck != null) {
            producersHealthCheckRepository.removeHealthCheck(producerHealthCheck);
            producerHealthCheck = null;
        }
        if (retryScheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(retryScheduler);
            retryScheduler = null;
        }
        if (httpClient != null) {
            httpClient.close();
            httpClient = null;
        }
        super.doStop();
    }

    /** Scheme, host and port of the messaging service: {@code baseUri}, else {@code https://{domain}}. */
    public URI messagingBaseUri() {
        String base = ObjectHelper.isNotEmpty(configuration.getBaseUri())
                ? configuration.getBaseUri() : "https://" + configuration.getDomain();
        URI uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
            || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "liveperson-connector: domain/baseUri must be a host with an optional port, got '" + base + "'");
        }
        return uri;
    }

    /**
     * Camel's own URI sanitising masks only the first of several additional sensitive options, so the endpoint masks
     * both token options itself.
     */
    @Override
    public String toString() {
        return TOKEN_OPTIONS.matcher(super.toString()).replaceAll("$1xxxxxx");
    }

    @Override
    public String getServiceUrl() {
        return messagingBaseUri().toString();
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

    /** The endpoint URI with the values of secret options (and of options Camel knows as secret) masked. */
    public String getSanitizedUri() {
        return TOKEN_OPTIONS.matcher(URISupport.sanitizeUri(getEndpointUri())).replaceAll("$1xxxxxx");
    }

    /** What this endpoint has seen of LivePerson; read by the health check, the dev console and metrics. */
    public LivePersonEndpointStatistics getStatistics() {
        return statistics;
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

    LivePersonHttpClient getHttpClient() {
        return httpClient;
    }

    ScheduledExecutorService getRetryScheduler() {
        return retryScheduler;
    }
}
