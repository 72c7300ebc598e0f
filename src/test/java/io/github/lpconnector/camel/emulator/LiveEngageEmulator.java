package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestFactory;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.nio.DefaultHttpRequestParserFactory;
import org.apache.hc.core5.http.impl.nio.ServerHttp1IOEventHandlerFactory;
import org.apache.hc.core5.http.impl.nio.ServerHttp1StreamDuplexerFactory;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.nio.command.ShutdownCommand;
import org.apache.hc.core5.http.protocol.DefaultHttpProcessor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.ResponseConnControl;
import org.apache.hc.core5.http.protocol.ResponseContent;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.DefaultListeningIOReactor;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.lpconnector.camel.emulator.Tokens.ConsumerIdentity;

/**
 * An HTTP server emulating LivePerson's Connector API services on one loopback port: Domain API (CSDS), Sentinel
 * (AppJWT), IDP (ConsumerJWS) and the Send API (CREATE, SEND). The Domain API points every emulated service
 * ({@code asyncMessagingEnt}, {@code sentinel}, {@code idp}) at {@link #host()}.
 * <p>
 * The server is HttpCore 5's non-blocking HTTP/1.1 server (the stack {@code AsyncServerBootstrap} assembles, built
 * here from its parts so that every thread is named {@code le-emulator-*}): a listener thread accepts connections and
 * hands each to one of {@link Builder#threads(int) n} I/O reactor threads, which reads its requests, handles them and
 * writes their answers, with no hand-off to another thread. A delayed or stalled answer holds no thread: the emulator's
 * scheduler submits it when its time comes. Connections are kept alive until the client closes them.
 * <p>
 * Processing order of a CREATE/SEND request: route (404) and method (405), fault injection, rate limit (429), query
 * {@code v=3} (400), AppJWT (401 40105 / 40102), ConsumerJWS (401 40104 / 40103), Content-Type (415), JSON (400), then
 * the request semantics (see {@link SendApi}).
 * <p>
 * Choices where LivePerson's reference is silent or contradictory:
 * <ul>
 * <li>"AppJWT is missing" is 40105 and "ConsumerJWS is missing" 40104, as in the TABLE of sendapi-error-codes.md (its
 * example labels "AppJWT is missing" 40104).</li>
 * <li>{@code Authorization: Bearer <jwt>} is refused (401 40102) unless {@link Builder#acceptBearerPrefix(boolean)}:
 * the reference and every official client send the raw token.</li>
 * <li>An AppJWT signed by the emulator whose {@code iss} is not "Sentinel" gives 400 40001 "Missing parameter", as the
 * error table says.</li>
 * <li>Unknown Domain API service: 400 (the Domain API documents only 400 and 401).</li>
 * <li>Sentinel errors use an OAuth2 body {@code {"error":..,"error_description":..}} (undocumented); no
 * {@code expires_in} in its answer (as documented).</li>
 * <li>A non-JSON Content-Type on CREATE/SEND: 415.</li>
 * <li>ChatStateEvents are stored with sequence -1 and answered with an empty body {@code {}}.</li>
 * <li>Unknown or closed conversation on SEND: 400 (40009 / 40010); another consumer's conversation: 401 (40106).</li>
 * <li>Second CREATE while the consumer has an OPEN conversation: HTTP 200, the conversation item gets code 400 with
 * errorCode 40011 "Conversation already open"; the first-message item then gets 400 40009.</li>
 * <li>Counters count the status actually written; dropped connections count as status 0.</li>
 * </ul>
 */
