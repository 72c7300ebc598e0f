package io.github.lpconnector.camel.ecosystem;

import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonConnectorEndpoint;
import io.github.lpconnector.camel.springboot.LivePersonConnectorComponentAutoConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot: camel.component.liveperson-connector.* configures the component, and the auto-configuration is
 * registered for Boot to find.
 */
class LivePersonConnectorComponentAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("camel.main.name=lp-boot-test")
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class,
                    LivePersonConnectorComponentAutoConfiguration.class));

    @Test
    void propertiesConfigureTheComponent() {
        runner.withPropertyValues(
                "camel.component.liveperson-connector.account-id=1234",
                "camel.component.liveperson-connector.domain=va.msg.liveperson.net",
                "camel.component.liveperson-connector.max-retries=7",
                "camel.component.liveperson-connector.app-jwt=jwt+with&odd=chars",
                "camel.component.liveperson-connector.health-check-producer-enabled=false")
                .run(spring -> {
                    assertThat(spring).hasNotFailed();
                    CamelContext camel = spring.getBean(CamelContext.class);
                    LivePersonConnectorComponent component
                            = camel.getComponent("liveperson-connector", LivePersonConnectorComponent.class);
                    assertThat(component.getConfiguration().getAccountId()).isEqualTo("1234");
                    assertThat(component.getConfiguration().getDomain()).isEqualTo("va.msg.liveperson.net");
                    assertThat(component.getConfiguration().getMaxRetries()).isEqualTo(7);
                    assertThat(component.getConfiguration().getAppJwt()).isEqualTo("jwt+with&odd=chars");
                    assertThat(component.isHealthCheckProducerEnabled()).isFalse();

                    // endpoints start from the component's options
                    LivePersonConnectorEndpoint endpoint
                            = camel.getEndpoint("liveperson-connector:create", LivePersonConnectorEndpoint.class);
                    assertThat(endpoint.getConfiguration().getAccountId()).isEqualTo("1234");
                    assertThat(endpoint.getServiceUrl()).isEqualTo("https://va.msg.liveperson.net");
                });
    }

    @Test
    void misspeltOptionFailsTheStartup() {
        runner.withPropertyValues("camel.component.liveperson-connector.acount-id=1234")
                .run(spring -> {
                    if (spring.getStartupFailure() != null) {
                        assertThat(spring.getStartupFailure()).hasStackTraceContaining("acountId");
                    } else {
                        // the component is created lazily: resolving it applies the options
                        CamelContext camel = spring.getBean(CamelContext.class);
                        org.assertj.core.api.Assertions.assertThatThrownBy(() -> camel.getComponent("liveperson-connector"))
                                .hasStackTraceContaining("acountId");
                    }
                });
    }

    @Test
    void withoutThisAutoConfigurationTheComponentIsNotConfigured() {
        new ApplicationContextRunner()
                .withPropertyValues("camel.main.name=lp-boot-test", "camel.component.liveperson-connector.account-id=1234")
                .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class))
                .run(spring -> {
                    CamelContext camel = spring.getBean(CamelContext.class);
                    LivePersonConnectorComponent component
                            = camel.getComponent("liveperson-connector", LivePersonConnectorComponent.class);
                    assertThat(component.getConfiguration().getAccountId())
                            .as("camel-spring-boot alone does not bind a third-party component's options")
                            .isNull();
                });
    }

    @Test
    void registeredForSpringBoot() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(LivePersonConnectorComponentAutoConfiguration.class.getName());
    }
}
