package io.github.lpconnector.camel.flows;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** routes-examples/webhook-to-liveperson.camel.yaml through camel-main's platform-http server. */
class WebhookFlowTest {

    static LiveEngageEmulator emulator;
    final HttpClient http = HttpClient.newHttpClient();
    Main main;
    String url;

    @BeforeAll
    static void startEmulator() {
        emulator = LiveEngageEmulator.start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "http://127.0.0.1:" + port + "/crm/events";
        main = FlowMain.start("file:routes-examples/webhook-to-liveperson.camel.yaml", null, emulator, Map.of(
                "camel.server.enabled", "true",
                "camel.server.port", String.valueOf(port),
                "flows.webhook.idempotent-store", dir.resolve("ids.dat").toString(),
                "flows.redelivery-delay", "50",
                "camel.component.liveperson-connector.retry-delay", "20",
                "camel.component.liveperson-connector.max-retry-delay", "100",
                "camel.component.liveperson-connector.request-timeout", "1000"), Map.of());
    }

    @AfterEach
    void stop() {
        main.stop();
        emulator.reset();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersWithTheConversationIdOrAClear4xx() throws Exception {
        HttpResponse<String> created = post(KafkaEvents.valid("w-1", "w-cust-1"));
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode body = AbstractKafkaFlowTest.json(created.body());
        assertThat(body.get("status").asText()).isEqualTo("CREATED");
        assertThat(emulator.conversation(body.get("conversationId").asText())).isPresent()
                .get().extracting(EmulatedConversation::extConsumerId).isEqualTo("w-cust-1");

        HttpResponse<String> again = post(KafkaEvents.valid("w-1", "w-cust-1"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(AbstractKafkaFlowTest.json(again.body()).get("status").asText()).isEqualTo("DUPLICATE");

        HttpResponse<String> invalid = post(KafkaEvents.invalidProfile("w-2", "w-cust-2"));
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(AbstractKafkaFlowTest.json(invalid.body()).get("error").asText()).contains("firstName");
        assertThat(post("{\"eventId\":").statusCode()).isEqualTo(400);
        assertThat(post("{\"customerId\":\"x\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> refused = post(KafkaEvents.wrongBrand("w-3", "w-cust-3"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(AbstractKafkaFlowTest.json(refused.body()).get("error").asText()).contains("HTTP 400");

        emulator.faults().statusShare(503, 1.0);
        HttpResponse<String> unavailable = post(KafkaEvents.valid("w-4", "w-cust-4"));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("1");
        emulator.faults().clear();
        // not recorded as seen: sent again, it opens the conversation
        assertThat(post(KafkaEvents.valid("w-4", "w-cust-4")).statusCode()).isEqualTo(200);
        assertThat(emulator.conversations()).hasSize(2);
    }

    @Test
    void aCrmRetryingUnderFaultsGetsExactlyOneConversationPerEvent() throws Exception {
        emulator.faults().seed(3).dropShare(0.02).stallShare(0.02, Duration.ofSeconds(2))
                .statusShare(429, FlowMain.RANDOM_429_SHARE).statusShare(503, 0.05);
        FlowCounters counters = FlowCounters.install(main.getCamelContext());
        int events = 100;
        AtomicInteger crmRetries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        try {
            for (int i = 1; i <= events; i++) {
                String event = KafkaEvents.valid(KafkaEvents.eventId("web", i), KafkaEvents.customerId("web", i));
                answers.add(CompletableFuture.supplyAsync(() -> {
                    // the CRM sends again until it gets a final answer (200 or 409)
                    JsonNode[] last = new JsonNode[1];
                    await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                            .until(() -> {
                                HttpResponse<String> r = post(event);
                                if (r.statusCode() == 200 || r.statusCode() == 409) {
                                    last[0] = AbstractKafkaFlowTest.json(r.body());
                                    return true;
                                }
                                assertThat(r.statusCode()).isEqualTo(503);
                                crmRetries.incrementAndGet();
                                return false;
                            });
                    return last[0];
                }, pool));
            }
            List<JsonNode> results = answers.stream().map(CompletableFuture::join).toList();
            Map<String, List<EmulatedConversation>> byCustomer = emulator.conversations().stream()
                    .collect(Collectors.groupingBy(EmulatedConversation::extConsumerId));
            long duplicated = byCustomer.values().stream().filter(l -> l.size() > 1).count();
            long lost = results.stream().filter(r -> !byCustomer.containsKey(r.get("customerId") == null
                    ? "" : r.get("customerId").asText())).count();
            new FlowFigures("WebhookFlowTest").put("events", events)
                    .put("faultsInjected", emulator.faults().injected())
                    .put("componentRetries", emulator.count("create") - counters.livePersonCalls.sum())
                    .put("camelRedeliveries", counters.redeliveries.sum()).put("crmRetries503", crmRetries.get())
                    .put("conversations", byCustomer.values().stream().mapToInt(List::size).sum())
                    .put("alreadyOpenRecovered", results.stream()
                            .filter(r -> "ALREADY_OPEN".equals(r.path("status").asText())).count())
                    .put("lost", lost).put("duplicatedConversations", duplicated).print();
            assertThat(byCustomer).hasSize(events);
            assertThat(duplicated).isZero();
            assertThat(lost).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
