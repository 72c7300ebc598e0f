package io.github.lpconnector.camel;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.lpconnector.camel.internal.CallStatistics;
import io.github.lpconnector.camel.internal.ConnectorOperation;
import io.github.lpconnector.camel.internal.ExchangeOutcomes;
import io.github.lpconnector.camel.internal.LivePersonAuth;
import io.github.lpconnector.camel.internal.LivePersonClient;
import io.github.lpconnector.camel.internal.WebhookHandler;
import org.apache.camel.AsyncEndpoint;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.webhook.WebhookCapableEndpoint;
import org.apache.camel.component.webhook.WebhookConfiguration;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open and drive LivePerson (LiveEngage) messaging conversations through the Connector API: the Send API
 * (`create`, `send`, `close`) and its webhooks (`notifications`).
 */
// AsyncEndpoint: its producer is asynchronous (no thread waits for LivePerson), which the catalog reports as "async"
@UriEndpoint(firstVersion = "0.1.0", scheme = LivePersonConnectorConstants.SCHEME, title = "LivePerson Connector",
             syntax = "liveperson-connector:operation",
             category = { Category.CHAT, Category.CLOUD, Category.API },
             headersClass = LivePersonConnectorConstants.class)
public class LivePersonConnectorEndpoint extends DefaultEndpoint
        implements AsyncEndpoint, EndpointServiceLocation, WebhookCapableEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(LivePersonConnectorEndpoint.class);

    /** The token options Camel's own URI sanitising knows only as additional keywords: it masks the first of them. */
    private static final Pattern EXTRA_KEYWORD_OPTIONS = Pattern.compile("[?&](?:appJwt|consumerJws)=",
            Pattern.CASE_INSENSITIVE);

    /**
     * What the endpoint does: `create` opens a conversation, `send` publishes an event in it, `close` closes it (all
     * three with `to`); `notifications` receives LiveEngage's webhooks (with `from`).
     */
    @UriPath(enums = "create,send,close,notifications")
    @Metadata(required = true)
    private LivePersonConnectorOperation operation;

    @UriParam
    private final LivePersonConnectorConfiguration configuration;

    private CallStatistics callStatistics;
    private ExchangeOutcomes outcomes;
    private volatile ScheduledExecutorService scheduler;
    private LivePersonClient client;
    private LivePersonHealthCheck.Registration healthCheck;
    private volatile WebhookHandler webhookHandler;

    public LivePersonConnectorEndpoint(String uri, LivePersonConnectorComponent component,
                                       LivePersonConnectorOperation operation,
                                       LivePersonConnectorConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        if (operation.isConsumer()) {
            throw new IllegalArgumentException("liveperson-connector:" + operation + " receives notifications: use it"
                                               + " with from(...), not to(...)");
        }
        return new LivePersonConnectorProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!operation.isConsumer()) {
            throw new IllegalArgumentException("liveperson-connector:" + operation + " calls LivePerson: use it with"
                                               + " to(...); from(...) takes liveperson-connector:notifications");
        }
        Consumer consumer = new LivePersonNotificationConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The handler of LiveEngage's webhook POSTs, for camel-webhook ({@code webhook:liveperson-connector:notifications}). */
    @Override
    public Processor createWebhookHandler(Processor next) {
        return newWebhookHandler(AsyncProcessorConverterHelper.convert(next), this::createExchange);
    }

    WebhookHandler newWebhookHandler(AsyncProcessor next, Supplier<Exchange> exchanges) {
        ConversationStore store = conversationStore();
        IdempotentRepository repository = configuration.getIdempotentRepository() != null
                ? configuration.getIdempotentRepository()
                : MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        Executor blocking = repository instanceof MemoryIdempotentRepository
                ? executorFor(store) : getComponent().blockingExecutor();
        WebhookHandler handler = new WebhookHandler(configuration, getCamelContext(), next, exchanges, repository, store,
                blocking, () -> scheduler);
        webhookHandler = handler;
        return handler;
    }

    /** LiveEngage's webhooks are POSTs. */
    @Override
    public List<String> getWebhookMethods() {
        return List.of("POST");
    }

    /**
     * Nothing to register: LiveEngage delivers to the endpoints of the App Installation's manifest, which LivePerson
     * (or its App Installation API) sets up; a stopping instance must not take the webhooks away from the others.
     */
    @Override
    public void registerWebhook() {
    }

    @Override
    public void unregisterWebhook() {
    }

    @Override
    public void setWebhookConfiguration(WebhookConfiguration webhookConfiguration) {
        webhookConfiguration.setWebhookPath(configuration.getWebhookPath());
    }

    /** The store the endpoint's conversations are kept in: the option's, else the component's. */
    ConversationStore conversationStore() {
        return configuration.getConversationStore() != null ? configuration.getConversationStore()
                : getComponent().defaultConversationStore();
    }

    /** The executor for calls to {@code store} that may block; the calling thread for the in-memory store. */
    Executor executorFor(ConversationStore store) {
        return store instanceof InMemoryConversationStore ? Runnable::run : getComponent().blockingExecutor();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ConnectorOperation.checkOptions(operation, configuration);
        URI base = LivePersonClient.baseUri(configuration);
        if (LivePersonClient.isPlainHttpOffThisMachine(base)) {
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
        // one thread; no bound on its tasks, as each request in flight (and each change awaiting its record) holds
        // one: the 1,000 of Camel's default profile would refuse requests
        scheduler = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "LivePersonConnector",
                new ThreadPoolProfileBuilder("LivePersonConnector").poolSize(1).maxPoolSize(1).maxQueueSize(-1)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
        if (operation.isConsumer()) {
            return; // a consumer's health check and handler come with the consumer
        }
        client = LivePersonClient.http(configuration, getCamelContext(), scheduler, callStatistics,
                configuration.isRateGovernor());
        healthCheck = LivePersonHealthCheck.registerProducer(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthCheck.remove();
            healthCheck = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        if (scheduler != null) {
            if (operation.isConsumer()) {
                // a change awaiting its conversation's record still gets its re-read, then its answer
                getCamelContext().getExecutorServiceManager().shutdown(scheduler);
            } else {
                getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
            }
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
        URI base = LivePersonClient.baseUri(configuration);
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
        ConversationStore store = conversationStore();
        return ConnectorOperation.of(operation, configuration, store, executorFor(store), () -> scheduler);
    }

    /** UP or DOWN, and why: from the calls a producer made, or the notifications a consumer received. */
    CallStatistics.Health health() {
        if (operation.isConsumer()) {
            WebhookHandler handler = webhookHandler;
            return handler != null ? handler.health() : new CallStatistics.Health(true, null);
        }
        return callStatistics.health();
    }

    /** What the endpoint saw, as plain values for the dev console and the health check's details. */
    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        if (operation.isConsumer()) {
            WebhookHandler handler = webhookHandler;
            if (handler != null) {
                state.putAll(handler.statistics());
            }
        } else {
            state.putAll(callStatistics.toMap());
            state.putAll(outcomes.toMap());
        }
        return state;
    }

    LivePersonAuth auth() {
        return getComponent().auth(configuration);
    }

    LivePersonClient client() {
        return client;
    }
}
