package io.github.lpconnector.camel;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import io.github.lpconnector.camel.support.MockLivePersonServer;
import io.github.lpconnector.camel.support.MockLivePersonServer.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LivePerson enables features such as AUTO_MESSAGES only when {@code Client-Properties} is sent on CREATE and on
 * every SEND: the option puts it on every call, and nothing is sent without it.
 */
class ClientPropertiesHeaderTest extends LivePersonTestSupport {

    private static final String FEATURES = "{\"type\":\".ClientProperties\",\"features\":[\"AUTO_MESSAGES\"]}";

    @Test
    void sentOnCreateSendAndClose() {
        server.enqueue(MockLivePersonServer.conversationCreated("conv-1"));
        server.otherwise(request -> Reply.json(200, json("{'reqId':'1','code':'OK','body':{'sequence':1}}")));
        String options = "clientProperties=RAW(" + FEATURES + ")";

        Exchange created = create(options, "Hello");
        assertThat(created.getException()).isNull();
        Exchange sent = template.send("liveperson-connector:send?" + options, e -> {
            e.getMessage().setHeader("conversationId", "conv-1");
            e.getMessage().setBody("Are you there?");
        });
        assertThat(sent.getException()).isNull();
        Exchange closed = template.send("liveperson-connector:close?" + options,
                e -> e.getMessage().setHeader("conversationId", "conv-1"));
        assertThat(closed.getException()).isNull();

        assertThat(server.requests()).hasSize(3)
                .allSatisfy(request -> assertThat(request.header("Client-Properties")).isEqualTo(FEATURES));
    }

    @Test
    void absentWithoutTheOption() {
        server.enqueue(MockLivePersonServer.conversationCreated("conv-2"));

        assertThat(create(null, "Hello").getException()).isNull();

        assertThat(server.lastRequest().header("Client-Properties")).isNull();
    }
}
