package io.github.lpconnector.camel.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.lpconnector.camel.internal.NotificationReader.Change;
import io.github.lpconnector.camel.internal.NotificationReader.NotANotification;
import io.github.lpconnector.camel.model.LivePersonNotification.AcceptStatus;
import io.github.lpconnector.camel.model.LivePersonNotification.ChatState;
import io.github.lpconnector.camel.model.LivePersonNotification.ConversationChange;
import io.github.lpconnector.camel.model.LivePersonNotification.HostedFile;
import io.github.lpconnector.camel.model.LivePersonNotification.Participant;
import io.github.lpconnector.camel.model.LivePersonNotification.RichContent;
import io.github.lpconnector.camel.model.LivePersonNotification.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.lpconnector.camel.internal.WebhookSignatureTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LivePerson's documented notification examples and captures, read into the typed changes a route gets. */
class NotificationReaderTest {

    private static Change only(String resource) throws Exception {
        List<Change> changes = NotificationReader.read(resource(resource));
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }

    @Test
    void theAgentsTextFromTheDeveloperCenter() throws Exception {
        Change change = only("dc-agent-text.json");
        Text text = (Text) change.notification();
        assertThat(text.message()).isEqualTo("Hello from the Agent\n");
        assertThat(text.contentType()).isEqualTo("text/plain");
        assertThat(text.origin().conversationId()).isEqualTo("5491244f-e462-4c63-bf4e-faf4b2d3e7b5"); // dialogId only
        assertThat(text.origin().sequence()).isEqualTo(2L);
        assertThat(text.origin().originatorRole()).isEqualTo("ASSIGNED_AGENT");
        assertThat(text.origin().serverTimestamp()).isEqualTo(1528371199686L);
        assertThat(change.eventType()).isEqualTo("ContentEvent");
        assertThat(change.deduplicationKey()).isEqualTo("ms:5491244f-e462-4c63-bf4e-faf4b2d3e7b5:2");
        assertThat(change.ownEvent()).isFalse();
    }

    @Test
    void theConsumersOwnTextIsMarkedAsItsOwnEvent() throws Exception {
        Change change = only("dc-consumer-text.json");
        assertThat(change.ownEvent()).isTrue();
        assertThat(((Text) change.notification()).message()).isEqualTo("Hello from Consumer");
    }

    @Test
    void receiptsTypingAndTheConversationIdNextToTheDialogId() throws Exception {
        AcceptStatus read = (AcceptStatus) only("demo-agent-read.json").notification();
        assertThat(read.status()).isEqualTo("READ");
        assertThat(read.sequenceList()).containsExactly(6L);
        assertThat(read.conversationId()).isEqualTo("f66ad121-8dcb-4430-9fc2-731e961f6eae");

        Change typing = only("demo-agent-composing.json");
        assertThat(((ChatState) typing.notification()).chatState()).isEqualTo("COMPOSING");
        assertThat(typing.deduplicationKey()).as("typing states carry no sequence").isNull();
        assertThat(only("demo-consumer-pause.json").ownEvent()).isTrue();
        assertThat(((ChatState) only("dc-agent-typing.json").notification()).origin().sequence()).isNull();
    }

