package io.github.lpconnector.camel;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Endpoint URIs: unknown options and operations, required accountId, send/close without a conversation, inheritance. */
class EndpointCreationTest extends LivePersonTestSupport {

    @Test
    void unknownOptionFailsEndpointCreation() {
        assertThatThrownBy(() -> context.getEndpoint(CREATE + "?acountId=1"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("acountId");
    }

    @Test
    void unknownOperationFailsClearly() {
        assertThatThrownBy(() -> context.getEndpoint("liveperson-connector:foo"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause().hasMessageContaining("Unknown operation 'foo'").hasMessageContaining("create");
    }

    @Test
    void missingAccountIdFailsAtStartNamingIt() throws Exception {
        try (DefaultCamelContext bare = new DefaultCamelContext()) {
            bare.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("liveperson-connector:create?baseUri=http://127.0.0.1:1");
                }
            });
            assertThatThrownBy(bare::start).rootCause().hasMessageContaining("accountId");
        }
    }

    @Test
    void sendWithoutConversationIdFailsBeforeAnyCall() {
        // send and close are implemented (see the lifecycle tests); without the conversation they refuse the exchange
        Exchange exchange = template.send("liveperson-connector:send", e -> e.getMessage().setBody("hi"));
        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                .hasMessageContaining(LivePersonConnectorConstants.CONVERSATION_ID);
        assertThat(requests()).isEmpty();
    }

    @Test
    void closeWithoutConversationIdFailsBeforeAnyCall() {
        Exchange exchange = template.send("liveperson-connector:close", e -> e.getMessage().setBody("hi"));
        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class)
                .hasMessageContaining(LivePersonConnectorConstants.CONVERSATION_ID);
        assertThat(requests()).isEmpty();
    }

    @Test
    void componentOptionsAreInheritedAndOverridablePerEndpoint() {
        LivePersonConnectorComponent component = context.getComponent("liveperson-connector",
                LivePersonConnectorComponent.class);
        component.getConfiguration().setSkillId("11");
        component.getConfiguration().setMaxRetries(5);

        LivePersonConnectorEndpoint inherited = (LivePersonConnectorEndpoint) context.getEndpoint(CREATE);
        LivePersonConnectorEndpoint overridden
                = (LivePersonConnectorEndpoint) context.getEndpoint(CREATE + "?skillId=22&maxRetries=0&accountId=777");

        assertThat(inherited.getConfiguration().getAccountId()).isEqualTo(ACCOUNT_ID);
        assertThat(inherited.getConfiguration().getSkillId()).isEqualTo("11");
        assertThat(inherited.getConfiguration().getMaxRetries()).isEqualTo(5);
        assertThat(overridden.getConfiguration().getAccountId()).isEqualTo("777");
        assertThat(overridden.getConfiguration().getSkillId()).isEqualTo("22");
        assertThat(overridden.getConfiguration().getMaxRetries()).isZero();
        assertThat(component.getConfiguration().getSkillId()).as("the component is not changed").isEqualTo("11");
        assertThat(component.getConfiguration().getAccountId()).isEqualTo(ACCOUNT_ID);
    }

    @Test
    void componentOptionsBoundByNameAsCamelMainDoes() throws Exception {
        try (DefaultCamelContext bare = new DefaultCamelContext()) {
            LivePersonConnectorComponent component = bare.getComponent("liveperson-connector",
                    LivePersonConnectorComponent.class);
            org.apache.camel.support.PropertyBindingSupport.build()
                    .withCamelContext(bare).withTarget(component)
                    .withProperties(new java.util.HashMap<>(java.util.Map.of("configuration.accountId", "4242",
                            "configuration.skillId", "-1")))
                    .bind();
            bare.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("liveperson-connector:create?baseUri=http://127.0.0.1:1");
                }
            });
            bare.start();
            Endpoint endpoint = bare.getEndpoints().stream()
                    .filter(LivePersonConnectorEndpoint.class::isInstance).findFirst().orElseThrow();
            assertThat(((LivePersonConnectorEndpoint) endpoint).getConfiguration().getAccountId()).isEqualTo("4242");
            assertThat(((LivePersonConnectorEndpoint) endpoint).getConfiguration().getSkillId()).isEqualTo("-1");
        }
    }
}
