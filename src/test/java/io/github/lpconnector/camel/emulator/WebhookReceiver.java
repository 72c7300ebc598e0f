package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint for the emulator's tests: the JDK HttpServer on loopback, recording every request with its raw
 * body bytes, answering what {@link #answer} says (default 200). The answer function may block ({@link #hold}) to
 * hold an answer back: the server has a few threads for that. Registered as a static JUnit extension it closes
 * itself after all tests.
 */
final class WebhookReceiver implements AutoCloseable, AfterAllCallback {

    /**
     * One request as received.
     *
     * @param target   path and query, as sent
     * @param complete false when the connection closed before the body's end
     */
    record Received(String target, Map<String, List<String>> headers, byte[] body, boolean complete) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return Reply.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        /** The first change of the notification. */
        JsonNode change() {
            return json().path("body").path("changes").get(0);
        }

        String eventType() {
            return change().path("event").path("type").asText(null);
        }

        /** The change's sequence, -1 when it has none. */
        long sequence() {
            return change().path("sequence").asLong(-1);
        }

        /** The change's conversation: {@code conversationId}, or {@code result.convId} of a conversation change. */
        String conversationId() {
            JsonNode change = change();
            return change.has("conversationId") ? change.get("conversationId").asText()
                    : change.path("result").path("convId").asText(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<Received> answer = r -> 200;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The status to answer each complete request with (called on a server thread; may block). */
    WebhookReceiver answer(ToIntFunction<Received> answer) {
        this.answer = answer;
        return this;
    }

    /** Every request received, complete or not, in arrival order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** The complete requests, in arrival order. */
    List<Received> complete() {
        return received.stream().filter(Received::complete).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        long length = Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length") == null ? "-1"
                : exchange.getRequestHeaders().getFirst("Content-Length"));
        byte[] body;
        boolean complete;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
            complete = length < 0 || body.length == length;
        } catch (IOException e) {
            body = new byte[0];
            complete = false;
        }
        String query = exchange.getRequestURI().getRawQuery();
        Received r = new Received(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query), headers,
                body, complete);
        received.add(r);
        if (!complete) {
            exchange.close();
            return;
        }
        int status = answer.applyAsInt(r);
        byte[] out = status == 204 ? new byte[0] : "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (var os = exchange.getResponseBody()) {
            os.write(out);
        } catch (IOException e) {
            // the emulator gave up waiting (read timeout) and closed the connection
        }
    }

    /** Waits (at most 30 s) until {@code latch} opens: for answer functions holding an answer back. */
    static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
