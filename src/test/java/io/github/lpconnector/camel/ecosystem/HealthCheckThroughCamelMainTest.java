package io.github.lpconnector.camel.ecosystem;

import io.github.lpconnector.camel.LivePersonHttpException;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import io.github.lpconnector.camel.support.CamelMainOnEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer health check as users switch it on: {@code camel.health.producers-enabled=true} in camel-main,
 * against the emulator. A refused token turns it DOWN; a valid one brings it back UP.
 */
class HealthCheckThroughCamelMainTest {

    private static final String ACCOUNT = "55512345";

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
    void producersEnabledPropertyRegistersTheCheckWhichFollowsTheCalls() throws Exception {
        LiveEngageEmulator emulator = EMULATOR.emulator();
        app = CamelMainOnEmulator.start(emulator, ACCOUNT, main -> {
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:open").to("liveperson-connector:create?maxRetries=0");
                }
            });
            main.addInitialProperty("camel.health.producers-enabled", "true");
        });
        CamelContext context = app.context();
        var template = app.template();

        assertThat(ourState(context)).isEqualTo(HealthCheck.State.UP);

        Exchange refused = template.request("direct:open", e -> {
            e.setProperty("LivePersonAppJwt", "not-a-valid-jwt");
            e.setProperty("LivePersonConsumerJws", emulator.issueConsumerJws(ACCOUNT, "c-1"));
            e.getMessage().setBody("Hello");
        });
        assertThat(refused.getException()).isInstanceOf(LivePersonHttpException.class);
        assertThat(ourState(context)).isEqualTo(HealthCheck.State.DOWN);

        Exchange opened = template.request("direct:open", e -> {
            e.setProperty("LivePersonAppJwt", emulator.issueAppJwt(ACCOUNT));
            e.setProperty("LivePersonConsumerJws", emulator.issueConsumerJws(ACCOUNT, "c-1"));
            e.getMessage().setBody("Hello");
        });
        assertThat(opened.getException()).isNull();
        assertThat(ourState(context)).isEqualTo(HealthCheck.State.UP);
    }

    private static HealthCheck.State ourState(CamelContext context) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        assertThat(registry.isEnabled()).isTrue();
        return registry.stream()
                .filter(check -> check.getId().startsWith("producer:liveperson-connector:") && check.isEnabled())
                .map(check -> check.call().getState())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no enabled liveperson-connector producer check"));
    }
}
