package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.publish;
import static io.github.lpconnector.camel.emulator.WebhookShapes.paths;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.lpconnector.camel.emulator.WebhookReceiver.Received;

/** What the emulator's webhooks deliver for a whole conversation: signature, headers, order, sequences, shapes. */
class WebhookDeliveryTest {

    static final String ACCOUNT = "777";
    @RegisterExtension
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create()
            .webhooksTo(() -> RECEIVER.url("/lp/notifications"));

    EmulatorClient client;

    @BeforeEach
    void client() {
        client = new EmulatorClient(EMULATOR.emulator());
    }

    @Test
    void aWholeConversationArrivesSignedInOrderWithSharedSequencesAndLivePersonsShapes() {
        int before = RECEIVER.complete().size();
        String conv = client.open(ACCOUNT, "alice", "My parcel is late");
        EmulatedAgent agent = EMULATOR.agent();
        agent.accept(conv);
        assertThat(agent.read(conv)).isEqualTo(1);
        agent.typing(conv);
        assertThat(agent.say(conv, "Gr\u00fc\u00dfe \ud83d\udc4b")).isEqualTo(2);
        assertThat(client.send(ACCOUNT, "alice", publish("r", conv,
                "{\"type\":\"AcceptStatusEvent\",\"status\":\"READ\",\"sequenceList\":[2]}")).status()).isEqualTo(200);
        assertThat(client.send(ACCOUNT, "alice", publish("t", conv,
                "{\"type\":\"ChatStateEvent\",\"chatState\":\"ACTIVE\"}")).status()).isEqualTo(200);
        assertThat(agent.sendFile(conv, "/v1/AUTH/a/b.png", "PNG", "the label")).isEqualTo(4);
        assertThat(agent.sendRichContent(conv, "{\"type\":\"vertical\",\"elements\":[{\"type\":\"text\","
                + "\"text\":\"Track it\"}]}")).isEqualTo(5);
        agent.close(conv);
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();

        List<Received> got = RECEIVER.complete().subList(before, RECEIVER.complete().size());
        assertThat(got).extracting(r -> r.json().path("type").asText() + "/" + r.eventType())
                .containsExactly("cqm.ExConversationChangeNotification/null",
                        "ms.MessagingEventNotification/ContentEvent",
                        "cqm.ExConversationChangeNotification/null",
                        "ms.MessagingEventNotification/AcceptStatusEvent",
                        "ms.MessagingEventNotification/ChatStateEvent",
                        "ms.MessagingEventNotification/ContentEvent",
                        "ms.MessagingEventNotification/AcceptStatusEvent",
                        "ms.MessagingEventNotification/ChatStateEvent",
                        "ms.MessagingEventNotification/ContentEvent",
                        "ms.MessagingEventNotification/RichContentEvent",
                        "cqm.ExConversationChangeNotification/null");
        assertThat(got).extracting(Received::sequence).containsExactly(-1L, 0L, -1L, 1L, -1L, 2L, 3L, -1L, 4L, 5L,
                -1L);
        String lpConsumerId = WebhookShapes.claims(EMULATOR.issueConsumerJws(ACCOUNT, "alice"))
                .path("lp_consumer_id").asText();
        assertThat(got).extracting(r -> r.change().path("originatorMetadata").path("role").asText(null))
                .containsExactly(null, "CONSUMER", null, "ASSIGNED_AGENT", "ASSIGNED_AGENT", "ASSIGNED_AGENT",
                        "CONSUMER", "CONSUMER", "ASSIGNED_AGENT", "ASSIGNED_AGENT", null);
        for (Received r : got) {
            assertThat(r.target()).isEqualTo("/lp/notifications");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header(WebhookSignature.ACCOUNT_HEADER)).isEqualTo(ACCOUNT);
            assertThat(r.header(WebhookSignature.CLIENT_HEADER)).isEqualTo(EMULATOR.clientId());
            assertThat(r.header(WebhookSignature.SIGNATURE_HEADER)).startsWith("sha1=")
                    .isEqualTo(WebhookSignature.sign(EMULATOR.clientSecret(), r.body()));
            assertThat(r.conversationId()).isEqualTo(conv);
            JsonNode change = r.change();
            if (change.has("originatorId")) {
                assertThat(change.path("dialogId").asText()).isEqualTo(conv);
                assertThat(change.path("originatorMetadata").path("id").asText())
                        .isEqualTo(change.path("originatorId").asText())
                        .isEqualTo("CONSUMER".equals(change.path("originatorMetadata").path("role").asText())
                                ? lpConsumerId : EmulatedAgent.DEFAULT_ID);
            }
        }
        assertThat(new String(got.get(5).body(), StandardCharsets.UTF_8))
                .as("raw UTF-8 in the body, not \\u escapes").contains("\"message\":\"Gr\u00fc\u00dfe \ud83d\udc4b\"");
        assertThat(got.get(3).change().path("event").path("sequenceList")).hasSize(1);
        assertThat(got.get(3).change().path("event").path("sequenceList").get(0).asLong()).isZero();
        assertThat(got.get(8).change().path("event").path("message").path("relativePath").asText())
                .isEqualTo("/v1/AUTH/a/b.png");
        assertThat(got.get(9).change().path("event").path("content").path("type").asText()).isEqualTo("vertical");

