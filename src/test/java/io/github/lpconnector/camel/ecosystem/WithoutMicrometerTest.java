package io.github.lpconnector.camel.ecosystem;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Micrometer is optional: this test runs in its own Surefire execution with micrometer-core removed from the
 * class path (see the pom), and the component must work unchanged.
 */
class WithoutMicrometerTest extends CamelTestSupport {

    private static final String ACCOUNT = "66612345";

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    @Override
    protected RouteBuilder createRouteBuilder() {
        LiveEngageEmulator emulator = EMULATOR.emulator();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:open").to("liveperson-connector:create?accountId=" + ACCOUNT + "&baseUri=" + emulator.baseUri()
                                       + "&clientId=" + emulator.clientId() + "&clientSecret=" + emulator.clientSecret()
                                       + "&extConsumerId=no-metrics-consumer");
            }
        };
    }

    @Test
    void opensAConversationWithoutMicrometerOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .as("this execution runs without micrometer-core")
                .isInstanceOf(ClassNotFoundException.class);

        Exchange out = template.request("direct:open", e -> e.getMessage().setBody("Hello without metrics"));

        assertThat(out.getException()).isNull();
        assertThat(EMULATOR.emulator().conversation(out.getMessage().getHeader("conversationId", String.class)))
                .isPresent();
    }
}
