package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.lpconnector.camel.LivePersonConnectorConstants;
import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a user writes: the emulator from its JUnit extension, the component in automatic mode pointed at it. */
class OpenConversationTest extends CamelTestSupport {

    @RegisterExtension
    static LiveEngageEmulatorExtension emulator = LiveEngageEmulatorExtension.create();

    @Test
    void opensAConversationWithTheFirstMessage() {
        String uri = "liveperson-connector:create?accountId=12345678&baseUri=" + emulator.baseUri()
                     + "&clientId=" + emulator.clientId() + "&clientSecret=" + emulator.clientSecret()
                     + "&extConsumerId=customer-1";

        Exchange exchange = template.send(uri, e -> e.getMessage().setBody("Hello from a user's project"));

        assertNull(exchange.getException());
        String conversationId = exchange.getMessage().getHeader(LivePersonConnectorConstants.CONVERSATION_ID,
                String.class);
        assertNotNull(conversationId);
        EmulatedConversation conversation = emulator.conversation(conversationId).orElseThrow();
        assertEquals("customer-1", conversation.extConsumerId());
        assertEquals("Hello from a user's project", conversation.texts().get(0));
    }
}
