package io.github.lpconnector.camel.ecosystem;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonConnectorEndpoint;
import io.github.lpconnector.camel.dsl.LivePersonConnectorEndpointBuilderFactory.AdvancedLivePersonConnectorEndpointBuilder;
import io.github.lpconnector.camel.dsl.LivePersonConnectorEndpointBuilderFactory.LivePersonConnectorEndpointBuilder;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import io.github.lpconnector.camel.model.CreateConversationResult;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.lpconnector.camel.dsl.LivePersonConnectorEndpointBuilderFactory.livepersonConnector;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed Java Endpoint DSL yields the same endpoint as the string URI, covers every option of the generated
 * metadata, and works in a route.
 */
class LivePersonConnectorEndpointBuilderFactoryTest {

    private static final Set<String> BUILDER_OWN = Set.of("advanced", "basic");

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    @Test
    void theCatalogCallsTheProducerAsynchronousAndListsBothHalves() throws Exception {
        // camel-component-maven-plugin writes "async" from whether the endpoint is an AsyncEndpoint
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/io/github/lpconnector/camel/liveperson-connector.json")) {
            JsonNode component = new ObjectMapper().readTree(in).get("component");
            assertThat(component.get("async").asBoolean()).isTrue();
            assertThat(component.get("producerOnly").asBoolean()).isFalse();
            assertThat(component.get("consumerOnly").asBoolean()).isFalse();
        }
    }

    @Test
    void everyOptionOfTheMetadataHasABuilderMethodAndNoMethodIsStale() throws Exception {
        JsonNode properties;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/io/github/lpconnector/camel/liveperson-connector.json")) {
            assertThat(in).as("the generated component metadata").isNotNull();
            properties = new ObjectMapper().readTree(in).get("properties");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            if ("parameter".equals(p.getValue().get("kind").asText())) {
                options.put(p.getKey(), p.getValue().get("javaType").asText());
            }
        }
        assertThat(options).containsKeys("accountId", "appJwt", "baseUri", "lazyStartProducer");

        List<Method> methods = new ArrayList<>();
        methods.addAll(Arrays.asList(LivePersonConnectorEndpointBuilder.class.getDeclaredMethods()));
        methods.addAll(Arrays.asList(AdvancedLivePersonConnectorEndpointBuilder.class.getDeclaredMethods()));
        List<String> missing = new ArrayList<>();
        options.forEach((name, javaType) -> {
            boolean typed = methods.stream().anyMatch(m -> m.getName().equals(name) && m.getParameterCount() == 1
                                                           && m.getParameterTypes()[0].getTypeName().equals(javaType));
            boolean text = methods.stream().anyMatch(m -> m.getName().equals(name) && m.getParameterCount() == 1
                                                          && m.getParameterTypes()[0] == String.class);
            if (!typed || !text) {
                missing.add(name + " (" + javaType + ")");
            }
        });
        assertThat(missing).as("options without a typed and a String builder method: add them to "
                               + "LivePersonConnectorEndpointBuilderFactory").isEmpty();

        Set<String> stale = new TreeSet<>();
        methods.stream().map(Method::getName).filter(n -> !BUILDER_OWN.contains(n) && !options.containsKey(n))
                .forEach(stale::add);
        assertThat(stale).as("builder methods for options that no longer exist").isEmpty();
    }

    @Test
    void builderYieldsTheSameEndpointAsTheStringUri() throws Exception {
        SSLContextParameters ssl = new SSLContextParameters();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("lpSsl", ssl);
            context.getPropertiesComponent().addInitialProperty("lp.accountId", "4567");
            context.start();

            LivePersonConnectorEndpointBuilder builder = livepersonConnector("create")
                    .accountId("{{lp.accountId}}").domain("va.msg.liveperson.net")
                    .appJwt("app+jwt&with=odd/chars").consumerJws("jws value")
                    .brandId("brand").skillId("-1").campaignId("c1").engagementId("e1").ttrDefName("URGENT")
                    .channelType("MESSAGING").lang("en-US")
                    .maxRetries(5).retryDelay("250").maxRetryDelay(9000L)
                    .proxyHost("proxy.local").proxyPort(3128)
                    .sslContextParameters(ssl);
            builder.advanced().apiVersion("3").connectTimeout(1234).requestTimeout("4321").maxConnections(12)
                    .lazyStartProducer(true);

            String uri = "liveperson-connector:create?accountId={{lp.accountId}}&domain=va.msg.liveperson.net"
                         + "&appJwt=RAW(app+jwt&with=odd/chars)&consumerJws=RAW(jws value)"
                         + "&brandId=brand&skillId=-1&campaignId=c1&engagementId=e1&ttrDefName=URGENT"
                         + "&channelType=MESSAGING&lang=en-US&maxRetries=5&retryDelay=250&maxRetryDelay=9000"
                         + "&proxyHost=proxy.local&proxyPort=3128&sslContextParameters=#lpSsl"
                         + "&apiVersion=3&connectTimeout=1234&requestTimeout=4321&maxConnections=12"
                         + "&lazyStartProducer=true";

            LivePersonConnectorEndpoint fromDsl = builder.resolve(context, LivePersonConnectorEndpoint.class);
            LivePersonConnectorEndpoint fromUri = context.getEndpoint(uri, LivePersonConnectorEndpoint.class);

            assertThat(fromDsl.getOperation()).isEqualTo(fromUri.getOperation());
            assertThat(fromDsl.isLazyStartProducer()).isTrue().isEqualTo(fromUri.isLazyStartProducer());
            Map<String, Object> dslValues = values(fromDsl.getConfiguration());
            assertThat(dslValues).isEqualTo(values(fromUri.getConfiguration()));
            assertThat(dslValues).containsEntry("getAccountId", "4567")
                    .containsEntry("getAppJwt", "app+jwt&with=odd/chars").containsEntry("getConsumerJws", "jws value")
                    .containsEntry("getRetryDelay", 250L).containsEntry("getProxyPort", 3128);
            assertThat(fromDsl.getConfiguration().getSslContextParameters()).isSameAs(ssl);
        }
    }

    /** Every getter of the configuration, by name. */
    private static Map<String, Object> values(LivePersonConnectorConfiguration configuration) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Method m : LivePersonConnectorConfiguration.class.getMethods()) {
            if (m.getName().startsWith("get") && m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class) {
                values.put(m.getName(), m.invoke(configuration));
            }
        }
        return values;
    }

    @Test
    void builderWorksInARoute() throws Exception {
        String appJwt = EMULATOR.issueAppJwt("1234");
        String consumerJws = EMULATOR.issueConsumerJws("1234", "dsl-consumer");
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:create")
                            .to(livepersonConnector("create").accountId("1234").appJwt(appJwt).consumerJws(consumerJws)
                                    .advanced().baseUri(EMULATOR.baseUri()));
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            Exchange done = template.send("direct:create", e -> e.getMessage().setBody("{\"message\":\"hi\"}"));
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getBody()).isInstanceOf(CreateConversationResult.class);
            assertThat(EMULATOR.count("create")).isEqualTo(1);
            assertThat(((CreateConversationResult) done.getMessage().getBody()).conversationId())
                    .isEqualTo(EMULATOR.conversations().get(0).conversationId());
        }
    }
}
