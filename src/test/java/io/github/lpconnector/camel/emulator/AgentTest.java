package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.close;
import static io.github.lpconnector.camel.emulator.EmulatorClient.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.lpconnector.camel.emulator.WebhookReceiver.Received;

/** The agent's Java API: its rules, transfers, close, read receipts, and the notifications each produces. */
class AgentTest {

    static final String ACCOUNT = "55";
    @RegisterExtension
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    static final String OTHER_AGENT = "0b1f7c1e-0000-4000-8000-000000000002";

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create()
            .webhooksTo(() -> RECEIVER.url("/agent-test"));

    EmulatorClient client;
    String conv;
    EmulatedAgent agent;

    @BeforeEach
    void open() {
        client = new EmulatorClient(EMULATOR.emulator());
        conv = client.open(ACCOUNT, "zoe", "hello");
        agent = EMULATOR.agent();
    }

    List<Received> changesOf(String conversationId) {
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        return RECEIVER.complete().stream().filter(r -> conversationId.equals(r.conversationId())).toList();
    }

    List<JsonNode> conversationChanges(String conversationId) {
        return changesOf(conversationId).stream().filter(r -> r.eventType() == null)
                .map(r -> r.change().path("result").path("conversationDetails")).toList();
    }

    @Test
    void badActsFailBeforeAnyChange() {
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        long queued = EMULATOR.webhooks().count("queued");
        assertThatThrownBy(() -> agent.say(conv, "too early")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("accept it first");
        assertThatThrownBy(() -> agent.accept("no-such")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no-such");
        agent.accept(conv);
        queued++;
        assertThatThrownBy(() -> agent.say(conv, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text");
        assertThatThrownBy(() -> agent.chatState(conv, "TYPING")).hasMessageContaining("chatState");
        assertThatThrownBy(() -> agent.sendFile(conv, "/a.exe", "EXE", null)).hasMessageContaining("fileType");
        assertThatThrownBy(() -> agent.sendFile(conv, "", "PNG", null)).hasMessageContaining("relativePath");
        assertThatThrownBy(() -> agent.sendRichContent(conv, "{\"elements\":[]}")).hasMessageContaining("type");
        assertThatThrownBy(() -> agent.sendRichContent(conv, "{oops")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> agent.read(conv, -1)).hasMessageContaining("sequences");
        assertThatThrownBy(() -> EMULATOR.agent(OTHER_AGENT).accept(conv)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transfer it first");
        assertThatThrownBy(() -> EMULATOR.agent(OTHER_AGENT).close(conv)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EMULATOR.agent(" ")).hasMessageContaining("agentId");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(EMULATOR.webhooks().count("queued")).isEqualTo(queued);
        assertThat(EMULATOR.conversation(conv).orElseThrow().messages()).hasSize(1);
    }

    @Test
    void readAcknowledgesEveryConsumerMessageNotYetRead() {
        agent.accept(conv);
        client.send(ACCOUNT, "zoe", publish("p1", conv, EmulatorClientTexts.text("two")));
        client.send(ACCOUNT, "zoe", publish("p2", conv, EmulatorClientTexts.text("three")));
        assertThat(agent.read(conv)).isEqualTo(3);
        assertThat(agent.read(conv)).as("nothing left to read").isEqualTo(-1);
        client.send(ACCOUNT, "zoe", publish("p3", conv, EmulatorClientTexts.text("four")));
        assertThat(agent.read(conv)).isEqualTo(5);
        List<JsonNode> receipts = changesOf(conv).stream().filter(r -> "AcceptStatusEvent".equals(r.eventType()))
                .map(r -> r.change().path("event")).toList();
        assertThat(receipts).extracting(e -> e.path("status").asText()).containsOnly("READ");
        assertThat(receipts).extracting(e -> e.path("sequenceList").toString()).containsExactly("[0,1,2]", "[4]");
    }

    @Test
    void transferToASkillLeavesTheConversationWithoutAgent() {
        agent.accept(conv).say(conv, "let me transfer you");
        agent.transferToSkill(conv, "1234");
        assertThatThrownBy(() -> agent.say(conv, "still here?")).isInstanceOf(IllegalStateException.class);
        EmulatedAgent other = EMULATOR.agent(OTHER_AGENT);
        other.accept(conv);
        assertThat(other.say(conv, "hi, billing here")).isEqualTo(2);
        EmulatedConversation c = EMULATOR.conversation(conv).orElseThrow();
        assertThat(c.skillId()).isEqualTo("1234");
        assertThat(c.assignedAgentId()).isEqualTo(OTHER_AGENT);
        assertThat(c.agentTexts()).containsExactly("let me transfer you", "hi, billing here");
        assertThat(c.texts()).containsExactly("hello");
        List<JsonNode> changes = conversationChanges(conv);
        assertThat(changes).hasSize(4); // open, accepted, transferred, accepted by the other agent
        assertThat(changes).extracting(d -> d.path("skillId").asText()).containsExactly("-1", "-1", "1234", "1234");
        assertThat(changes).extracting(d -> d.path("participants").size()).containsExactly(1, 2, 1, 2);
        assertThat(changes.get(3).path("participants").get(0).path("id").asText()).isEqualTo(OTHER_AGENT);
    }

    @Test
    void transferToAnAgentHandsOverTheConversation() {
        agent.accept(conv).transferToAgent(conv, OTHER_AGENT);
        assertThatThrownBy(() -> agent.typing(conv)).isInstanceOf(IllegalStateException.class);
        EMULATOR.agent(OTHER_AGENT).typing(conv);
        List<JsonNode> changes = conversationChanges(conv);
        assertThat(changes).hasSize(3);
        assertThat(changes.get(2).path("participants").get(0).path("id").asText()).isEqualTo(OTHER_AGENT);
        assertThat(changes.get(2).path("participants").get(0).path("role").asText()).isEqualTo("ASSIGNED_AGENT");
        assertThat(changesOf(conv)).filteredOn(r -> "ChatStateEvent".equals(r.eventType())).singleElement()
                .satisfies(r -> assertThat(r.change().path("originatorId").asText()).isEqualTo(OTHER_AGENT));
    }

    @Test
    void theAgentClosesAndTheConsumerCanNoLongerSend() {
        agent.accept(conv).close(conv);
        assertThat(EMULATOR.conversation(conv).orElseThrow().closedBy()).isEqualTo("AGENT");
        assertThatThrownBy(() -> agent.say(conv, "bye")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(client.send(ACCOUNT, "zoe", publish("late", conv, EmulatorClientTexts.text("wait"))).errorCode())
                .isEqualTo(ErrorCodes.CONVERSATION_CLOSED);
        JsonNode last = conversationChanges(conv).get(2);
        assertThat(last.path("state").asText()).isEqualTo("CLOSE");
        assertThat(last.path("closeReason").asText()).isEqualTo("AGENT");
        // the consumer can open a new one now
        assertThat(client.open(ACCOUNT, "zoe", "again")).isNotEqualTo(conv);
    }

    @Test
    void theConsumersCloseIsNotifiedAsClosedByTheConsumer() {
        agent.accept(conv);
        assertThat(client.send(ACCOUNT, "zoe", close("c", conv)).status()).isEqualTo(200);
        JsonNode last = conversationChanges(conv).get(2);
        assertThat(last.path("closeReason").asText()).isEqualTo("CONSUMER");
        assertThat(last.path("dialogs").get(0).path("closedBy").asText()).isEqualTo("CONSUMER");
        assertThat(last.path("endTs").asLong()).isGreaterThanOrEqualTo(last.path("startTs").asLong());
    }

    /** Event JSON for {@link EmulatorClient#publish}. */
    static final class EmulatorClientTexts {
        static String text(String message) {
            return "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"" + message + "\"}";
        }
    }
}
