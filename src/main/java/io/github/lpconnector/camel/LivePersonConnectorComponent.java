package io.github.lpconnector.camel;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import io.github.lpconnector.camel.internal.LivePersonAuth;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code liveperson-connector} component: holds the options its endpoints start from, and the credentials and
 * hosts shared by the endpoints of one account, so that a route that creates, sends and closes through three
 * endpoints still makes one domain lookup, one token call and one IDP call per consumer. (The accounts' paces are
 * shared by every endpoint of the Camel context: a service of the context.)
 */
@Component(LivePersonConnectorConstants.SCHEME)
public class LivePersonConnectorComponent extends HealthCheckComponent implements SSLContextParametersAware {

    private static final Logger LOG = LoggerFactory.getLogger(LivePersonConnectorComponent.class);
    /** How many conversations (and consumers) the default in-memory store keeps. */
    private static final int DEFAULT_STORED_CONVERSATIONS = 100_000;

    /** The options every endpoint starts from; an endpoint URI overrides them one by one. */
    @Metadata
    private LivePersonConnectorConfiguration configuration = new LivePersonConnectorConfiguration();

    /** Use the global SSL context parameters of the Camel context when no `sslContextParameters` is set. */
    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;

    private final Map<LivePersonAuth.Key, LivePersonAuth> auths = new ConcurrentHashMap<>();
    private final Set<String> warnedPlainHttp = ConcurrentHashMap.newKeySet();
    private Clock clock = Clock.systemUTC();
    private volatile ConversationStore defaultConversationStore;
    private volatile ExecutorService blockingExecutor;

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        SecretOptions.registerWith(getCamelContext());
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        LivePersonConnectorEndpoint endpoint = new LivePersonConnectorEndpoint(uri, this,
                LivePersonConnectorOperation.parse(remaining), configuration.copy());
        setProperties(endpoint, parameters);
        if (endpoint.getConfiguration().getSslContextParameters() == null) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    /** The credentials and hosts of an endpoint's account and client credentials, created on first use. */
    LivePersonAuth auth(LivePersonConnectorConfiguration configuration) {
        return auths.computeIfAbsent(LivePersonAuth.Key.of(configuration), key -> new LivePersonAuth(configuration, clock));
    }

    /** Logs once per base URI that tokens will travel in clear to a host that is not on this machine. */
    void warnPlainHttpOnce(URI base) {
        if (warnedPlainHttp.add(base.toString().toLowerCase(Locale.ROOT))) {
            LOG.warn("liveperson-connector: baseUri {} is plain HTTP to a host that is not loopback: tokens and"
                     + " messages travel unencrypted. Use https:// outside tests.", base);
        }
    }

    /** The store of the endpoints that set no {@code conversationStore}: one in memory, shared by them all. */
    ConversationStore defaultConversationStore() {
        ConversationStore store = defaultConversationStore;
        if (store == null) {
            synchronized (this) {
                if (defaultConversationStore == null) {
                    defaultConversationStore = ConversationStore.inMemory(DEFAULT_STORED_CONVERSATIONS);
                }
                store = defaultConversationStore;
            }
        }
        return store;
    }

    /**
     * The Camel-managed thread pool for the calls that may block - a database behind a conversation store or an
     * idempotent repository - so that they never run on an HTTP client's or server's I/O threads.
     */
    Executor blockingExecutor() {
        ExecutorService executor = blockingExecutor;
        if (executor == null) {
            synchronized (this) {
                if (blockingExecutor == null) {
                    blockingExecutor = getCamelContext().getExecutorServiceManager()
                            .newDefaultThreadPool(this, "LivePersonConnectorStore");
                }
                executor = blockingExecutor;
            }
        }
        return executor;
    }

    @Override
    protected void doStop() throws Exception {
        auths.clear();
        ExecutorService executor = blockingExecutor;
        if (executor != null) {
            getCamelContext().getExecutorServiceManager().shutdown(executor);
            blockingExecutor = null;
        }
        super.doStop();
    }

    /** The clock deciding when an AppJWT the component obtained is renewed; tests replace it before endpoints start. */
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