        // shapes: exactly the fields of LivePerson's captures; DC examples (which lack conversationId) as subsets
        assertThat(paths(got.get(0).json())).isEqualTo(paths(LivePersonExamples.DEMO_OPEN));
        assertThat(paths(got.get(1).json())).isEqualTo(withConversationId(LivePersonExamples.DC_CONSUMER_TEXT));
        assertThat(paths(got.get(2).json())).containsAll(paths(LivePersonExamples.DC_AGENT_ASSIGNED));
        assertThat(paths(got.get(3).json())).isEqualTo(paths(LivePersonExamples.DEMO_AGENT_READ));
        assertThat(paths(got.get(4).json())).isEqualTo(paths(LivePersonExamples.DEMO_AGENT_COMPOSING));
        assertThat(paths(got.get(5).json())).isEqualTo(withConversationId(LivePersonExamples.DC_AGENT_TEXT));
        assertThat(paths(got.get(7).json())).isEqualTo(paths(LivePersonExamples.DEMO_CONSUMER_ACTIVE));
        assertThat(paths(got.get(10).json())).isEqualTo(paths(LivePersonExamples.DEMO_CLOSE));

        JsonNode open = got.get(0).change().path("result");
        JsonNode assigned = got.get(2).change().path("result");
        JsonNode closed = got.get(10).change().path("result");
        assertThat(open.path("conversationDetails").path("participants")).hasSize(1);
        assertThat(open.path("conversationDetails").path("participants").get(0).path("id").asText())
                .isEqualTo(lpConsumerId);
        assertThat(open.path("conversationDetails").path("brandId").asText()).isEqualTo(ACCOUNT);
        assertThat(open.path("effectiveTTR").asLong())
                .isEqualTo(open.path("conversationDetails").path("startTs").asLong() + 600_000);
        assertThat(assigned.path("conversationDetails").path("participants").get(0).path("role").asText())
                .isEqualTo("ASSIGNED_AGENT");
        assertThat(closed.path("effectiveTTR").asLong()).isEqualTo(-1);
        JsonNode details = closed.path("conversationDetails");
        assertThat(List.of(details.path("state").asText(), details.path("stage").asText(),
                details.path("closeReason").asText(), details.path("dialogs").get(0).path("closedBy").asText(),
                details.path("dialogs").get(0).path("state").asText()))
                .containsExactly("CLOSE", "CLOSE", "AGENT", "AGENT", "CLOSE");
        assertThat(List.of(open, assigned, closed)).extracting(n -> n.path("conversationDetails")
                .path("metaDataLastUpdateTs").asLong()).isSorted().doesNotHaveDuplicates();

        Webhooks webhooks = EMULATOR.webhooks();
        assertThat(webhooks.count("delivered")).isEqualTo(11);
        assertThat(webhooks.count("attempts")).isEqualTo(11);
        assertThat(webhooks.count("given up")).isZero();
        assertThat(webhooks.count("answer 200")).isEqualTo(11);
        assertThat(webhooks.deliveries(conv)).hasSize(11).allSatisfy(d -> {
            assertThat(d.delivered()).isTrue();
            assertThat(d.attempt()).isEqualTo(1);
            assertThat(d.endpoint()).isEqualTo(RECEIVER.url("/lp/notifications"));
        });
        assertThat(webhooks.deliveries(conv)).extracting(WebhookDelivery::sequence)
                .containsExactly(-1L, 0L, -1L, 1L, -1L, 2L, 3L, -1L, 4L, 5L, -1L);
    }

    @Test
    void onlyRegisteredTypesAreSentWithTheirHeadersAndQuery() {
        EMULATOR.webhooks().register(WebhookRegistrations.none().with(WebhookRegistrations.CONTENT_EVENT,
                WebhookEndpoint.of(RECEIVER.url("/only/content?tenant=a%20b")).withHeader("X-Tenant", "acme")));
        int before = RECEIVER.complete().size();
        String conv = client.open(ACCOUNT, "bob", "hi");
        EMULATOR.agent().accept(conv).typing(conv);
        EMULATOR.agent().say(conv, "hello bob");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        List<Received> got = RECEIVER.complete().subList(before, RECEIVER.complete().size());
        assertThat(got).extracting(Received::eventType).containsExactly("ContentEvent", "ContentEvent");
        assertThat(got).allSatisfy(r -> {
            assertThat(r.target()).isEqualTo("/only/content?tenant=a%20b");
            assertThat(r.header("X-Tenant")).isEqualTo("acme");
        });
        assertThat(EMULATOR.webhooks().count("unregistered")).isEqualTo(3); // open, assignment, typing
        assertThat(EMULATOR.webhooks().count(WebhookRegistrations.CHAT_STATE_EVENT + " unregistered")).isEqualTo(1);
        assertThat(EMULATOR.webhooks().count("queued")).isEqualTo(2);
    }

    @Test
    void sha256HexSignatureWhenTheAccountSaysSo() {
        try (WebhookReceiver receiver = WebhookReceiver.start();
                LiveEngageEmulator emulator = LiveEngageEmulator.builder().webhook(receiver.url("/h"))
                        .webhooks(w -> w.signature(WebhookSignature.Algorithm.SHA256, WebhookSignature.Encoding.HEX))
                        .start()) {
            new EmulatorClient(emulator).open(ACCOUNT, "carol", "hi");
            assertThat(emulator.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(receiver.complete()).hasSize(2).allSatisfy(r -> {
                assertThat(r.header(WebhookSignature.SIGNATURE_HEADER)).matches("sha256=[0-9a-f]{64}")
                        .isEqualTo(WebhookSignature.sign(emulator.clientSecret(), r.body(),
                                WebhookSignature.Algorithm.SHA256, WebhookSignature.Encoding.HEX));
                assertThat(WebhookSignature.verify(r.header(WebhookSignature.SIGNATURE_HEADER),
                        emulator.clientSecret(), r.body())).isTrue();
            });
        }
    }

    private static Set<String> withConversationId(String example) {
        Set<String> paths = new TreeSet<>(paths(example));
        paths.add("body.changes[].conversationId");
        return paths;
    }
}
