package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.lpconnector.camel.emulator.EmulatorClient.Answer;

/** The HTTP admin API of the LiveEngage side: {@code /emulator/webhooks}, {@code /emulator/agent/...}, faults. */
class WebhookAdminApiTest {

    static final String ACCOUNT = "88";
    @RegisterExtension
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    EmulatorClient client;

    @BeforeEach
    void client() {
        client = new EmulatorClient(EMULATOR.emulator());
    }

    Answer post(String pathAndQuery, String json) {
        return EmulatorClient.call(HttpRequest.newBuilder(URI.create(EMULATOR.baseUri() + pathAndQuery))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void registersAManifestAndShowsIt() {
        String manifest = "{\"capabilities\":{\"webhooks\":{\"ms.MessagingEventNotification.ContentEvent\":"
                + "{\"endpoint\":\"" + RECEIVER.url("/admin") + "\",\"max_retries\":2,\"headers\":[{\"header_name\":"
                + "\"X-Api\",\"header_value\":\"k\"}]}}}}";
        Answer set = post("/emulator/webhooks?retryIntervalMs=250", manifest);
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("retryIntervalMs").asLong()).isEqualTo(250);
        Answer get = client.get("/emulator/webhooks");
        assertThat(get.json().path("capabilities").path("webhooks")
                .path("ms.MessagingEventNotification.ContentEvent").path("max_retries").asInt()).isEqualTo(2);
        assertThat(EMULATOR.webhooks().registrations().retryInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(EMULATOR.webhooks().registrations().endpoint(WebhookRegistrations.CONTENT_EVENT).orElseThrow()
                .headers()).containsEntry("X-Api", "k");

        Answer bad = post("/emulator/webhooks", "{\"webhooks\":{\"ms.MessagingEventNotification.ContentEvent\":"
                + "{\"endpoint\":\"https://a\",\"max_retries\":9}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("body").path("details").asText())
                .contains("capabilities.webhooks.ms.MessagingEventNotification.ContentEvent.max_retries");
        assertThat(EMULATOR.webhooks().registrations().endpoint(WebhookRegistrations.CONTENT_EVENT).orElseThrow()
                .maxRetries()).as("unchanged").isEqualTo(2);
        assertThat(client.get("/emulator/nothing").status()).isEqualTo(404);
    }

    @Test
    void drivesTheAgentOverHttp() {
        EMULATOR.webhooks().registerAll(RECEIVER.url("/admin-agent"));
        String conv = client.open(ACCOUNT, "ann", "hi there");
        String agent = "/emulator/agent/" + conv + "/";
        assertThat(post(agent + "text", "{\"text\":\"too early\"}").status()).isEqualTo(409);
        assertThat(post(agent + "accept", "").status()).isEqualTo(200);
        assertThat(post(agent + "read", "{}").json().path("sequence").asLong()).isEqualTo(1);
        assertThat(post(agent + "chat-state", "{\"chatState\":\"COMPOSING\"}").status()).isEqualTo(200);
        Answer said = post(agent + "text", "{\"text\":\"How can I help?\"}");
        assertThat(said.status()).isEqualTo(200);
        assertThat(said.json().path("sequence").asLong()).isEqualTo(2);
        assertThat(said.json().path("agentId").asText()).isEqualTo(EmulatedAgent.DEFAULT_ID);
        assertThat(post(agent + "rich-content", "{\"content\":{\"type\":\"vertical\",\"elements\":[]}}")
                .json().path("sequence").asLong()).isEqualTo(3);
        assertThat(post(agent + "file", "{\"relativePath\":\"/f.pdf\",\"fileType\":\"PDF\"}").json()
                .path("sequence").asLong()).isEqualTo(4);
        assertThat(post(agent + "read", "{\"sequences\":[0]}").json().path("sequence").asLong()).isEqualTo(5);
        assertThat(post(agent + "text", "{\"text\":3}").status()).isEqualTo(400);
        assertThat(post(agent + "text", "not json").status()).isEqualTo(400);
        assertThat(post(agent + "dance", "{}").status()).isEqualTo(404);
        assertThat(post("/emulator/agent/nope/accept", "{}").status()).isEqualTo(404);
        assertThat(post(agent + "transfer", "{\"skillId\":\"77\"}").status()).isEqualTo(200);
        assertThat(post(agent + "accept", "{\"agentId\":\"agent-2\"}").json().path("agentId").asText())
                .isEqualTo("agent-2");
        assertThat(post(agent + "close", "{}").status()).as("the default agent is no longer assigned").isEqualTo(409);
        assertThat(post(agent + "close", "{\"agentId\":\"agent-2\"}").status()).isEqualTo(200);

        EmulatedConversation c = EMULATOR.conversation(conv).orElseThrow();
        assertThat(c.agentTexts()).containsExactly("How can I help?");
        assertThat(c.closedBy()).isEqualTo("AGENT");
        assertThat(c.skillId()).isEqualTo("77");
        Answer listed = client.get("/emulator/conversations");
        assertThat(listed.json().get(0).path("messages").get(2).path("role").asText()).isEqualTo("ASSIGNED_AGENT");
        assertThat(listed.json().get(0).path("closedBy").asText()).isEqualTo("AGENT");

        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        Answer deliveries = client.get("/emulator/deliveries");
        assertThat(deliveries.json().path("pending").asLong()).isZero();
        assertThat(deliveries.json().path("counters").path("delivered").asLong()).isEqualTo(12);
        assertThat(deliveries.json().path("attempts")).hasSize(12);
        assertThat(deliveries.json().path("attempts").get(0).path("endpoint").asText())
                .isEqualTo(RECEIVER.url("/admin-agent"));
    }

    @Test
    void setsDeliveryFaults() {
        Answer set = post("/emulator/webhook-faults", "{\"duplicate\":0.25,\"reorder\":0.1,\"seed\":3}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("shares").path("duplicate").asDouble()).isEqualTo(0.25);
        assertThat(EMULATOR.webhooks().faults().shares()).containsEntry("reorder", 0.1).containsEntry("drop", 0.0);
        assertThat(post("/emulator/webhook-faults", "{\"drop\":2}").status()).isEqualTo(400);
        assertThat(post("/emulator/webhook-faults", "{\"seed\":\"x\"}").status()).isEqualTo(400);
        assertThat(EMULATOR.webhooks().faults().shares()).as("unchanged").containsEntry("duplicate", 0.25);
        assertThat(post("/emulator/webhook-faults", "{}").status()).isEqualTo(200);
        assertThat(EMULATOR.webhooks().faults().shares().values()).containsOnly(0.0);
    }
}
