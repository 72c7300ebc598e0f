package io.github.lpconnector.camel.flows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.inbound.WebhookClientAccess;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two reply routes of routes-examples, through camel-main on real parts: the agent's replies to a conversation a
 * route opened (with header LivePersonCorrelationId) reach a Kafka topic keyed by that id, and a CRM's HTTP endpoint.
 */
class RepliesFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static KafkaTestBroker kafka;
    static LiveEngageEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestBroker.start();
        emulator = LiveEngageEmulator.start();
    }

    @AfterAll
    static void stop() throws Exception {
        emulator.close();
        kafka.close();
    }

    /** Starts {@code routes} on a platform-http server, with a direct:create route to open conversations. */
    private static Main main(String routes, int port, Map<String, String> properties) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("camel.server.enabled", "true");
        all.put("camel.server.port", String.valueOf(port));
        Main main = FlowMain.start(routes, null, emulator, all, Map.of());
        main.getCamelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("liveperson-connector:create");
            }
        });
        return main;
    }

    private static String open(Main main, String caseId, String customer) {
        Exchange created = main.getCamelContext().createProducerTemplate().send("direct:create", e -> {
            e.getMessage().setBody("Where is my parcel?");
            e.getMessage().setHeader("LivePersonCorrelationId", caseId);
            e.setProperty("LivePersonExtConsumerId", customer);
        });
        assertThat(created.getException()).isNull();
        return created.getMessage().getHeader("conversationId", String.class);
    }

    @Test
    void agentRepliesReachAKafkaTopicKeyedByTheCase() throws Exception {
        kafka.createTopic("lp-replies-test", 3);
        int port = WebhookClientAccess.freePort();
        Main main = main("file:routes-examples/liveperson-replies-to-kafka.camel.yaml", port, Map.of(
                "kafka.brokers", kafka.bootstrapServers(), "lp.replies.topic", "lp-replies-test"));
        try {
            String conversation = open(main, "CASE-42", "customer-42");
            WebhookClientAccess liveEngage = WebhookClientAccess.to(port, emulator);
            String reply = WebhookClientAccess.agentText(conversation, 1, "It left the depot \\\"today\\\"");
            assertThat(liveEngage.post(reply).statusCode()).isEqualTo(200);
            assertThat(liveEngage.post(reply).statusCode()).as("delivered again").isEqualTo(200);
            assertThat(liveEngage.post(WebhookClientAccess.agentText("not-opened-here", 1, "hi")).statusCode())
                    .isEqualTo(200);

            List<ConsumerRecord<String, String>> records = kafka.readAll("lp-replies-test");
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("CASE-42", "not-opened-here");
            ConsumerRecord<String, String> record = records.stream().filter(r -> r.key().equals("CASE-42")).findFirst()
                    .orElseThrow();
            JsonNode value = JSON.readTree(record.value());
            assertThat(value.path("kind").asText()).isEqualTo("text");
            assertThat(value.path("message").asText()).isEqualTo("It left the depot \"today\"");
            assertThat(value.path("origin").path("conversationId").asText()).isEqualTo(conversation);
            assertThat(new String(record.headers().lastHeader("lp-conversation-id").value(), StandardCharsets.UTF_8))
                    .isEqualTo(conversation);
            assertThat(new String(record.headers().lastHeader("lp-originator-role").value(), StandardCharsets.UTF_8))
                    .isEqualTo("ASSIGNED_AGENT");
            assertThat(record.headers().lastHeader("LivePersonCorrelationId")).as("internal headers stay").isNull();
        } finally {
            main.stop();
        }
    }

    @Test
    void agentRepliesArePostedToTheCrmAndARefusalIsDeliveredAgain() throws Exception {
        ConcurrentLinkedQueue<JsonNode> posted = new ConcurrentLinkedQueue<>();
        AtomicInteger refuseNext = new AtomicInteger();
        HttpServer crm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        crm.createContext("/replies", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            if (status == 204) {
                posted.add(JSON.readTree(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        crm.start();
        int port = WebhookClientAccess.freePort();
        Main main = main("file:routes-examples/liveperson-replies-to-crm.camel.yaml", port, Map.of(
                "crm.replies.url", "http://127.0.0.1:" + crm.getAddress().getPort() + "/replies"));
        try {
            String conversation = open(main, "CASE-7", "customer-7");
            WebhookClientAccess liveEngage = WebhookClientAccess.to(port, emulator);

            refuseNext.set(1);
            String reply = WebhookClientAccess.agentText(conversation, 2, "Refund \\\"approved\\\"\\nBye");
            HttpResponse<String> refused = liveEngage.post(reply);
            assertThat(refused.statusCode()).as("the CRM refused: LiveEngage must deliver again").isEqualTo(503);
            assertThat(liveEngage.post(reply).statusCode()).isEqualTo(200);
            assertThat(liveEngage.post(reply).statusCode()).as("a duplicate").isEqualTo(200);

            assertThat(posted).hasSize(1);
            JsonNode body = posted.peek();
            assertThat(body.path("caseId").asText()).isEqualTo("CASE-7");
            assertThat(body.path("conversationId").asText()).isEqualTo(conversation);
            assertThat(body.path("sequence").asLong()).isEqualTo(2);
            assertThat(body.path("text").asText()).isEqualTo("Refund \"approved\"\nBye");
        } finally {
            main.stop();
            crm.stop(0);
        }
    }
}
