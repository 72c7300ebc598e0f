package io.github.lpconnector.camel;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import io.github.lpconnector.camel.emulator.ManualClock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Camel context per test whose component knows only the account, the client credentials and the emulator's
 * {@code baseUri}: every token and domain comes from the emulator's Domain API, Sentinel and IDP.
 */
abstract class LifecycleTestSupport {

    static final String ACCOUNT = "81234567";
    /** The emulator's clock: tests move it to expire AppJWTs. AppJWTs live 10 minutes. */
    static final ManualClock EMULATOR_CLOCK = ManualClock.ofNow();
    static final Duration APP_JWT_TTL = Duration.ofMinutes(10);

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(
            b -> b.clock(EMULATOR_CLOCK).appJwtTtl(APP_JWT_TTL).threads(16));

    CamelContext context;
    ProducerTemplate template;

    /** Starts a context with client credentials; {@code clock} is the component's, {@code options} adds more. */
    ProducerTemplate start(Clock clock, Consumer<LivePersonConnectorConfiguration> options) throws Exception {
        LiveEngageEmulator emulator = EMULATOR.emulator();
        context = new DefaultCamelContext();
        LivePersonConnectorComponent component = new LivePersonConnectorComponent();
        component.clock(clock);
        LivePersonConnectorConfiguration configuration = component.getConfiguration();
        configuration.setAccountId(ACCOUNT);
        configuration.setBaseUri(emulator.baseUri());
        configuration.setClientId(emulator.clientId());
        configuration.setClientSecret(emulator.clientSecret());
        configuration.setRetryDelay(10);
        options.accept(configuration);
        context.addComponent("liveperson-connector", component);
        context.start();
        template = context.createProducerTemplate();
        return template;
    }

    ProducerTemplate start(Consumer<LivePersonConnectorConfiguration> options) throws Exception {
        return start(Clock.systemUTC(), options);
    }

    ProducerTemplate start() throws Exception {
        return start(Clock.systemUTC(), c -> {
        });
    }

    @AfterEach
    void stopContext() throws Exception {
        if (context != null) {
            context.close();
        }
    }

    Exchange create(String consumer, Object body) {
        return template.send("liveperson-connector:create", e -> {
            e.setProperty(PROPERTY_EXT_CONSUMER_ID, consumer);
            e.getMessage().setBody(body);
        });
    }

    String open(String consumer) {
        Exchange exchange = create(consumer, "{}");
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getHeader(CONVERSATION_ID, String.class);
    }

    Exchange send(String operation, String consumer, String conversationId, Object body) {
        return template.send("liveperson-connector:" + operation, e -> {
            e.setProperty(PROPERTY_EXT_CONSUMER_ID, consumer);
            e.getMessage().setHeader(CONVERSATION_ID, conversationId);
            e.getMessage().setBody(body);
        });
    }

    static Exchange ok(Exchange exchange) {
        assertThat(exchange.getException()).as("exchange failed").isNull();
        return exchange;
    }
}
