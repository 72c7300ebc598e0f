package io.github.lpconnector.camel;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LivePerson enables features such as AUTO_MESSAGES only when {@code Client-Properties} is sent on CREATE and on
 * every SEND: the option puts it on every call, and nothing is sent without it.
 */
class ClientPropertiesHeaderTest extends LivePersonTestSupport {

    private static final String FEATURES = "{\"type\":\".ClientProperties\",\"features\":[\"AUTO_MESSAGES\"]}";

    @Test
    void sentOnCreateSendAndClose() {
        String options = "clientProperties=RAW(" + FEATURES + ")";

        Exchange created = create(options, "Hello");
        assertThat(created.getException()).isNull();
        String conversationId = created.getMessage().getHeader(CONVERSATION_ID, String.class);
        Exchange sent = template.send("liveperson-connector:send?" + options, e -> {
            e.getMessage().setHeader(CONVERSATION_ID, conversationId);
            e.getMessage().setBody("Are you there?");
        });
        assertThat(sent.getException()).isNull();
        Exchange closed = template.send("liveperson-connector:close?" + options,
                e -> e.getMessage().setHeader(CONVERSATION_ID, conversationId));
        assertThat(closed.getException()).isNull();

        assertThat(requests()).extracting(r -> r.service()).containsExactly("create", "send", "send");
        assertThat(requests()).allSatisfy(request -> assertThat(request.header("Client-Properties")).isEqualTo(FEATURES));
        assertThat(EMULATOR.conversation(conversationId).orElseThrow().isOpen()).isFalse();
    }

    @Test
    void absentWithoutTheOption() {
        assertThat(create(null, "Hello").getException()).isNull();

        assertThat(requests()).hasSize(1);
        assertThat(lastRequest().header("Client-Properties")).isNull();
    }
}
