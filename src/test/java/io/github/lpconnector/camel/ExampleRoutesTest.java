package io.github.lpconnector.camel;

import java.util.Map;

import io.github.lpconnector.camel.emulator.EmulatedConversation;
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
 * Loads the example routes of {@code routes-examples/} the way users run them, through camel-main with the real
 * YAML, XML and Java DSL loaders, and runs them against the LiveEngage emulator.
 */
class ExampleRoutesTest {

    private static final String ACCOUNT = "71234567";

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    private CamelMainOnEmulator app;

    /** Starts camel-main over the given routes, with the component's fallback tokens for {@code consumer}. */
    private ProducerTemplate start(String routesIncludePattern, String javaRoutesPackage, String consumer) throws Exception {
        LiveEngageEmulator emulator = EMULATOR.emulator();
        app = CamelMainOnEmulator.start(emulator, ACCOUNT, main -> {
            if (routesIncludePattern != null) {
                main.configure().withRoutesIncludePattern(routesIncludePattern);
            }
            if (javaRoutesPackage != null) {
                main.configure().withBasePackageScan(javaRoutesPackage);
            }
            main.addInitialProperty("camel.component.liveperson-connector.app-jwt", emulator.issueAppJwt(ACCOUNT));
            main.addInitialProperty("camel.component.liveperson-connector.consumer-jws",
                    emulator.issueConsumerJws(ACCOUNT, consumer));
        });
        return app.template();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void xmlRouteOpensAConversation() throws Exception {
        ProducerTemplate template = start("file:routes-examples/open-conversation.xml", null, "xml-consumer");
        assertThat(app.context().getRoute("open-conversation-xml")).isNotNull();

        Exchange out = template.request("direct:open-conversation", e -> e.getMessage().setBody(
                "{\"userProfile\":{\"firstName\":\"Ada\"},\"message\":\"My parcel is late\"}"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader("outcome")).isEqualTo("OPENED");
        String conversationId = out.getMessage().getHeader(LivePersonConnectorConstants.CONVERSATION_ID, String.class);
        EmulatedConversation conversation = EMULATOR.emulator().conversation(conversationId).orElseThrow();
        assertThat(conversation.extConsumerId()).isEqualTo("xml-consumer");
        assertThat(conversation.userProfile().path("firstName").asText()).isEqualTo("Ada");
        assertThat(conversation.texts()).containsExactly("My parcel is late");
    }

    @Test
    void yamlRouteOpensAConversationWithItsEndpointOptions() throws Exception {
        ProducerTemplate template = start("file:routes-examples/open-conversation.yaml", null, "yaml-consumer");
        assertThat(app.context().getRoute("open-conversation-yaml")).isNotNull();

        Exchange out = template.request("direct:open-conversation-yaml", e -> e.getMessage().setBody("Where is my refund?"));

        assertThat(out.getException()).isNull();
        EmulatedConversation conversation = EMULATOR.emulator()
                .conversation(out.getMessage().getHeader("conversationId", String.class)).orElseThrow();
        assertThat(conversation.request().path("skillId").asText()).isEqualTo("-1");
        assertThat(conversation.request().path("conversationContext").path("lang").asText()).isEqualTo("en-US");
        assertThat(conversation.texts()).containsExactly("Where is my refund?");
    }

    @Test
    void xmlRouteHandlesAnInvalidEventWithoutCallingLivePerson() throws Exception {
        ProducerTemplate template = start("file:routes-examples/open-conversation.xml", null, "xml-consumer");

        Exchange out = template.request("direct:open-conversation",
                e -> e.getMessage().setBody("{\"userProfile\":{\"firstName\":42}}"));

        assertThat(out.getMessage().getHeader("outcome")).isEqualTo("INVALID");
        assertThat(EMULATOR.emulator().count("create")).isZero();
    }

    @Test
    void javaRouteOpensAConversationFromASupportCase() throws Exception {
        ProducerTemplate template = start(null,
                "io.github.lpconnector.camel.examples", "java-consumer");
        assertThat(app.context().getRoute("open-conversation-java")).isNotNull();

        Exchange out = template.request("direct:support-case", e -> e.getMessage().setBody(Map.of(
                "firstName", "Grace", "lastName", "Hopper", "customerId", "CUST-7", "skillId", "123",
                "text", "I need to change my address")));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader("outcome")).isEqualTo("OPENED");
        EmulatedConversation conversation = EMULATOR.emulator()
                .conversation(out.getMessage().getHeader("conversationId", String.class)).orElseThrow();
        assertThat(conversation.request().path("skillId").asText()).isEqualTo("123");
        assertThat(conversation.request().path("brandId").asText()).isEqualTo(ACCOUNT);
        assertThat(conversation.userProfile().path("userId").asText()).isEqualTo("CUST-7");
        assertThat(conversation.texts()).containsExactly("I need to change my address");
    }
}
