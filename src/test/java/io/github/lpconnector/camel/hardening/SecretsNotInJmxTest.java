package io.github.lpconnector.camel.hardening;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JMX shows endpoints, producers, routes and components to every operator tool: no attribute of any MBean of the
 * context may hold a token or the client secret, for the recommended configurations (secrets as component options,
 * or one token in an endpoint URI; see the README for Camel's limit with two tokens in one URI).
 */
class SecretsNotInJmxTest {

    private static final String ACCOUNT = "77712345";

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void noSecretInAnyMBeanAttribute() throws Exception {
        LiveEngageEmulator emulator = EMULATOR.emulator();
        String appJwt = emulator.issueAppJwt(ACCOUNT);
        String consumerJws = emulator.issueConsumerJws(ACCOUNT, "jmx-consumer");
        context = new DefaultCamelContext();
        context.setManagementName("lp-jmx-" + ProcessHandle.current().pid());
        LivePersonConnectorComponent component = new LivePersonConnectorComponent();
        component.getConfiguration().setAccountId(ACCOUNT);
        component.getConfiguration().setBaseUri(emulator.baseUri());
        component.getConfiguration().setConsumerJws(consumerJws);
        component.getConfiguration().setClientId(emulator.clientId());
        component.getConfiguration().setClientSecret(emulator.clientSecret());
        context.addComponent("liveperson-connector", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:open").routeId("jmx-open").to("liveperson-connector:create?appJwt=RAW(" + appJwt + ")");
            }
        });
        context.start();

        Exchange out = context.createProducerTemplate().request("direct:open", e -> e.getMessage().setBody("Hello"));
        assertThat(out.getException()).isNull();

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:context=" + context.getManagementName() + ",*"), null);
        List<String> values = new ArrayList<>();
        for (ObjectName name : names) {
            values.add(name.toString());
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                try {
                    Object value = server.getAttribute(name, attribute.getName());
                    values.add(name + " " + attribute.getName() + "=" + value);
                } catch (Exception | LinkageError unreadable) {
                    // some attributes need optional modules; what cannot be read cannot leak
                }
            }
        }

        assertThat(values).as("MBean attributes read").hasSizeGreaterThan(100)
                .anySatisfy(v -> assertThat(v).contains("liveperson-connector://create"));
        assertThat(values).allSatisfy(v -> assertThat(v)
                .doesNotContain(appJwt).doesNotContain(consumerJws).doesNotContain(emulator.clientSecret()));
    }
}
