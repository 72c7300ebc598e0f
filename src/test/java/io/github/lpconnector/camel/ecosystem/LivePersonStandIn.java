package io.github.lpconnector.camel.ecosystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A LivePerson stand-in on loopback: answers each CREATE with the next scripted answer, or with success (every
 * request of the batch answered OK, a conversation id and a message sequence) when none is scripted.
 */
final class LivePersonStandIn implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Scripted(int status, String body, String retryAfter) {
    }

    private final HttpServer server;
    private final Deque<Scripted> script = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger conversations = new AtomicInteger();

    private LivePersonStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a stand-in on a free loopback port; usable in a field initializer. */
    static LivePersonStandIn start() {
        try {
            return new LivePersonStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next call is answered with this status and body. */
    LivePersonStandIn thenAnswer(int status, String body) {
        script.add(new Scripted(status, body, null));
        return this;
    }

    /** The next call is answered 429 with this Retry-After. */
    LivePersonStandIn thenRateLimit(String retryAfter) {
        script.add(new Scripted(429, "{\"errorCode\":429,\"title\":\"Too Many Requests\"}", retryAfter));
        return this;
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] request = in.readAllBytes();
            requests.incrementAndGet();
            Scripted next = script.poll();
            int status;
            byte[] body;
            if (next != null) {
                status = next.status();
                body = next.body().getBytes(StandardCharsets.UTF_8);
                if (next.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
                }
            } else {
                status = 200;
                body = success(request);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private byte[] success(byte[] request) throws IOException {
        JsonNode batch = MAPPER.readTree(request);
        ArrayNode answers = MAPPER.createArrayNode();
        for (JsonNode item : batch) {
            ObjectNode answer = answers.addObject();
            answer.put("reqId", item.path("id").asText());
            answer.put("code", "OK");
            ObjectNode body = answer.putObject("body");
            String type = item.path("type").asText();
            if (type.equals("cm.ConsumerRequestConversation")) {
                body.put("conversationId", "conv-" + conversations.incrementAndGet());
            } else if (type.equals("ms.PublishEvent")) {
                body.put("sequence", 0);
            }
        }
        return MAPPER.writeValueAsBytes(answers);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
