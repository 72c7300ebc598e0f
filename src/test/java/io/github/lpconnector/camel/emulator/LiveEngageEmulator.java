package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server emulating LivePerson's Connector API services on one loopback port: Domain API (CSDS), Sentinel
 * (AppJWT), IDP (ConsumerJWS), the Send API (CREATE, SEND) and the {@code swift} file storage. The Domain API points
 * every service of {@link #SERVICES} at {@link #host()}. Rules taken from LivePerson's documents name their source
 * where they are coded.
 * <p>
 * This class is what tests use: the {@link Builder}, the lifecycle, the tokens, fault injection and rate limit, and
 * what the emulator saw ({@link #conversations()}, {@link #count counters}, {@link #requests()}); and the LiveEngage
 * side: the agent ({@link #agent()}) and the webhook notifications ({@link #webhooks()}). How it is built, and the
 * choices where LivePerson's reference is silent or contradictory: see the package documentation.
 */
public final class LiveEngageEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEngageEmulator.class);

    /**
     * The Domain API services that point at the emulator: the ones it emulates (messaging, Sentinel, IDP, the
     * {@code swift} file storage), then others LivePerson clients commonly look up at start (the connector reference's
     * list in section 4, and the agent-side and data services), which answer 404 here.
     */
    public static final List<String> SERVICES = List.of("asyncMessagingEnt", "sentinel", "idp", "swift",
            "messagingRestApiDomain", "mtlsGateway", "agentVep", "accountConfigReadOnly", "accountConfigReadWrite",
            "msgHist", "leDataReporting");

    private final String clientId;
    private final String clientSecret;
    private final Duration appJwtTtl;
    private final Duration startLatency;
    private final int startRate;
    private final Clock clock;
    private final Tokens tokens;
    private final FaultInjection faults = new FaultInjection();
    private final RateLimit rateLimit;
    private final ConversationStore conversations;
    private final FileStorage files;
    private final Counters counters = new Counters();
    private final RequestLog requests;
    private final Webhooks webhooks;
    private final Routes routes;
    private final EmulatorServer server;
    private final int port;
    private final String host;
    private volatile boolean answersReversed;
    private volatile boolean closed;

    private LiveEngageEmulator(Builder b) throws IOException {
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.appJwtTtl = b.appJwtTtl;
        this.startLatency = b.latency;
        this.startRate = b.ratePerSecond;
        this.clock = b.clock;
        this.tokens = new Tokens(clock);
        this.rateLimit = new RateLimit(b.ratePerSecond);
        this.faults.latency(b.latency);
        this.webhooks = new Webhooks(b.webhookSetup, clientId, clientSecret, clock, this::schedule);
        this.conversations = new ConversationStore(!b.multipleOpenConversations, clock);
        conversations.listener(webhooks.listener(agent()));
        this.files = new FileStorage(clock);
        this.requests = new RequestLog(b.recordRequests);
        AppJwtCheck appJwt = new AppJwtCheck(tokens, clock, b.acceptBearerPrefix);
        this.routes = new Routes(List.of(
                new DomainApiHandler(this::host),
                new SentinelHandler(tokens, clientId, clientSecret, appJwtTtl),
                new IdpHandler(tokens, appJwt),
                new CreateHandler(rateLimit, appJwt, tokens, conversations, clock, () -> answersReversed),
                new SendHandler(rateLimit, appJwt, tokens, conversations, files, clock),
                new SwiftHandler("PUT", files), new SwiftHandler("GET", files),
                new AgentHandler(this::agent), new WebhookAdminHandler(webhooks),
                new AdminHandler(this::conversations, this::counters, WebhookAdminHandler.resources(webhooks)),
                new TokenAdminHandler(this)));
        InetAddress bind = InetAddress.getByName(b.bindAddress);
        this.server = new EmulatorServer(new InetSocketAddress(bind, b.port), b.threads,
                new Dispatcher(routes, faults, counters, requests));
        this.port = server.port();
        this.host = (bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress()) + ":" + port;
        if (b.forgetConversationsEvery != null) {
            server.every(b.forgetConversationsEvery, this::forgetConversations);
        }
        LOG.info("LiveEngage emulator listening on http://{}", host);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts with the defaults: loopback, a free port. */
    public static LiveEngageEmulator start() {
        return builder().start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUri() {
        return "http://" + host;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}, what the Domain API returns as baseURI (a bare host, like LivePerson). */
    public String host() {
        return host;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The lifetime of the AppJWTs Sentinel issues (exp - iat). */
    public Duration appJwtTtl() {
        return appJwtTtl;
    }

    public Clock clock() {
        return clock;
    }

    /** A valid AppJWT for {@code accountId}, as Sentinel returns it. */
    public String issueAppJwt(String accountId) {
        return tokens.issueAppJwt(accountId, clientId, appJwtTtl);
    }

    /**
     * An AppJWT signed with the emulator's Sentinel key carrying exactly {@code claims} (to test claim checks), e.g.
     * {@code Map.of("iss", "Sentinel", "aud", account, "exp", epochSeconds)}.
     */
    public String signAppJwt(Map<String, Object> claims) {
        return tokens.signAppJwt(claims);
    }

    /** A valid ConsumerJWS, as IDP returns it (the same token for the same consumer). */
    public String issueConsumerJws(String accountId, String extConsumerId) {
        return tokens.issueConsumerJws(accountId, extConsumerId);
    }

    /** The lp_consumer_id the emulator assigns to (account, ext consumer); stable, also across restarts. */
    public String lpConsumerId(String accountId, String extConsumerId) {
        return Tokens.lpConsumerId(accountId, extConsumerId);
    }

    /** The public key verifying the AppJWTs (RS256, kid "appjwt-emulator"). */
    public RSAPublicKey appJwtPublicKey() {
        return tokens.appJwtPublicKey();
    }

    /** The public key verifying the ConsumerJWSs (RS256, kid "consumerjws-emulator"). */
    public RSAPublicKey consumerJwsPublicKey() {
        return tokens.consumerJwsPublicKey();
    }

    public FaultInjection faults() {
        return faults;
    }

    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** The webhook side: registrations, delivery faults, the delivery log, counters, awaiting the deliveries. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** The emulator's default agent ({@link EmulatedAgent#DEFAULT_ID}); the auto-agent acts as this one. */
    public EmulatedAgent agent() {
        return agent(EmulatedAgent.DEFAULT_ID);
    }

    /** The agent with participant id {@code agentId}. */
    public EmulatedAgent agent(String agentId) {
        return new EmulatedAgent(agentId, conversations, clock);
    }

    /** When true, CREATE answers come in reverse order, so clients must match them by reqId. */
    public LiveEngageEmulator answersReversed(boolean reversed) {
        this.answersReversed = reversed;
        return this;
    }

    public boolean answersReversed() {
        return answersReversed;
    }

    /** Snapshot of all conversations, oldest first. */
    public List<EmulatedConversation> conversations() {
        return conversations.snapshots();
    }

    public Optional<EmulatedConversation> conversation(String conversationId) {
        return conversations.snapshot(conversationId);
    }

    /** The last CSAT ({@code conversationField} of {@code CSATRate}) given to the conversation. */
    public Optional<JsonNode> csat(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId)).map(StoredConversation::csat);
    }

    /** The bytes uploaded to the file storage at {@code relativePath} (as {@code ms.GenerateURLForUploadFile} gave it). */
    public Optional<byte[]> storedFile(String relativePath) {
        return files.get(relativePath).map(f -> f.content().clone());
    }

    /** Requests answered with {@code status} (0 = dropped) on endpoint "domain", "sentinel", "idp", "create", "send". */
    public long count(String endpoint, int status) {
        return counters.count(endpoint, status);
    }

    /** Requests answered (or dropped) on {@code endpoint}, any status. */
    public long count(String endpoint) {
        return counters.count(endpoint);
    }

    /** All counters, e.g. {@code "create 200" -> 3}, sorted by key. */
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /**
     * The requests received, oldest first: the newest 10,000, or none when the builder said
     * {@link Builder#recordRequests(boolean) recordRequests(false)}. Every request is there, the emulator's own
     * {@code /emulator/...} ones included, from the moment its answer is decided (so before a delayed answer is
     * written, and also for a stalled or dropped one).
     */
    public List<RecordedRequest> requests() {
        return requests.list();
    }

    /** Forgets the recorded requests (also done by {@link #reset()}). */
    public void clearRequests() {
        requests.clear();
    }

    /**
     * Forgets conversations, stored files, counters, recorded requests and faults, drops delayed and stalled
     * exchanges, and restores the rate limit and latency given to the builder; answersReversed goes back to false.
     * Issued tokens stay valid. The webhook side drops what is queued and gets the builder's registrations back.
     */
    public void reset() {
        conversations.clear();
        files.clear();
        counters.clear();
        requests.clear();
        faults.clear().latency(startLatency).resetCounters();
        rateLimit.resetCounters();
        rateLimit.permitsPerSecond(startRate);
        answersReversed = false;
        server.dropWaiting();
        webhooks.reset();
    }

    /**
     * Forgets the stored conversations, keeping counters, faults and exchanges in progress: keeps the heap of a long
     * load test flat.
     */
    public void forgetConversations() {
        conversations.clear();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        webhooks.close();
        LOG.info("LiveEngage emulator on {} stopped", host);
    }

    private void schedule(Duration delay, Runnable task) {
        server.schedule(delay, task);
    }

    /** The routes of this emulator's services (for tests of the routing). */
    Routes routes() {
        return routes;
    }

    // ================================================================== Builder

    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private String clientId = "emulator-client";
        private String clientSecret = "emulator-secret";
        private Duration appJwtTtl = Duration.ofHours(1);
        private int ratePerSecond;
        private Duration latency = Duration.ZERO;
        private int threads = 2;
        private Clock clock = Clock.systemUTC();
        private boolean acceptBearerPrefix;
        private boolean multipleOpenConversations;
        private Duration forgetConversationsEvery;
        private boolean recordRequests = true;
        private final WebhookSetup webhookSetup = new WebhookSetup();

        private Builder() {
        }

        /** The LiveEngage side: webhook registrations, signature, timeouts, TLS, auto-agent ({@link WebhookSetup}). */
        public Builder webhooks(Consumer<WebhookSetup> setup) {
            setup.accept(webhookSetup);
            return this;
        }

        /** All five notification types to {@code urls} (round-robin when several), no retries. */
        public Builder webhook(String... urls) {
            webhookSetup.registerAll(urls);
            return this;
        }

        /** 0 = a free port (default). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Address to bind (default 127.0.0.1); a wildcard address is advertised as 127.0.0.1. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** The credentials Sentinel accepts; defaults "emulator-client" / "emulator-secret". */
        public Builder clientCredentials(String clientId, String clientSecret) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            return this;
        }

        /** AppJWT lifetime (exp - iat); default 1 hour, like LivePerson. */
        public Builder appJwtTtl(Duration ttl) {
            this.appJwtTtl = ttl;
            return this;
        }

        /** CREATE+SEND permits per second per account; 0 or negative (default) = unlimited. */
        public Builder ratePerSecond(int permits) {
            this.ratePerSecond = permits;
            return this;
        }

        /** Latency added to every CREATE/SEND answer (see {@link FaultInjection#latency(Duration)}). */
        public Builder latency(Duration d) {
            this.latency = d == null ? Duration.ZERO : d;
            return this;
        }

        /**
         * I/O reactor threads (default 2): each connection is served by one of them, which reads, handles and
         * answers its requests; stalls and latency never occupy them. More than the machine's cores only adds
         * context switches.
         */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1");
            }
            this.threads = n;
            return this;
        }

        /** The clock for token iat/exp, expiry checks and timestamps (default system UTC); see {@link ManualClock}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Tolerate {@code Authorization: Bearer <AppJWT>} (default false: refused with 401 40102). */
        public Builder acceptBearerPrefix(boolean accept) {
            this.acceptBearerPrefix = accept;
            return this;
        }

        /**
         * Lets one consumer have several OPEN conversations at once (default false: like LivePerson, a second CREATE
         * while one is open gets 400 40011). For load tests that open many conversations with one ConsumerJWS
         * rather than signing a token per conversation; the newest conversation is the consumer's "open" one.
         */
        public Builder multipleOpenConversations(boolean allow) {
            this.multipleOpenConversations = allow;
            return this;
        }

        /**
         * Forgets the stored conversations every {@code period}, as {@link LiveEngageEmulator#forgetConversations()} does (default:
         * never). For load tests that only CREATE: the store of everything opened otherwise grows with the load, and
         * collecting it costs the JVM more the longer the test runs. A SEND or CLOSE to a forgotten conversation is
         * refused as unknown.
         */
        public Builder forgetConversationsEvery(Duration period) {
            if (period != null && (period.isNegative() || period.isZero())) {
                throw new IllegalArgumentException("forgetConversationsEvery must be positive");
            }
            this.forgetConversationsEvery = period;
            return this;
        }

        /**
         * Whether {@link LiveEngageEmulator#requests()} records the requests (default true). Load tests switch it off:
         * the log keeps up to 10,000 requests with their bodies.
         */
        public Builder recordRequests(boolean record) {
            this.recordRequests = record;
            return this;
        }

        public LiveEngageEmulator start() {
            try {
                return new LiveEngageEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the LiveEngage emulator", e);
            }
        }
    }
}
