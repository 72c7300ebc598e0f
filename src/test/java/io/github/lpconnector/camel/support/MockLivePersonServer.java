package io.github.lpconnector.camel.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A LivePerson stand-in on loopback for tests, built on the JDK {@link HttpServer}. It records every request (path,
 * query, headers, body) and answers from a queue of scripted replies; when the queue is empty, from a function of the
 * request (by default {@link #conversationCreated}, which echoes the request ids).
 * <p>
 * Its worker threads are named {@value #THREAD_PREFIX}...; with the JDK's own {@code HTTP-Dispatcher} and
 * {@code server-timer} threads, {@link #isServerThread(Thread)} tells them from the component's threads.
 */
public final class MockLivePersonServer implements AutoCloseable {

    public static final String THREAD_PREFIX = "mock-liveperson-";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Queue<Function<RecordedRequest, Reply>> scripted = new ConcurrentLinkedQueue<>();
    private volatile Function<RecordedRequest, Reply> fallback = MockLivePersonServer::conversationCreated;

    private MockLivePersonServer(int threads) throws IOException {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, THREAD_PREFIX + "worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** True for the threads of any mock server: its workers and the JDK server's own threads. */
    public static boolean isServerThread(Thread thread) {
        String name = thread.getName();
        return name.startsWith(THREAD_PREFIX) || name.startsWith("HTTP-Dispatcher") || name.startsWith("server-timer")
               || name.startsWith("idle-timeout-task");
    }

    /** A server with a small worker pool. */
    public static MockLivePersonServer start() throws IOException {
        return new MockLivePersonServer(8);
    }

    /** A server with {@code threads} workers, for tests that hold many requests unanswered at once. */
    public static MockLivePersonServer start(int threads) throws IOException {
        return new MockLivePersonServer(threads);
    }

    /** {@code http://127.0.0.1:port}. */
    public String baseUri() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Replies used once each, in order, before the fallback. */
    public MockLivePersonServer enqueue(Reply... replies) {
        for (Reply reply : replies) {
            scripted.add(request -> reply);
        }
        return this;
    }

    /** A one-shot reply computed from the request. */
    public MockLivePersonServer enqueue(Function<RecordedRequest, Reply> reply) {
        scripted.add(reply);
        return this;
    }

    /** How to answer once the queue is empty. */
    public MockLivePersonServer otherwise(Function<RecordedRequest, Reply> reply) {
        this.fallback = reply;
        return this;
    }

    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the server received no request");
        }
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body, System.nanoTime(),
                    exchange.getRequestURI().toString());
            requests.add(request);
            Function<RecordedRequest, Reply> script = scripted.poll();
            Reply reply;
            try {
                reply = (script != null ? script : fallback).apply(request);
            } catch (RuntimeException e) {
                reply = Reply.status(599, "{\"mock\":\"" + e + "\"}");
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().putIfAbsent("Content-Type", List.of("application/json"));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- canned answers ------------------------------------------------------------------------------------

    /** LivePerson's answer to a successful CREATE batch: OK for every request, ids echoed, in request order. */
    public static Reply conversationCreated(RecordedRequest request) {
        return Reply.json(200, answers(request, "conv-" + request.json().get(0).path("id").asText(), false));
    }

    /** As {@link #conversationCreated}, with the given conversation id. */
    public static Function<RecordedRequest, Reply> conversationCreated(String conversationId) {
        return request -> Reply.json(200, answers(request, conversationId, false));
    }

    /** OK for every request, but the answers in reversed order. */
    public static Function<RecordedRequest, Reply> conversationCreatedReversed(String conversationId) {
        return request -> Reply.json(200, answers(request, conversationId, true));
    }

    /** HTTP 200 whose item at {@code position} failed with {@code code}; the others are OK. */
    public static Function<RecordedRequest, Reply> itemFailed(String conversationId, int position, int code) {
        return request -> {
            ArrayNode answers = answers(request, conversationId, false);
            ObjectNode failed = (ObjectNode) answers.get(position);
            failed.put("code", code);
            ObjectNode body = MAPPER.createObjectNode();
            body.put("msg", "refused by the mock");
            failed.set("body", body);
            return Reply.json(200, answers);
        };
    }

    /** The LivePerson error body, e.g. {@code {"kind":"resp","code":401,"body":{...},"type":".ReqBody$ErrorResp"}}. */
    public static String errorBody(int status, String title, String details, int errorCode) {
        return "{\"kind\":\"resp\",\"code\":" + status + ",\"body\":{\"title\":\"" + title + "\",\"details\":\""
               + details + "\",\"errorCode\":" + errorCode + "},\"type\":\".ReqBody$ErrorResp\"}";
    }

    private static ArrayNode answers(RecordedRequest request, String conversationId, boolean reversed) {
        List<JsonNode> answers = new ArrayList<>();
        for (JsonNode item : request.json()) {
            ObjectNode answer = MAPPER.createObjectNode();
            answer.put("code", "OK");
            ObjectNode body = MAPPER.createObjectNode();
            switch (item.path("type").asText()) {
                case "cm.ConsumerRequestConversation" -> body.put("conversationId", conversationId);
                case "ms.PublishEvent" -> body.put("sequence", 0);
                default -> body.put("msg", "OK User Profile set successfully");
            }
            answer.set("body", body);
            answer.set("reqId", item.get("id"));
            answers.add(answer);
        }
        if (reversed) {
            Collections.reverse(answers);
        }
        return MAPPER.createArrayNode().addAll(answers);
    }

    /**
     * One request as the server saw it. Header names are case-insensitive; {@code receivedAtNanos} is
     * {@link System#nanoTime()} when it arrived; {@code requestTarget} is the request line's URI as sent (absolute
     * when the request came through a proxy).
     */
    public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
            byte[] body, long receivedAtNanos, String requestTarget) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyAsText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the request body is not JSON: " + bodyAsText(), e);
            }
        }
    }

    /** A scripted answer. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {

        public static Reply json(int status, Object json) {
            try {
                byte[] bytes = json instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(json);
                return new Reply(status, Map.of(), bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        public static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body);
        }
    }
}