    @Test
    void conversationChangesOpenedAssignedAndClosed() throws Exception {
        Change closed = only("demo-conversation-closed.json");
        ConversationChange change = (ConversationChange) closed.notification();
        assertThat(change.conversationId()).isEqualTo("b8b83fe9-75f0-46f2-baaa-2930f7192cfb");
        assertThat(change.changeType()).isEqualTo("UPSERT");
        assertThat(change.state()).isEqualTo("CLOSE");
        assertThat(change.stage()).isEqualTo("CLOSE");
        assertThat(change.closeReason()).isEqualTo("CONSUMER");
        assertThat(change.participants()).extracting(Participant::role).containsExactly("CONTROLLER", "CONSUMER");
        assertThat(change.details().path("dialogs").get(0).path("closedBy").asText()).isEqualTo("CONSUMER");
        assertThat(closed.eventType()).isEqualTo("ExConversationChangeNotification");
        assertThat(closed.deduplicationKey())
                .isEqualTo("cqm:b8b83fe9-75f0-46f2-baaa-2930f7192cfb:1545399379370:UPSERT:CLOSE");

        ConversationChange assigned = (ConversationChange) only("dc-agent-assigned.json").notification();
        assertThat(assigned.participants()).extracting(Participant::role).contains("ASSIGNED_AGENT");
        assertThat(((ConversationChange) only("dc-conversation-opened.json").notification()).state()).isEqualTo("OPEN");
    }

    @Test
    void hostedFilesAndRichContentInEitherPlaceAndSeveralChangesInOrder() throws Exception {
        List<Change> changes = NotificationReader.read(("""
                {"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
                 {"sequence":4,"dialogId":"c-1","event":{"type":"ContentEvent","contentType":"hosted/file",
                  "message":{"caption":"bill","relativePath":"/v1/AUTH_async-images/a.png","fileType":"PNG"}}},
                 {"sequence":5,"dialogId":"c-1","event":{"type":"RichContentEvent","content":{"type":"vertical"}}},
                 {"sequence":6,"dialogId":"c-1","event":{"type":"RichContentEvent","message":{"type":"horizontal"},
                  "quickReplies":{"type":"quickReplies","replies":[]}}}]}}""").getBytes(StandardCharsets.UTF_8));
        assertThat(changes).extracting(c -> c.notification().getClass().getSimpleName())
                .containsExactly("HostedFile", "RichContent", "RichContent");
        assertThat(((HostedFile) changes.get(0).notification()).relativePath()).isEqualTo("/v1/AUTH_async-images/a.png");
        assertThat(((RichContent) changes.get(2).notification()).content().path("type").asText()).isEqualTo("horizontal");
        assertThat(((RichContent) changes.get(2).notification()).quickReplies()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "null", "\"notification\"", "{\"kind\":\"req\",\"type\":\"ms.MessagingEventNotification\"}",
            "{\"kind\":\"notification\",\"type\":\"ms.Other\",\"body\":{\"changes\":[{}]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[1]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[{\"dialogId\":\"c\",\"event\":{\"type\":\"Nope\"}}]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[{\"event\":{\"type\":\"ChatStateEvent\",\"chatState\":\"PAUSE\"}}]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[{\"dialogId\":\"../x\",\"event\":{\"type\":\"ChatStateEvent\",\"chatState\":\"PAUSE\"}}]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[{\"dialogId\":\"c\",\"sequence\":\"1\",\"event\":{\"type\":\"ChatStateEvent\",\"chatState\":\"PAUSE\"}}]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[{\"dialogId\":\"c\",\"event\":{\"type\":\"ContentEvent\",\"message\":{}}}]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[{\"dialogId\":\"c\",\"event\":{\"type\":\"AcceptStatusEvent\",\"status\":\"READ\",\"sequenceList\":[\"x\"]}}]}}",
            "{\"kind\":\"notification\",\"type\":\"cqm.ExConversationChangeNotification\",\"body\":{\"changes\":[{\"type\":\"UPSERT\",\"result\":{}}]}}",
            "{\"kind\":\"notification\",\"type\":\"cqm.ExConversationChangeNotification\",\"body\":{\"changes\":[{\"type\":\"UPSERT\",\"result\":{\"convId\":\"c\",\"conversationDetails\":[]}}]}}",
            "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":[]}} trailing" })
    void whatIsNotANotificationIsRefusedWhole(String body) {
        assertThatThrownBy(() -> NotificationReader.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NotANotification.class);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] body = "{\"kind\":\"notification\",\"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> NotificationReader.read(body)).isInstanceOf(NotANotification.class);
    }
}
