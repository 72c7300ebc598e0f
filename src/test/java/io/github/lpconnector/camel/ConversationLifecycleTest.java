package io.github.lpconnector.camel;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.EmulatedMessage;
import io.github.lpconnector.camel.model.LivePersonEvent.AcceptStatusEvent;
import io.github.lpconnector.camel.model.LivePersonEvent.ChatStateEvent;
import io.github.lpconnector.camel.model.LivePersonEvent.HostedFileEvent;
import io.github.lpconnector.camel.model.LivePersonEvent.RichContentEvent;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HTTP_STATUS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;
import static org.assertj.core.api.Assertions.assertThat;

/** create, send and close against the emulator, driven only by client credentials and ext consumer ids. */
class ConversationLifecycleTest extends LifecycleTestSupport {

    @Test
    void fullLifecycleWithClientCredentialsOnly() throws Exception {
        start();

        Exchange created = ok(create("ada", "Hello, my parcel is late"));
        String conversationId = created.getMessage().getHeader(CONVERSATION_ID, String.class);
        Exchange text = ok(send("send", "ada", conversationId, "It was due on Monday"));
        long sequence = text.getMessage().getHeader(MESSAGE_SEQUENCE, Long.class);
        ok(send("send", "ada", conversationId, ChatStateEvent.composing()));
        ok(send("send", "ada", conversationId, AcceptStatusEvent.read(sequence)));
        Exchange closed = ok(send("close", "ada", conversationId, null));

        assertThat(closed.getMessage().getHeader(HTTP_STATUS)).isEqualTo(200);
        EmulatedConversation conversation = EMULATOR.conversation(conversationId).orElseThrow();
        assertThat(conversation.state()).isEqualTo(EmulatedConversation.CLOSE);
        assertThat(conversation.extConsumerId()).isEqualTo("ada");
        assertThat(conversation.texts()).containsExactly("Hello, my parcel is late", "It was due on Monday");
        assertThat(conversation.messages()).extracting(EmulatedMessage::eventType)
                .containsExactly("ContentEvent", "ContentEvent", "ChatStateEvent", "AcceptStatusEvent");
        assertThat(conversation.messages().get(2).event().path("chatState").asText()).isEqualTo("COMPOSING");
        assertThat(conversation.messages().get(3).event().path("sequenceList").get(0).asLong()).isEqualTo(sequence);
        // one domain lookup, one AppJWT, one ConsumerJWS for five calls through three endpoints
        assertThat(EMULATOR.count("domain")).isEqualTo(1);
        assertThat(EMULATOR.count("sentinel")).isEqualTo(1);
        assertThat(EMULATOR.count("idp")).isEqualTo(1);
        assertThat(EMULATOR.count("send", 200)).isEqualTo(4);
    }

    @Test
    void sendAcceptsEveryBodyForm() throws Exception {
        start();
        String conversationId = open("grace");

        ok(send("send", "grace", conversationId, "plain text"));
        ok(send("send", "grace", conversationId, "{\"type\":\"ChatStateEvent\",\"chatState\":\"PAUSE\"}"));
        ok(send("send", "grace", conversationId, Map.of("type", "AcceptStatusEvent", "status", "ACCEPT",
                "sequenceList", List.of(0))));
        ok(send("send", "grace", conversationId, new RichContentEvent(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"type\":\"vertical\",\"elements\":[{\"type\":\"text\",\"text\":\"Pick one\"}]}"))));
        ok(send("send", "grace", conversationId, new HostedFileEvent("receipt", "/v1/AUTH_async-images/a.png",
                "PNG", "data:image/png;base64,AAAA")));

        List<EmulatedMessage> messages = EMULATOR.conversation(conversationId).orElseThrow().messages();
        assertThat(messages).extracting(EmulatedMessage::event).containsExactly(json(
                "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"plain text\"}",
                "{\"type\":\"ChatStateEvent\",\"chatState\":\"PAUSE\"}",
                "{\"type\":\"AcceptStatusEvent\",\"status\":\"ACCEPT\",\"sequenceList\":[0]}",
                "{\"type\":\"RichContentEvent\",\"content\":{\"type\":\"vertical\",\"elements\":[{\"type\":\"text\",\"text\":\"Pick one\"}]}}",
                "{\"type\":\"ContentEvent\",\"contentType\":\"hosted/file\",\"message\":{\"caption\":\"receipt\","
                + "\"relativePath\":\"/v1/AUTH_async-images/a.png\",\"fileType\":\"PNG\",\"preview\":\"data:image/png;base64,AAAA\"}}"));
    }

    /** JSON objects compare by content, whatever the order of their fields. */
    private static JsonNode[] json(String... texts) throws Exception {
        JsonNode[] nodes = new JsonNode[texts.length];
        for (int i = 0; i < texts.length; i++) {
            nodes[i] = new com.fasterxml.jackson.databind.ObjectMapper().readTree(texts[i]);
        }
        return nodes;
    }

    @Test
    void invalidSendBodiesFailNamingTheFieldWithoutAnyCall() throws Exception {
        start();
        Map<Object, String> invalid = Map.of(
                Map.of("type", "ChatStateEvent", "chatState", "DANCING"), "body.chatState",
                "{\"type\":\"AcceptStatusEvent\",\"status\":\"READ\",\"sequenceList\":[]}", "body.sequenceList",
                "{\"type\":\"AcceptStatusEvent\",\"status\":\"SEEN\",\"sequenceList\":[1]}", "body.status",
                new HostedFileEvent("c", null, "PNG", null), "body.message.relativePath",
                new HostedFileEvent("c", "/p.exe", "EXE", null), "body.message.fileType",
                new RichContentEvent(null), "body.content",
                Map.of("chatState", "COMPOSING"), "body.type",
                "[{\"type\":\"ChatStateEvent\"}]", "body");

        invalid.forEach((body, field) -> {
            Exchange exchange = send("send", "linus", "some-conversation", body);
            assertThat(exchange.getException()).as(field).isInstanceOf(LivePersonValidationException.class);
            assertThat(((LivePersonValidationException) exchange.getException()).getField()).isEqualTo(field);
        });
        Exchange noConversation = send("send", "linus", null, "hello");
        assertThat(((LivePersonValidationException) noConversation.getException()).getField())
                .isEqualTo(CONVERSATION_ID);

        assertThat(EMULATOR.counters()).isEmpty(); // not even a token or domain call
    }

    @Test
    void sendToAClosedConversationIsATypedError() throws Exception {
        start();
        String conversationId = open("barbara");
        ok(send("close", "barbara", conversationId, null));

        Exchange exchange = send("send", "barbara", conversationId, "anyone there?");

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        LivePersonHttpException error = (LivePersonHttpException) exchange.getException();
        assertThat(error.getHttpResponseCode()).isEqualTo(400);
        assertThat(error.getErrorCode()).isEqualTo(40010);
        assertThat(error.getTitle()).isEqualTo("Conversation closed");
        Exchange closeAgain = send("close", "barbara", conversationId, null);
        assertThat(closeAgain.getException()).isInstanceOf(LivePersonHttpException.class);
    }
}
