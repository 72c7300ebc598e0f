package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.close;
import static io.github.lpconnector.camel.emulator.EmulatorClient.publish;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.lpconnector.camel.emulator.EmulatorClient.Answer;

/** SEND rules; also proves the JUnit extension (static registration, reset before each test). */
class SendTest {

    static final String ACCOUNT = "777";
    static final String TEXT = "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"hi\"}";

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    EmulatorClient client;
    String convId;

    @BeforeEach
    void open() {
        assertThat(EMULATOR.conversations()).as("reset before each test").isEmpty();
        assertThat(EMULATOR.counters()).isEmpty();
        client = new EmulatorClient(EMULATOR.emulator());
        convId = client.open(ACCOUNT, "alice", "first");
    }

    @Test
    void textMessagesGetIncreasingSequences() {
        Answer a = client.send(ACCOUNT, "alice", publish("s1", convId, TEXT));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("reqId").asText()).isEqualTo("s1");
        assertThat(a.json().path("code").asText()).isEqualTo("OK");
        assertThat(a.json().path("body").path("sequence").asInt()).isEqualTo(1);
        assertThat(client.send(ACCOUNT, "alice", publish("s2", convId, TEXT)).json().path("body").path("sequence")
                .asInt()).isEqualTo(2);
        assertThat(EMULATOR.conversation(convId).orElseThrow().texts()).containsExactly("first", "hi", "hi");
        assertThat(EMULATOR.count("send", 200)).isEqualTo(2);
    }

    @Test
    void typingIsStoredWithoutSequenceAndAnsweredWithSequenceZero() {
        client.send(ACCOUNT, "alice", publish("s1", convId, TEXT)); // sequence 1
        Answer a = client.send(ACCOUNT, "alice", publish("t", convId,
                "{\"type\":\"ChatStateEvent\",\"chatState\":\"COMPOSING\"}"));
        assertThat(a.status()).isEqualTo(200);
        // LivePerson answers a chat state {"sequence":0} whatever the conversation's sequence (PCS tutorial)
        assertThat(a.json().path("body").path("sequence").isInt()).isTrue();
        assertThat(a.json().path("body").path("sequence").asInt()).isZero();
        EmulatedMessage m = EMULATOR.conversation(convId).orElseThrow().messages().get(2);
        assertThat(m.eventType()).isEqualTo("ChatStateEvent");
        assertThat(m.sequence()).isEqualTo(-1);
        assertThat(client.send(ACCOUNT, "alice", publish("s2", convId, TEXT)).json().path("body").path("sequence")
                .asInt()).as("the chat state took no sequence").isEqualTo(2);
        assertThat(client.send(ACCOUNT, "alice", publish("t2", convId,
                "{\"type\":\"ChatStateEvent\",\"chatState\":\"TYPING\"}")).status()).isEqualTo(400);
    }

    @Test
    void readReceiptFileAndRichContentAreAccepted() {
        Answer read = client.send(ACCOUNT, "alice", publish("r", convId,
                "{\"type\":\"AcceptStatusEvent\",\"status\":\"READ\",\"sequenceList\":[0]}"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("body").path("sequence").asInt()).isEqualTo(1);
        Answer file = client.send(ACCOUNT, "alice", publish("f", convId,
                "{\"type\":\"ContentEvent\",\"contentType\":\"hosted/file\",\"message\":{\"caption\":\"c\","
                        + "\"relativePath\":\"/a/b.jpg\",\"fileType\":\"JPEG\"}}"));
        assertThat(file.status()).isEqualTo(200);
        Answer rich = client.send(ACCOUNT, "alice", publish("rc", convId,
                "{\"type\":\"RichContentEvent\",\"content\":{\"type\":\"vertical\",\"elements\":[]}}"));
        assertThat(rich.status()).isEqualTo(200);
        assertThat(rich.json().path("body").path("sequence").asInt()).isEqualTo(3);
        for (String bad : new String[] {
                "{\"type\":\"AcceptStatusEvent\",\"status\":\"SEEN\",\"sequenceList\":[0]}",
                "{\"type\":\"AcceptStatusEvent\",\"status\":\"READ\"}",
                "{\"type\":\"AcceptStatusEvent\",\"status\":\"READ\",\"sequenceList\":[\"0\"]}",
                "{\"type\":\"ContentEvent\",\"contentType\":\"hosted/file\",\"message\":{\"relativePath\":\"/x\","
                        + "\"fileType\":\"EXE\"}}",
                "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":{}}",
                "{\"type\":\"Nope\",\"contentType\":\"text/plain\",\"message\":\"hi\"}" }) {
            Answer a = client.send(ACCOUNT, "alice", publish("bad", convId, bad));
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.errorCode()).isEqualTo(40008);
            assertThat(a.json().path("reqId").asText()).isEqualTo("bad");
        }
        assertThat(EMULATOR.conversation(convId).orElseThrow().messages()).hasSize(4);
    }

    @Test
    void closeThenSendIsRejected() {
        Answer closed = client.send(ACCOUNT, "alice", close("c", convId));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().path("code").asText()).isEqualTo("OK");
        assertThat(EMULATOR.conversation(convId).orElseThrow().state()).isEqualTo("CLOSE");
        Answer after = client.send(ACCOUNT, "alice", publish("s", convId, TEXT));
        assertThat(after.status()).isEqualTo(400);
        assertThat(after.errorCode()).isEqualTo(40010);
        assertThat(client.send(ACCOUNT, "alice", close("c2", convId)).errorCode()).isEqualTo(40010);
    }

    @Test
    void closeAcceptsTheSchemaArrayForm() {
        String body = "{\"kind\":\"req\",\"id\":\"c\",\"type\":\"cm.UpdateConversationField\",\"body\":"
                + "{\"conversationId\":\"" + convId + "\",\"conversationField\":"
                + "[{\"field\":\"ConversationStateField\",\"conversationState\":\"CLOSE\"}]}}";
        assertThat(client.send(ACCOUNT, "alice", body).status()).isEqualTo(200);
        assertThat(EMULATOR.conversation(convId).orElseThrow().isOpen()).isFalse();
    }

    @Test
    void unknownAndForeignConversationsAreRejected() {
        Answer unknown = client.send(ACCOUNT, "alice", publish("u", "no-such-conversation", TEXT));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo(40009);
        Answer foreign = client.send(ACCOUNT, "mallory", publish("m", convId, TEXT));
        assertThat(foreign.status()).isEqualTo(401);
        assertThat(foreign.errorCode()).isEqualTo(40106);
        Answer foreignClose = client.send(ACCOUNT, "mallory", close("m2", convId));
        assertThat(foreignClose.status()).isEqualTo(401);
        Answer noDialog = client.send(ACCOUNT, "alice", "{\"kind\":\"req\",\"id\":\"n\",\"type\":\"ms.PublishEvent\","
                + "\"body\":{\"event\":" + TEXT + "}}");
        assertThat(noDialog.errorCode()).isEqualTo(40001);
        assertThat(EMULATOR.conversation(convId).orElseThrow().messages()).hasSize(1);
        assertThat(EMULATOR.conversation(convId).orElseThrow().isOpen()).isTrue();
    }

    @Test
    void unknownTypeArrayBodyAndProfileUpdate() {
        Answer unknown = client.send(ACCOUNT, "alice", "{\"kind\":\"req\",\"id\":\"x\",\"type\":\"ms.Nope\","
                + "\"body\":{}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo(40004);
        Answer array = client.send(ACCOUNT, "alice", "[" + publish("a", convId, TEXT) + "]");
        assertThat(array.status()).isEqualTo(400);
        Answer profile = client.send(ACCOUNT, "alice", "{\"kind\":\"req\",\"id\":\"p\",\"type\":"
                + "\"userprofile.SetUserProfile\",\"body\":{\"firstName\":\"Grace\"}}");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().path("body").path("msg").asText()).isEqualTo("OK User Profile set successfully");
        assertThat(EMULATOR.conversation(convId).orElseThrow().userProfile().path("firstName").asText())
                .isEqualTo("Grace");
    }

    @Test
    void extensionDelegates() {
        assertThat(EMULATOR.baseUri()).isEqualTo(EMULATOR.emulator().baseUri());
        assertThat(EMULATOR.host()).endsWith(":" + EMULATOR.port());
        assertThat(EMULATOR.clientId()).isEqualTo("emulator-client");
        assertThat(EMULATOR.count("create", 200)).isEqualTo(1);
        assertThat(EMULATOR.count("create")).isEqualTo(1);
        assertThat(EMULATOR.issueConsumerJws(ACCOUNT, "alice"))
                .isEqualTo(EMULATOR.emulator().issueConsumerJws(ACCOUNT, "alice"));
    }
}
