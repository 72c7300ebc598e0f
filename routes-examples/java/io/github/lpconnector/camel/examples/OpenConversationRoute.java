package io.github.lpconnector.camel.examples;

import java.util.Map;

import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.model.CreateConversationRequest;
import org.apache.camel.builder.RouteBuilder;

/**
 * Java DSL: turns a support case (a Map, as unmarshalled from JSON) into a typed
 * {@link CreateConversationRequest} and opens a conversation for it. When LivePerson opens the conversation but
 * refuses the first message, the conversationId is kept so the message can be resent with {@code send}.
 */
public class OpenConversationRoute extends RouteBuilder {

    @Override
    public void configure() {
        onException(LivePersonRequestFailedException.class)
                .handled(true)
                .log("Conversation ${header.conversationId} opened, but LivePerson refused a request: ${exception.message}")
                .setHeader("outcome", constant("PARTIAL"));

        from("direct:support-case").routeId("open-conversation-java")
                .process(exchange -> {
                    Map<?, ?> supportCase = exchange.getMessage().getMandatoryBody(Map.class);
                    exchange.getMessage().setBody(CreateConversationRequest.builder()
                            .firstName((String) supportCase.get("firstName"))
                            .lastName((String) supportCase.get("lastName"))
                            .userId((String) supportCase.get("customerId"))
                            .skillId((String) supportCase.get("skillId"))
                            .text((String) supportCase.get("text"))
                            .build());
                })
                .to("liveperson-connector:create")
                .setHeader("outcome", constant("OPENED"))
                .log("Opened conversation ${header.conversationId}");
    }
}
