package io.github.lpconnector.camel;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.lpconnector.camel.auth.LivePersonSession;

import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code liveperson-connector} component: holds the options shared by its endpoints.
 */
@Component(LivePersonConnectorConstants.SCHEME)
public class LivePersonConnectorComponent extends HealthCheckComponent implements SSLContextParametersAware {

    /** The options every endpoint starts from; an endpoint URI overrides them one by one. */
    @Metadata
    private LivePersonConnectorConfiguration configuration = new LivePersonConnectorConfiguration();

    /** Use the global SSL context parameters of the Camel context when no `sslContextParameters` is set. */
    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;

    private static final Logger LOG = LoggerFactory.getLogger(LivePersonConnectorComponent.class);

    /** The plain-HTTP base URIs already warned about, so each is warned about once. */
    private final Set<String> warnedPlainHttp = ConcurrentHashMap.newKeySet();

    /** Shared token and domain state, one per account and credentials; see {@link LivePersonSession}. */
    private final Map<LivePersonSession.Key, LivePersonSession> sessions = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    /** The options whose values are tokens: Camel masks them wherever it sanitises a URI. */
    static final String SECRET_OPTIONS = "appJwt,consumerJws,clientSecret";

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        registerSensitiveKeywords();
    }

    /**
     * Camel masks only the option names it knows as sensitive (password, token, secret...); appJwt and consumerJws
     * are not among them, so they are added to the context's additional sensitive keywords, keeping any already set.
     */
    private void registerSensitiveKeywords() {
        var extension = getCamelContext().getCamelContextExtension();
        String existing = extension.getAdditionalSensitiveKeywords();
        StringBuilder keywords = new StringBuilder(existing != null ? existing : "");
        for (String option : SECRET_OPTIONS.split(",")) {
            boolean known = keywords.length() > 0 && java.util.Arrays.stream(keywords.toString().split(","))
                    .anyMatch(k -> k.trim().equalsIgnoreCase(option));
            if (!known) {
                keywords.append(keywords.length() > 0 ? "," : "").append(option);
            }
        }
        if (!keywords.toString().equals(existing)) {
            extension.setAdditionalSensitiveKeywords(keywords.toString());
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        LivePersonConnectorOperation operation = LivePersonConnectorEndpoint.parseOperation(remaining);
        LivePersonConnectorEndpoint endpoint = new LivePersonConnectorEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        if (endpoint.getConfiguration().getSslContextParameters() == null) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    /** Logs once per base URI that tokens will travel in clear to a host that is not on this machine. */
    void warnPlainHttpOnce(URI base) {
        if (warnedPlainHttp.add(base.toString().toLowerCase(java.util.Locale.ROOT))) {
            LOG.warn("liveperson-connector: baseUri {} is plain HTTP to a host that is not loopback: tokens and"
                     + " messages travel unencrypted. Use https:// outside tests.", base);
        }
    }

    /** The session of an endpoint's account and credentials, created on first use. */
    LivePersonSession session(LivePersonConnectorConfiguration configuration, URI baseUri) {
        return sessions.computeIfAbsent(LivePersonSession.Key.of(configuration, baseUri),
                key -> new LivePersonSession(configuration, baseUri, clock));
    }

    @Override
    protected void doStop() throws Exception {
        sessions.clear();
        super.doStop();
    }

    /** The clock deciding when a cached AppJWT is renewed; tests replace it before the endpoints start. */
    Clock clock() {
        return clock;
    }

    void clock(Clock clock) {
        this.clock = clock;
    }

    public LivePersonConnectorConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LivePersonConnectorConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
