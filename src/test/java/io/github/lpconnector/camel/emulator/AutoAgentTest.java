package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.lpconnector.camel.emulator.WebhookReceiver.Received;

/** The auto-agent accepts each conversation and answers the consumer's first message, and that is delivered. */
class AutoAgentTest {

    static final String ACCOUNT = "31";
    @RegisterExtension
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(
            b -> b.webhooks(w -> w.autoAgent(Duration.ofMillis(10)))).webhooksTo(() -> RECEIVER.url("/auto"));

    EmulatorClient client;

    @BeforeEach
    void client() {
        client = new EmulatorClient(EMULATOR.emulator());
    }

    List<Received> of(String conversationId) {
        return RECEIVER.complete().stream().filter(r -> conversationId.equals(r.conversationId())).toList();
    }

    @Test
    void answersTheFirstMessageWithTheConsumersFirstName() {
        String conv = client.open(ACCOUNT, "ada", "My parcel is late"); // the profile says firstName Ada
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).as("the answer is awaited too").isTrue();
        EmulatedConversation c = EMULATOR.conversation(conv).orElseThrow();
        assertThat(c.assignedAgentId()).isEqualTo(EmulatedAgent.DEFAULT_ID);
        assertThat(c.agentTexts()).containsExactly("Hello Ada, about: My parcel is late");
        List<Received> got = of(conv);
        assertThat(got).extracting(r -> r.eventType() + "/" + r.sequence()).containsExactly("null/-1",
                "ContentEvent/0", "null/-1", "AcceptStatusEvent/1", "ContentEvent/2");
        Received answer = got.get(4);
        assertThat(answer.change().path("event").path("message").asText())
                .isEqualTo("Hello Ada, about: My parcel is late");
        assertThat(answer.change().path("originatorMetadata").path("role").asText()).isEqualTo("ASSIGNED_AGENT");
        assertThat(got.get(3).change().path("event").path("sequenceList").toString()).isEqualTo("[0]");

        client.send(ACCOUNT, "ada", publish("p", conv,
                "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"and?\"}"));
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(EMULATOR.conversation(conv).orElseThrow().agentTexts()).as("only the first message is answered")
                .hasSize(1);
    }

    @Test
    void aConversationOpenedWithoutMessageIsAcceptedAndItsFirstSendAnswered() {
        EmulatorClient.Answer created = client.create(ACCOUNT, "bea", EmulatorClient.createBody(ACCOUNT, null));
        String conv = created.item("c2").path("body").path("conversationId").asText();
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(EMULATOR.conversation(conv).orElseThrow().assignedAgentId()).isEqualTo(EmulatedAgent.DEFAULT_ID);
        assertThat(EMULATOR.conversation(conv).orElseThrow().agentTexts()).isEmpty();
        client.send(ACCOUNT, "bea", publish("p", conv,
                "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"Where is my refund?\"}"));
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(EMULATOR.conversation(conv).orElseThrow().agentTexts())
                .containsExactly("Hello Ada, about: Where is my refund?");
    }

    @Test
    void anAnswerOfItsOwn() {
        try (LiveEngageEmulator emulator = LiveEngageEmulator.builder().webhooks(w -> w.autoAgent(Duration.ZERO,
                (conversation, first) -> "Case for " + conversation.extConsumerId() + ": " + first.length()))
                .start()) {
            String conv = new EmulatorClient(emulator).open(ACCOUNT, "cid-7", "12345");
            assertThat(emulator.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(emulator.conversation(conv).orElseThrow().agentTexts()).containsExactly("Case for cid-7: 5");
            assertThat(emulator.webhooks().count("unregistered")).as("no registration: nothing sent").isEqualTo(5);
        }
    }
}
