package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.lpconnector.camel.emulator.Tokens.ConsumerIdentity;

/**
 * An HTTP server emulating LivePerson's Connector API services on one loopback port: Domain API (CSDS), Sentinel
 * (AppJWT), IDP (ConsumerJWS) and the Send API (CREATE, SEND). The Domain API points every emulated service
 * ({@code asyncMessagingEnt}, {@code sentinel}, {@code idp}) at {@link #host()}.
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

    static {
        // The JDK server writes headers and body separately: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms to
        // many answers. Read once by the JDK (sun.net.httpserver.ServerConfig), so it must be set before the first
        // HttpServer of the JVM starts; an explicit -Dsun.net.httpserver.nodelay wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // The JDK server closes a connection going idle when 200 others are idle already; a client pooling more
        // connections than that then finds some of them closed under it. Load tests keep thousands open.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
        }
    }

    /** The Domain API services that point at the emulator. */
    public static final List<String> SERVICES = List.of("asyncMessagingEnt", "sentinel", "idp");

    private static final Pattern DOMAIN_ONE = Pattern.compile("^/api/account/([^/]+)/service/([^/]+)/baseURI\\.json$");
    private static final Pattern DOMAIN_ALL = Pattern.compile("^/api/account/([^/]+)/service/baseURI\\.json$");
    private static final Pattern SENTINEL = Pattern.compile("^/sentinel/api/account/([^/]+)/app/token$");
    private static final Pattern IDP = Pattern.compile("^/api/account/([^/]+)/consumer$");
    private static final Pattern CREATE = Pattern.compile("^/api/account/([^/]+)/messaging/consumer/conversation$");
    private static final Pattern SEND = Pattern.compile("^/api/account/([^/]+)/messaging/consumer/conversation/send$");

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
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
    private final Set<HttpExchange> parked = ConcurrentHashMap.newKeySet();
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
        this.workers = Executors.newFixedThreadPool(b.threads, daemonThreads("le-emulator-worker"));
        this.scheduler = Executors.newScheduledThreadPool(1, daemonThreads("le-emulator-delay"));
        InetAddress bind = InetAddress.getByName(b.bindAddress);
        this.server = HttpServer.create(new InetSocketAddress(bind, b.port), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
        String advertised = bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
        this.host = advertised + ":" + server.getAddress().getPort();
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
        return server.getAddress().getPort();
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
    public String signAppJwt(JWTClaimsSet claims) {
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
        return sendApi.conversations.values().stream().map(Conv::snapshot)
                .sorted(Comparator.comparing(EmulatedConversation::createdAt)).toList();
    }

    public Optional<EmulatedConversation> conversation(String conversationId) {
        return Optional.ofNullable(sendApi.conversations.get(conversationId)).map(Conv::snapshot);
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
        for (HttpExchange ex : parked) {
            parked.remove(ex);
            ex.close();
        }
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
        parked.forEach(HttpExchange::close);
        parked.clear();
        server.stop(0);
        scheduler.shutdownNow();
        workers.shutdownNow();
        LOG.info("LiveEngage emulator on {} stopped", host);
    }

    // ================================================================== HTTP

    private void handle(HttpExchange ex) {
        String endpoint = "unknown";
        try {
            String path = ex.getRequestURI().getRawPath();
            Matcher m;
            Route route;
            if ((m = DOMAIN_ONE.matcher(path)).matches()) {
                route = new Route("domain", m.group(1), m.group(2));
            } else if ((m = DOMAIN_ALL.matcher(path)).matches()) {
                route = new Route("domain", m.group(1), null);
            } else if ((m = SENTINEL.matcher(path)).matches()) {
                route = new Route("sentinel", m.group(1), null);
            } else if ((m = IDP.matcher(path)).matches()) {
                route = new Route("idp", m.group(1), null);
            } else if ((m = CREATE.matcher(path)).matches()) {
                route = new Route("create", m.group(1), null);
            } else if ((m = SEND.matcher(path)).matches()) {
                route = new Route("send", m.group(1), null);
            } else if (path.startsWith("/emulator/")) {
                route = new Route("emulator", null, path.substring("/emulator/".length()));
            } else {
                route = null;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (route == null) {
                write(ex, endpoint, Reply.error(404, ErrorCodes.NOT_FOUND, "Not found", "no such resource: " + path,
                        null));
                return;
            }
            endpoint = route.endpoint;
            String method = "domain".equals(endpoint) || "emulator".equals(endpoint) ? "GET" : "POST";
            if (!method.equals(ex.getRequestMethod())) {
                write(ex, endpoint, Reply.error(405, ErrorCodes.METHOD_NOT_ALLOWED, "Method not allowed",
                        "use " + method, null));
                return;
            }
            boolean faulty = faults.appliesTo(endpoint);
            FaultInjection.Decision decision = faulty ? faults.decide() : FaultInjection.Decision.NONE;
            Duration delay = faulty ? faults.latency() : Duration.ZERO;
            Reply reply;
            switch (decision.kind()) {
                case DROP:
                    increment(endpoint, 0);
                    drop(ex);
                    return;
                case STATUS:
                    int status = decision.status();
                    Reply injected = Reply.error(status, status * 100 + 1, "Injected fault",
                            "the emulator injected HTTP " + status, null);
                    reply = status == 429 ? withHeader(injected, "Retry-After", "1") : injected;
                    break;
                default:
                    reply = process(route, ex, body);
            }
            if (decision.kind() == FaultInjection.Kind.STALL) {
                if (decision.stall() == null) {
                    increment(endpoint, reply.status()); // processed; the answer never comes
                    parked.add(ex);
                    return;
                }
                delay = delay.plus(decision.stall());
            }
            respond(ex, endpoint, reply, delay);
        } catch (Exception e) {
            LOG.warn("emulator failed on {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
            write(ex, endpoint, Reply.error(500, 50001, "Internal error", String.valueOf(e), null));
        }
    }

    private record Route(String endpoint, String accountId, String extra) {
    }

    private Reply process(Route route, HttpExchange ex, byte[] body) {
        Map<String, String> query = parseForm(ex.getRequestURI().getRawQuery());
        switch (route.endpoint) {
            case "domain":
                return domain(route, query);
            case "sentinel":
                return sentinel(route.accountId, query, ex, body);
            case "idp":
                return idp(route.accountId, query, ex, body);
            case "create":
            case "send":
                return sendApi(route, query, ex, body);
            default:
                return admin(route.extra);
        }
    }

    // ------------------------------------------------------------------ Domain API

    private Reply domain(Route route, Map<String, String> query) {
        if (!"1.0".equals(query.get("version"))) {
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

    private Reply sentinel(String accountId, Map<String, String> query, HttpExchange ex, byte[] body) {
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

    private Reply idp(String accountId, Map<String, String> query, HttpExchange ex, byte[] body) {
        if (!"1.0".equals(query.get("v"))) {
            return Reply.error(400, ErrorCodes.INVALID_VERSION, "Invalid parameter", "v must be 1.0", null);
        }
        Reply auth = checkAppJwt(ex.getRequestHeaders().getFirst("Authorization"), accountId);
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

    private Reply sendApi(Route route, Map<String, String> query, HttpExchange ex, byte[] body) {
        String accountId = route.accountId;
        long wait = rateLimit.tryAcquire(accountId);
        if (wait > 0) {
            Reply r = Reply.error(429, ErrorCodes.TOO_MANY_REQUESTS, "Too many requests",
                    "rate limit of " + rateLimit.permitsPerSecond() + " requests per second exceeded", null);
            return withHeader(r, "Retry-After", Long.toString(wait));
        }
        if (!"3".equals(query.get("v"))) {
            return Reply.error(400, ErrorCodes.INVALID_VERSION, "Invalid parameter", "v must be 3", null);
        }
        Reply auth = checkAppJwt(ex.getRequestHeaders().getFirst("Authorization"), accountId);
        if (auth != null) {
            return auth;
        }
        String jws = ex.getRequestHeaders().getFirst("X-LP-ON-BEHALF");
        if (jws == null || jws.isBlank()) {
            return Reply.error(401, ErrorCodes.CONSUMER_JWS_MISSING, "ConsumerJWS is missing",
                    "X_ON_BEHALF_HEADER is not present", null);
        }
        ConsumerIdentity consumer = tokens.verifyConsumerJws(jws.trim());
        if (consumer == null || !consumer.accountId().equals(accountId)) {
            return Reply.error(401, ErrorCodes.INVALID_CONSUMER_JWS, "Invalid ConsumerJWS",
                    consumer == null ? "invalid" : "the ConsumerJWS is for another account", null);
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
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
        return "create".equals(route.endpoint) ? sendApi.create(accountId, consumer, root)
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
        JWTClaimsSet claims = tokens.verifyAppJwt(token);
        if (claims == null) {
            return invalidAppJwt("invalid");
        }
        if (!Tokens.SENTINEL_ISSUER.equals(claims.getIssuer())) {
            return Reply.error(400, ErrorCodes.MISSING_PARAMETER, "Missing parameter",
                    "the AppJWT lacks required claims (iss must be Sentinel)", null);
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
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

    private void respond(HttpExchange ex, String endpoint, Reply reply, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            write(ex, endpoint, reply);
            return;
        }
        parked.add(ex);
        try {
            scheduler.schedule(() -> {
                if (parked.remove(ex)) {
                    write(ex, endpoint, reply);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            parked.remove(ex);
            ex.close();
        }
    }

    private void write(HttpExchange ex, String endpoint, Reply reply) {
        increment(endpoint, reply.status()); // before the client can see the answer
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            if (reply.body().length == 0) {
                ex.sendResponseHeaders(reply.status(), -1);
            } else {
                ex.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(reply.body());
                }
            }
        } catch (IOException e) {
            LOG.debug("could not write the answer: {}", e.toString());
        } finally {
            ex.close();
        }
    }

    /** Closes the connection without an answer (before any response header was sent). */
    private static void drop(HttpExchange ex) {
        ex.close();
    }

    private void increment(String endpoint, int status) {
        counters.computeIfAbsent(endpoint + " " + status, k -> new AtomicLong()).incrementAndGet();
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
        private int threads = 8;
        private Clock clock = Clock.systemUTC();
        private boolean acceptBearerPrefix;
        private boolean multipleOpenConversations;

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

        /** HTTP worker threads (default 8); stalls and latency never occupy them. */
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

        public LiveEngageEmulator start() {
            try {
                return new LiveEngageEmulator(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start the LiveEngage emulator", e);
            }
        }
    }
}