public final class LiveEngageEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEngageEmulator.class);

    /** The Domain API services that point at the emulator. */
    public static final List<String> SERVICES = List.of("asyncMessagingEnt", "sentinel", "idp");

    /**
     * Pending connections the listening socket queues (the kernel caps it at net.core.somaxconn): load tests open
     * thousands of connections at once.
     */
    private static final int BACKLOG = 16_384;

    private final DefaultListeningIOReactor reactor;
    private final ScheduledExecutorService scheduler;
    private final int port;
    private final String host;
    private final String clientId;
    private final String clientSecret;
    private final Duration appJwtTtl;
    private final Duration startLatency;
    private final int startRate;
    private final boolean acceptBearerPrefix;
    private final Clock clock;
    private final Tokens tokens;
    private final FaultInjection faults = new FaultInjection();
    private final RateLimit rateLimit;
    private final SendApi sendApi;
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
    /** Exchanges whose answer is delayed or stalled: closed at reset() and close(). */
    private final Set<Exchange> parked = ConcurrentHashMap.newKeySet();
    private volatile boolean answersReversed;
    private volatile boolean closed;

    private LiveEngageEmulator(Builder b) throws IOException {
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.appJwtTtl = b.appJwtTtl;
        this.startLatency = b.latency;
        this.startRate = b.ratePerSecond;
        this.acceptBearerPrefix = b.acceptBearerPrefix;
        this.clock = b.clock;
        this.tokens = new Tokens(clock);
        this.rateLimit = new RateLimit(b.ratePerSecond);
        this.faults.latency(b.latency);
        this.sendApi = new SendApi(clock, () -> answersReversed, !b.multipleOpenConversations);
        InetAddress bind = InetAddress.getByName(b.bindAddress);
        this.scheduler = Executors.newScheduledThreadPool(1, daemonThreads("le-emulator-delay"));
        if (b.forgetConversationsEvery != null) {
            long period = b.forgetConversationsEvery.toNanos();
            scheduler.scheduleAtFixedRate(this::forgetConversations, period, period, TimeUnit.NANOSECONDS);
        }
        this.reactor = newReactor(b.threads);
        try {
            reactor.start();
            this.port = ((InetSocketAddress) listen(new InetSocketAddress(bind, b.port))).getPort();
        } catch (IOException | RuntimeException e) {
            reactor.close(CloseMode.IMMEDIATE);
            scheduler.shutdownNow();
            throw e;
        }
        String advertised = bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
        this.host = advertised + ":" + port;
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

    public Clock clock() {
        return clock;
    }

    /** A valid AppJWT for {@code accountId}, as Sentinel returns it. */
    public String issueAppJwt(String accountId) {
        return tokens.issueAppJwt(accountId, clientId, appJwtTtl);
    }

    /** An AppJWT signed with the emulator's Sentinel key carrying exactly {@code claims} (to test claim checks). */
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
        return sendApi.conversations.values().stream().map(StoredConversation::snapshot)
                .sorted(Comparator.comparing(EmulatedConversation::createdAt)).toList();
    }

    public Optional<EmulatedConversation> conversation(String conversationId) {
        return Optional.ofNullable(sendApi.conversations.get(conversationId)).map(StoredConversation::snapshot);
    }

    /** Requests answered with {@code status} (0 = dropped) on endpoint "domain", "sentinel", "idp", "create", "send". */
    public long count(String endpoint, int status) {
        AtomicLong n = counters.get(endpoint + " " + status);
        return n == null ? 0 : n.get();
    }

    /** Requests answered (or dropped) on {@code endpoint}, any status. */
    public long count(String endpoint) {
        String prefix = endpoint + " ";
        return counters.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    /** All counters, e.g. {@code "create 200" -> 3}, sorted by key. */
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /**
     * Forgets conversations, counters and faults, drops stalled exchanges, and restores the rate limit and latency
     * given to the builder; answersReversed goes back to false. Issued tokens stay valid.
     */
    public void reset() {
        sendApi.reset();
        counters.clear();
        faults.clear().latency(startLatency).resetCounters();
        rateLimit.resetCounters();
        rateLimit.permitsPerSecond(startRate);
        answersReversed = false;
        dropParked();
    }

    /**
     * Forgets the stored conversations, keeping counters, faults and exchanges in progress: keeps the heap of a long
     * load test flat.
     */
    public void forgetConversations() {
        sendApi.reset();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow(); // delayed answers will not come: their connections are closed below
        dropParked();
        // Stop listening and close the connections once idle (at once: no answer is outstanding any more); whatever
        // is left after the grace period is closed hard.
        reactor.initiateShutdown();
        try {
            reactor.awaitShutdown(TimeValue.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reactor.close(CloseMode.IMMEDIATE);
        LOG.info("LiveEngage emulator on {} stopped", host);
    }

    private void dropParked() {
        for (Exchange ex : parked) {
            if (parked.remove(ex)) {
                ex.drop();
            }
        }
    }

    // ================================================================== HTTP server

    /**
     * The connection whose request head the current reactor thread is handling: {@link #CONNECTION_OF_REQUEST} sets it
     * right before HttpCore asks {@link #newExchange} for the request's handler, on the same thread.
     */
    private static final ThreadLocal<HttpConnection> CONNECTION = new ThreadLocal<>();

    private static final Http1StreamListener CONNECTION_OF_REQUEST = new Http1StreamListener() {
        @Override
        public void onRequestHead(HttpConnection connection, HttpRequest request) {
            CONNECTION.set(connection);
        }

        @Override
        public void onResponseHead(HttpConnection connection, HttpResponse response) {
        }

        @Override
        public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {
        }
    };

    /**
     * Requests in origin form ({@code /path?query}, what clients send) keep their target as it came; HttpCore's default
     * factory would parse each into a {@link URI} first.
     */
    private static final HttpRequestFactory<HttpRequest> REQUESTS = new HttpRequestFactory<>() {
        @Override
        public HttpRequest newHttpRequest(String method, String target) {
            return target.startsWith("/") ? new BasicHttpRequest(method, null, null, target)
                    : new BasicHttpRequest(method, target);
        }

        @Override
        public HttpRequest newHttpRequest(String method, URI uri) {
            return new BasicHttpRequest(method, uri);
        }
    };

    private DefaultListeningIOReactor newReactor(int ioThreads) {
        Http1Config http1 = Http1Config.DEFAULT;
        ServerHttp1StreamDuplexerFactory connections = new ServerHttp1StreamDuplexerFactory(
                // Content-Length and Connection headers; the Date header is added by answer() from a cache
                new DefaultHttpProcessor(new ResponseContent(), new ResponseConnControl()), this::newExchange, http1,
                null, null, new DefaultHttpRequestParserFactory(http1, REQUESTS, null), null, CONNECTION_OF_REQUEST,
                e -> LOG.debug("exchange failed: {}", e.toString()));
        IOReactorConfig config = IOReactorConfig.custom().setIoThreadCount(ioThreads).setBacklogSize(BACKLOG)
                .setSoReuseAddress(true).setTcpNoDelay(true).build();
        return new DefaultListeningIOReactor(new ServerHttp1IOEventHandlerFactory(connections, null, null), config,
                daemonThreads("le-emulator-io"), daemonThreads("le-emulator-listener"), null,
                e -> LOG.warn("emulator I/O reactor failed", e), null, ShutdownCommand.GRACEFUL_NORMAL_CALLBACK);
    }

    private SocketAddress listen(InetSocketAddress address) throws IOException {
        try {
            ListenerEndpoint endpoint = reactor.listen(address).get(30, TimeUnit.SECONDS);
            return endpoint.getAddress();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException("cannot listen on " + address, cause);
        } catch (TimeoutException e) {
            throw new IOException("cannot listen on " + address + ": timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + address, e);
        }
    }

    private AsyncServerExchangeHandler newExchange(HttpRequest request, HttpContext context) {
        HttpConnection connection = CONNECTION.get();
        CONNECTION.set(null);
        if (connection == null) {
            throw new IllegalStateException("no connection for " + request); // HttpCore changed its call order
        }
        return new Exchange(connection);
    }

    private static final byte[] NO_BODY = new byte[0];
    /** A request body announced with a Content-Length up to this size is read into an array of that size. */
    private static final int PRESIZED_BODY_LIMIT = 1 << 20;

    /**
     * One request and its answer, driven by the reactor thread of its connection: the body is gathered as it comes,
     * the request handled when it is complete, and the answer submitted either at once or later by the scheduler.
     */
    private final class Exchange implements AsyncServerExchangeHandler {
        private final HttpConnection connection;
        private HttpRequest request;
        private ResponseChannel channel;
        private HttpContext context;
        private byte[] body = NO_BODY;
        private int length;
        /** The answer's body still to write; produce() is never called concurrently (HttpCore's contract). */
        private volatile ByteBuffer pending;
        private volatile boolean isParked;
        private volatile boolean released;

        Exchange(HttpConnection connection) {
            this.connection = connection;
        }

        @Override
        public void handleRequest(HttpRequest request, EntityDetails entity, ResponseChannel channel,
                HttpContext context) throws HttpException, IOException {
            this.request = request;
            this.channel = channel;
            this.context = context;
            if (entity == null) {
                handle(this, NO_BODY);
                return;
            }
            long announced = entity.getContentLength();
            if (announced > 0 && announced <= PRESIZED_BODY_LIMIT) {
                body = new byte[(int) announced];
            }
            Header expect = request.getFirstHeader(HttpHeaders.EXPECT);
            if (expect != null && "100-continue".equalsIgnoreCase(expect.getValue())) {
                channel.sendInformation(new BasicHttpResponse(HttpStatus.SC_CONTINUE), context);
            }
        }

        @Override
        public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
            capacityChannel.update(Integer.MAX_VALUE);
        }

        @Override
        public void consume(ByteBuffer src) {
            int n = src.remaining();
            if (length + n > body.length) {
                body = Arrays.copyOf(body, Math.max(length + n, Math.max(1024, body.length * 2)));
            }
            src.get(body, length, n);
            length += n;
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) {
            handle(this, length == body.length ? body : Arrays.copyOf(body, length));
        }

        /** Submits the answer; from the reactor thread, or from the scheduler for a delayed one. */
        void answer(HttpResponse response, byte[] content) {
            if (released) {
                return; // the connection is gone
            }
            try {
                if (content.length == 0) {
                    channel.sendResponse(response, null, context);
                } else {
                    pending = ByteBuffer.wrap(content);
                    channel.sendResponse(response, new BasicEntityDetails(content.length, null), context);
                }
            } catch (HttpException | IOException | RuntimeException e) {
                LOG.debug("could not write the answer: {}", e.toString());
                drop();
            }
        }

        @Override
        public int available() {
            ByteBuffer b = pending;
            return b == null ? 0 : b.remaining();
        }

        @Override
        public void produce(DataStreamChannel out) throws IOException {
            ByteBuffer b = pending;
            if (b == null) {
                return;
            }
            while (b.hasRemaining() && out.write(b) > 0) {
                // the session buffer takes what it can; the reactor calls again when there is room
            }
            if (!b.hasRemaining()) {
                pending = null;
                out.endStream(null);
            }
        }

        /**
         * Closes the connection without an answer (no answer was submitted on it): the client sees the connection
         * closed, as by the JDK server's {@code HttpExchange.close()} before any response header.
         */
        void drop() {
            connection.close(CloseMode.IMMEDIATE);
        }

        void park() {
            isParked = true;
            parked.add(this);
        }

        /** @return whether the exchange was parked and is now this caller's to answer or drop */
        boolean unpark() {
            return parked.remove(this);
        }

        @Override
        public void failed(Exception cause) {
            releaseResources();
        }

        @Override
        public void releaseResources() {
            released = true;
            pending = null;
            if (isParked) {
                parked.remove(this);
            }
        }
    }

    // ================================================================== routing and fault injection

    /** An endpoint, with its counter keys made once (not a string concatenation per answer). */
    enum Endpoint {
        UNKNOWN("unknown"), DOMAIN("domain"), SENTINEL("sentinel"), IDP("idp"), CREATE("create"), SEND("send"),
        EMULATOR("emulator");

        final String id;
        private final String[] keys = new String[600];

        Endpoint(String id) {
            this.id = id;
        }

        String counterKey(int status) {
            if (status < 0 || status >= keys.length) {
                return id + " " + status;
            }
            String key = keys[status];
            if (key == null) {
                key = id + " " + status; // a benign race: Strings are immutable
                keys[status] = key;
            }
            return key;
        }
    }

    record Route(Endpoint endpoint, String accountId, String extra) {
    }

    private static final String API_ACCOUNT = "/api/account/";
    private static final String SENTINEL_ACCOUNT = "/sentinel/api/account/";
    private static final String DOMAIN_SERVICE = "/service/";
    private static final String BASE_URI_JSON = "/baseURI.json";
    private static final String EMULATOR = "/emulator/";

    /**
     * The route of a raw path, or null (404). Prefix checks rather than regular expressions; the account and service
     * are non-empty path segments:
     * <ul>
     * <li>{@code /api/account/{a}/service/{s}/baseURI.json}, {@code /api/account/{a}/service/baseURI.json}: domain</li>
     * <li>{@code /sentinel/api/account/{a}/app/token}: sentinel</li>
     * <li>{@code /api/account/{a}/consumer}: idp</li>
     * <li>{@code /api/account/{a}/messaging/consumer/conversation}: create; {@code .../conversation/send}: send</li>
     * <li>{@code /emulator/...}: admin</li>
     * </ul>
     */
    static Route route(String path) {
        if (path.startsWith(API_ACCOUNT)) {
            int slash = segmentEnd(path, API_ACCOUNT.length());
            if (slash < 0) {
                return null;
            }
            String account = path.substring(API_ACCOUNT.length(), slash);
            if (rest(path, slash, "/messaging/consumer/conversation/send")) {
                return new Route(Endpoint.SEND, account, null);
            }
            if (rest(path, slash, "/messaging/consumer/conversation")) {
                return new Route(Endpoint.CREATE, account, null);
            }
            if (rest(path, slash, "/consumer")) {
                return new Route(Endpoint.IDP, account, null);
            }
            if (rest(path, slash, DOMAIN_SERVICE + "baseURI.json")) {
                return new Route(Endpoint.DOMAIN, account, null);
            }
            if (path.startsWith(DOMAIN_SERVICE, slash) && path.endsWith(BASE_URI_JSON)) {
                int start = slash + DOMAIN_SERVICE.length();
                int end = path.length() - BASE_URI_JSON.length();
                if (end > start && path.indexOf('/', start) == end) {
                    return new Route(Endpoint.DOMAIN, account, path.substring(start, end));
                }
            }
            return null;
        }
        if (path.startsWith(SENTINEL_ACCOUNT)) {
            int slash = segmentEnd(path, SENTINEL_ACCOUNT.length());
            return slash >= 0 && rest(path, slash, "/app/token")
                    ? new Route(Endpoint.SENTINEL, path.substring(SENTINEL_ACCOUNT.length(), slash), null)
                    : null;
        }
        if (path.startsWith(EMULATOR)) {
            return new Route(Endpoint.EMULATOR, null, path.substring(EMULATOR.length()));
        }
        return null;
    }

    /** The index of the '/' ending the non-empty segment starting at {@code start}, or -1. */
    private static int segmentEnd(String path, int start) {
        int slash = path.indexOf('/', start);
        return slash > start ? slash : -1;
    }

    /** Whether {@code path} from {@code from} on is exactly {@code rest}. */
    private static boolean rest(String path, int from, String rest) {
        return path.length() - from == rest.length() && path.startsWith(rest, from);
    }

    private void handle(Exchange ex, byte[] body) {
        HttpRequest request = ex.request;
        Endpoint endpoint = Endpoint.UNKNOWN;
        try {
            String target = request.getPath();
            if (target == null) {
                target = "";
            }
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            String rawQuery = q < 0 ? null : target.substring(q + 1);
            Route route = route(path);
            if (route == null) {
                answer(ex, endpoint, Reply.error(404, ErrorCodes.NOT_FOUND, "Not found", "no such resource: " + path,
                        null));
                return;
            }
            endpoint = route.endpoint;
            String method = endpoint == Endpoint.DOMAIN || endpoint == Endpoint.EMULATOR ? "GET" : "POST";
            if (!method.equals(request.getMethod())) {
                answer(ex, endpoint, Reply.error(405, ErrorCodes.METHOD_NOT_ALLOWED, "Method not allowed",
                        "use " + method, null));
                return;
            }
            boolean faulty = faults.appliesTo(endpoint.id);
            FaultInjection.Decision decision = faulty ? faults.decide() : FaultInjection.Decision.NONE;
            Duration delay = faulty ? faults.latency() : Duration.ZERO;
            Reply reply;
            switch (decision.kind()) {
                case DROP:
                    increment(endpoint, 0);
                    ex.drop();
                    return;
                case STATUS:
                    int status = decision.status();
                    Reply injected = Reply.error(status, status * 100 + 1, "Injected fault",
                            "the emulator injected HTTP " + status, null);
                    reply = status == 429 ? withHeader(injected, "Retry-After", "1") : injected;
                    break;
                default:
                    reply = process(route, rawQuery, request, body);
            }
            if (decision.kind() == FaultInjection.Kind.STALL) {
                if (decision.stall() == null) {
                    increment(endpoint, reply.status()); // processed; the answer never comes
                    ex.park();
                    return;
                }
                delay = delay.plus(decision.stall());
            }
            respond(ex, endpoint, reply, delay);
        } catch (Exception e) {
            LOG.warn("emulator failed on {} {}", request.getMethod(), request.getPath(), e);
            answer(ex, endpoint, Reply.error(500, 50001, "Internal error", String.valueOf(e), null));
        }
    }

    private Reply process(Route route, String rawQuery, HttpRequest request, byte[] body) {
        switch (route.endpoint) {
            case DOMAIN:
                return domain(route, rawQuery);
            case SENTINEL:
                return sentinel(route.accountId, rawQuery, body);
            case IDP:
                return idp(route.accountId, rawQuery, request, body);
            case CREATE:
            case SEND:
                return sendApi(route, rawQuery, request, body);
            default:
                return admin(route.extra);
        }
    }

    private static String header(HttpRequest request, String name) {
        Header h = request.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    // ------------------------------------------------------------------ Domain API

    private Reply domain(Route route, String rawQuery) {
        if (!"1.0".equals(queryParam(rawQuery, "version"))) {
            return domainError(400, "version must be 1.0");
        }
        if (route.extra == null) {
            ObjectNode root = MAPPER.createObjectNode();
            ArrayNode list = root.putArray("baseURIs");
            SERVICES.forEach(s -> list.add(baseUri(s, route.accountId)));
            return Reply.json(200, root);
        }
        if (!SERVICES.contains(route.extra)) { // case-sensitive, as LivePerson's
            return domainError(400, "unknown service name '" + route.extra + "'");
        }
        return Reply.json(200, baseUri(route.extra, route.accountId));
    }

    private ObjectNode baseUri(String service, String account) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("service", service);
        node.put("account", account);
        node.put("baseURI", host);
        return node;
    }

    private static Reply domainError(int status, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("code", status);
        node.put("message", message);
        return Reply.json(status, node);
    }

    // ------------------------------------------------------------------ Sentinel

    private Reply sentinel(String accountId, String rawQuery, byte[] body) {
        Map<String, String> query = parseForm(rawQuery);
        if (!"1.0".equals(query.get("v"))) {
            return Reply.oauthError(400, "invalid_request", "v must be 1.0");
        }
        Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
        Map<String, String> params = new HashMap<>(query);
        params.putAll(form); // credentials in the form body (documented) or the query string (older docs)
        String grant = params.get("grant_type");
        if (grant == null) {
            return Reply.oauthError(400, "invalid_request", "grant_type is missing");
        }
        if (!"client_credentials".equals(grant)) {
            return Reply.oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        if (!clientId.equals(params.get("client_id")) || !clientSecret.equals(params.get("client_secret"))) {
            return Reply.oauthError(401, "invalid_client", "wrong client_id or client_secret");
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("access_token", tokens.issueAppJwt(accountId, clientId, appJwtTtl));
        node.put("token_type", "Bearer");
        return Reply.json(200, node);
    }

    // ------------------------------------------------------------------ IDP

    private Reply idp(String accountId, String rawQuery, HttpRequest request, byte[] body) {
        if (!"1.0".equals(queryParam(rawQuery, "v"))) {
            return Reply.error(400, ErrorCodes.INVALID_VERSION, "Invalid parameter", "v must be 1.0", null);
        }
        Reply auth = checkAppJwt(header(request, "Authorization"), accountId);
        if (auth != null) {
            return auth;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return Reply.error(400, ErrorCodes.MALFORMED_REQUEST, "Invalid request", "malformed JSON", null);
        }
        JsonNode ext = root == null ? null : root.get("ext_consumer_id");
        if (ext == null || !ext.isTextual() || ext.asText().isBlank()) {
            return Reply.error(400, ErrorCodes.MISSING_PARAMETER, "Missing parameter", "ext_consumer_id is missing",
                    null);
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("token", tokens.issueConsumerJws(accountId, ext.asText()));
        return Reply.json(201, node);
    }

    // ------------------------------------------------------------------ Send API

    private Reply sendApi(Route route, String rawQuery, HttpRequest request, byte[] body) {
        String accountId = route.accountId;
        long wait = rateLimit.tryAcquire(accountId);
        if (wait > 0) {
            Reply r = Reply.error(429, ErrorCodes.TOO_MANY_REQUESTS, "Too many requests",
                    "rate limit of " + rateLimit.permitsPerSecond() + " requests per second exceeded", null);
            return withHeader(r, "Retry-After", Long.toString(wait));
        }
        if (!"3".equals(queryParam(rawQuery, "v"))) {
            return Reply.error(400, ErrorCodes.INVALID_VERSION, "Invalid parameter", "v must be 3", null);
        }
        Reply auth = checkAppJwt(header(request, "Authorization"), accountId);
        if (auth != null) {
            return auth;
        }
        String jws = header(request, "X-LP-ON-BEHALF");
        if (jws == null || jws.isBlank()) {
            return Reply.error(401, ErrorCodes.CONSUMER_JWS_MISSING, "ConsumerJWS is missing",
                    "X_ON_BEHALF_HEADER is not present", null);
        }
        ConsumerIdentity consumer = tokens.verifyConsumerJws(jws.trim());
        if (consumer == null || !consumer.accountId().equals(accountId)) {
            return Reply.error(401, ErrorCodes.INVALID_CONSUMER_JWS, "Invalid ConsumerJWS",
                    consumer == null ? "invalid" : "the ConsumerJWS is for another account", null);
        }
        String contentType = header(request, "Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return Reply.error(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type must be application/json", null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return Reply.error(400, ErrorCodes.MALFORMED_REQUEST, "Invalid request", "malformed JSON", null);
        }
        if (root == null || root.isMissingNode()) {
            return Reply.error(400, ErrorCodes.MALFORMED_REQUEST, "Invalid request", "empty body", null);
        }
        return route.endpoint == Endpoint.CREATE ? sendApi.create(accountId, consumer, root)
                : sendApi.send(accountId, consumer, root);
    }

    /** @return null if the AppJWT is valid for the account, else the 401 (or 400) answer */
    private Reply checkAppJwt(String header, String accountId) {
        if (header == null || header.isBlank()) {
            // the error TABLE says 40105 (the doc's example says 40104: the table wins)
            return Reply.error(401, ErrorCodes.APP_JWT_MISSING, "AppJWT is missing",
                    "AUTHORIZATION header is not present", null);
        }
        String token = header.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (!acceptBearerPrefix) {
                return invalidAppJwt("the Authorization header must hold the raw AppJWT, without 'Bearer '");
            }
            token = token.substring(7).trim();
        }
        JsonNode claims = tokens.verifyAppJwt(token);
        if (claims == null) {
            return invalidAppJwt("invalid");
        }
        if (!Tokens.SENTINEL_ISSUER.equals(claims.path("iss").asText(null))) {
            return Reply.error(400, ErrorCodes.MISSING_PARAMETER, "Missing parameter",
                    "the AppJWT lacks required claims (iss must be Sentinel)", null);
        }
        JsonNode exp = claims.path("exp");
        if (!exp.isNumber() || !Instant.ofEpochSecond(exp.asLong()).isAfter(clock.instant())) {
            return invalidAppJwt("expired");
        }
        if (!Tokens.audienceContains(claims, accountId)) {
            return invalidAppJwt("the AppJWT is for another account");
        }
        return null;
    }

    private static Reply invalidAppJwt(String details) {
        return Reply.error(401, ErrorCodes.INVALID_APP_JWT, "Invalid AppJWT", details, null);
    }

    // ------------------------------------------------------------------ admin (standalone inspection)

    private Reply admin(String what) {
        try {
            switch (what) {
                case "conversations":
                    ArrayNode list = MAPPER.createArrayNode();
                    conversations().forEach(c -> list.add(conversationJson(c)));
                    return Reply.json(200, list);
                case "counters":
                    return Reply.json(200, MAPPER.valueToTree(counters()));
                default:
                    return Reply.error(404, ErrorCodes.NOT_FOUND, "Not found", "no such resource", null);
            }
        } catch (IllegalArgumentException e) {
            return Reply.error(500, 50001, "Internal error", e.getMessage(), null);
        }
    }

    static ObjectNode conversationJson(EmulatedConversation c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("conversationId", c.conversationId());
        node.put("accountId", c.accountId());
        node.put("brandId", c.brandId());
        node.put("extConsumerId", c.extConsumerId());
        node.put("lpConsumerId", c.lpConsumerId());
        node.put("state", c.state());
        node.set("request", c.request());
        node.set("userProfile", c.userProfile());
        ArrayNode messages = node.putArray("messages");
        for (EmulatedMessage m : c.messages()) {
            ObjectNode msg = messages.addObject();
            msg.put("sequence", m.sequence());
            msg.set("event", m.event());
            msg.put("at", m.at().toString());
        }
        node.put("createdAt", c.createdAt().toString());
        return node;
    }

    // ------------------------------------------------------------------ plumbing

    private static Reply withHeader(Reply r, String name, String value) {
        Map<String, String> headers = new HashMap<>(r.headers());
        headers.put(name, value);
        return new Reply(r.status(), Map.copyOf(headers), r.body());
    }

    private void respond(Exchange ex, Endpoint endpoint, Reply reply, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            answer(ex, endpoint, reply);
            return;
        }
        ex.park(); // no thread waits: the scheduler submits the answer when it is due
        try {
            scheduler.schedule(() -> {
                if (ex.unpark()) {
                    answer(ex, endpoint, reply);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // closed
            if (ex.unpark()) {
                ex.drop();
            }
        }
    }

    private static final Header CONTENT_TYPE_JSON = new BasicHeader("Content-Type", "application/json");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record DateHeader(long second, Header header) {
    }

    /** The Date header of the current second: formatted once a second, not once an answer. */
    private static volatile DateHeader date = new DateHeader(-1, null);

    private static Header dateHeader() {
        long second = System.currentTimeMillis() / 1000;
        DateHeader d = date;
        if (d.second != second) {
            d = new DateHeader(second, new BasicHeader("Date", HTTP_DATE.format(Instant.ofEpochSecond(second))));
            date = d;
        }
        return d.header;
    }

    private void answer(Exchange ex, Endpoint endpoint, Reply reply) {
        increment(endpoint, reply.status()); // before the client can see the answer
        BasicHttpResponse response = new BasicHttpResponse(reply.status());
        response.addHeader(dateHeader());
        response.addHeader(CONTENT_TYPE_JSON);
        reply.headers().forEach(response::setHeader);
        ex.answer(response, reply.body());
    }

    private void increment(Endpoint endpoint, int status) {
        String key = endpoint.counterKey(status);
        AtomicLong n = counters.get(key);
        if (n == null) {
            n = counters.computeIfAbsent(key, k -> new AtomicLong());
        }
        n.incrementAndGet();
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v,
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ignored) {
                // malformed escape: skip the pair
            }
        }
        return out;
    }

    /**
     * {@code parseForm(raw).get(name)} without building the map: the first well-formed pair whose decoded name is
     * {@code name}.
     */
    static String queryParam(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        int from = 0;
        while (from <= raw.length()) {
            int amp = raw.indexOf('&', from);
            int end = amp < 0 ? raw.length() : amp;
            if (end > from) {
                int eq = raw.indexOf('=', from);
                int keyEnd = eq < 0 || eq > end ? end : eq;
                String k = decode(raw.substring(from, keyEnd));
                if (name.equals(k)) {
                    String v = keyEnd == end ? "" : decode(raw.substring(keyEnd + 1, end));
                    if (v != null) {
                        return v;
                    }
                }
            }
            if (amp < 0) {
                break;
            }
            from = amp + 1;
        }
        return null;
    }

    /** URL-decodes {@code s}; null if malformed. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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

        private Builder() {
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
         * Forgets the stored conversations every {@code period}, as {@link #forgetConversations()} does (default:
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

        public LiveEngageEmulator start() {
            try {
                return new LiveEngageEmulator(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start the LiveEngage emulator", e);
            }
        }
    }
}
