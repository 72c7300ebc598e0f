package io.github.lpconnector.camel;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

import io.github.lpconnector.camel.auth.LivePersonSession;
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

    /** The token options in a URI, with their value up to the next parameter; RAW(...) values included. */
    private static final Pattern TOKEN_OPTIONS = Pattern.compile(
            "([?&](?:appJwt|consumerJws|clientSecret)=)(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&]*)", Pattern.CASE_INSENSITIVE);

    /** The token options Camel's URI sanitising knows only as additional keywords: it masks the first of them only. */
    private static final Pattern EXTRA_KEYWORD_OPTIONS = Pattern.compile("[?&](?:appJwt|consumerJws)=",
            Pattern.CASE_INSENSITIVE);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LivePersonConnectorEndpoint.class);

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
        LivePersonInputRules.accountId(configuration.getAccountId());
        LivePersonInputRules.apiVersion(configuration.getApiVersion());
        if (ObjectHelper.isNotEmpty(configuration.getProxyHost())) {
            LivePersonInputRules.host("proxyHost", configuration.getProxyHost());
        }
        checkHost("domain", configuration.getDomain(), false);
        checkHost("csdsDomain", configuration.getCsdsDomain(), true);
        URI base = baseUri(); // fails fast on a malformed baseUri
        if (base != null && "http".equalsIgnoreCase(base.getScheme()) && !LivePersonInputRules.isLoopback(base.getHost())) {
            getComponent().warnPlainHttpOnce(base);
        }
        if (ObjectHelper.isNotEmpty(configuration.getClientId()) != ObjectHelper.isNotEmpty(configuration.getClientSecret())) {
            throw new IllegalArgumentException("liveperson-connector: set both clientId and clientSecret, or neither");
        }
        if (configuration.getConsumerJwsCacheSize() < 1) {
            throw new IllegalArgumentException("liveperson-connector: option consumerJwsCacheSize must be at least 1");
        }
        checkClientProperties(configuration.getClientProperties());
        if (EXTRA_KEYWORD_OPTIONS.matcher(getEndpointUri()).results().count() > 1) {
            LOG.warn("liveperson-connector: an endpoint URI holds both appJwt and consumerJws. Camel 4.18 masks only"
                     + " the first of them where it sanitises URIs itself (JMX EndpointUri, message history, events);"
                     + " set tokens as component options or exchange properties instead (endpoint {})", this);
        }
    }

    /** A host with an optional port and nothing else; see {@link LivePersonInputRules#host}. */
    private static void checkHost(String option, String host, boolean required) {
        if (ObjectHelper.isEmpty(host)) {
            if (required) {
                throw new IllegalArgumentException("liveperson-connector: option " + option + " is required");
            }
            return;
        }
        LivePersonInputRules.host(option, host);
    }

    private static void checkClientProperties(String clientProperties) {
        if (ObjectHelper.isEmpty(clientProperties)) {
            return;
        }
        try {
            if (!LivePersonJson.MAPPER.readTree(clientProperties).isObject()) {
                throw new IllegalArgumentException("liveperson-connector: option clientProperties must be a JSON object");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("liveperson-connector: option clientProperties is not valid JSON", e);
        }
        if (!clientProperties.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "liveperson-connector: option clientProperties must be printable ASCII (it is sent as a header)");
        }
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

    /**
     * {@code baseUri} without a trailing slash, or null when unset: http or https, a host and an optional port and
     * nothing else (see {@link LivePersonInputRules#baseUri}). Without it the component only ever uses https.
     */
    public URI baseUri() {
        String base = configuration.getBaseUri();
        if (ObjectHelper.isEmpty(base)) {
            return null;
        }
        return LivePersonInputRules.baseUri(base);
    }

    /** The token and domain state this endpoint shares with the component's other endpoints of the same account. */
    LivePersonSession session() {
        return getComponent().session(configuration, baseUri());
    }

    /** The messaging service as far as the options tell: {@code baseUri}, {@code https://{domain}}, else the Domain API. */

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
        URI base = baseUri();
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
