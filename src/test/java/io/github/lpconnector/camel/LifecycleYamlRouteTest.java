package io.github.lpconnector.camel;

import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.EmulatedMessage;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import io.github.lpconnector.camel.support.CamelMainOnEmulator;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads {@code routes-examples/conversation-lifecycle.yaml} through camel-main and the YAML DSL, configured only
 * with account, client credentials and the emulator's baseUri, and runs a whole conversation.
 */
class LifecycleYamlRouteTest {

    private static final String ACCOUNT = "91234567";

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    private CamelMainOnEmulator app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void yamlLifecycleRouteOpensTalksAndCloses() throws Exception {
        LiveEngageEmulator emulator = EMULATOR.emulator();
        app = CamelMainOnEmulator.start(emulator, ACCOUNT, CamelMainOnEmulator.clientCredentials(emulator)
                .andThen(main -> main.configure().withRoutesIncludePattern("file:routes-examples/conversation-lifecycle.yaml")));
        ProducerTemplate template = app.template();

        Exchange out = template.request("direct:lp-conversation", e -> {
            e.getMessage().setHeader("customerId", "yaml-customer");
            e.getMessage().setBody("Where is my order?");
        });

        assertThat(out.getException()).isNull();
        String conversationId = out.getMessage().getHeader(LivePersonConnectorConstants.CONVERSATION_ID, String.class);
        EmulatedConversation conversation = emulator.conversation(conversationId).orElseThrow();
        assertThat(conversation.state()).isEqualTo(EmulatedConversation.CLOSE);
        assertThat(conversation.extConsumerId()).isEqualTo("yaml-customer");
        assertThat(conversation.texts()).containsExactly("Where is my order?");
        assertThat(conversation.messages()).extracting(EmulatedMessage::eventType)
                .containsExactly("ContentEvent", "ChatStateEvent", "AcceptStatusEvent");
        assertThat(conversation.messages().get(2).event().path("sequenceList").get(0).asLong())
                .isEqualTo(conversation.messages().get(0).sequence());
        assertThat(emulator.count("sentinel")).isEqualTo(1);
        assertThat(emulator.count("idp")).isEqualTo(1);
    }
}
