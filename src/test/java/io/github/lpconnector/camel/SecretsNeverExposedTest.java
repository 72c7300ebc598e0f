package io.github.lpconnector.camel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import io.github.lpconnector.camel.support.CapturingAppender;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the scenarios of the suite (success, 401, 429 retried, validation failure, timeout, connection refused, and
 * the automatic token paths: Domain API, Sentinel, IDP, send and close) with the component logging at TRACE, then
 * looks for a secret in everything a person or a tool can read: every log line, exception message, cause and stack
 * trace, endpoint {@code toString}, endpoint URI as Camel sanitises it, the dev console (text and JSON) and the
 * configuration's {@code toString}. Secrets: the tokens given, the client secret, and anything shaped like a JWS.
 * Every answer is the emulator's: the tokens given are real ones it checks.
 */
class SecretsNeverExposedTest {

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(
            b -> b.threads(8).multipleOpenConversations(true));

    private static final String ACCOUNT = "81234567";
    private static final String URI_SECRET = "URISECRET-99aa88bb77cc66dd";
    /** A compact JWS: three base64url parts, the first starting like a JSON header. */
    private static final Pattern JWS_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");

    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private CapturingAppender logs;
    /** Given tokens, valid for the account. */
    private String jwt;
    private String jws;
    /** A given AppJWT of another account, refused with 401. */
    private String foreignJwt;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        logs = CapturingAppender.install();
        jwt = EMULATOR.issueAppJwt(ACCOUNT);
        jws = EMULATOR.issueConsumerJws(ACCOUNT, "given-consumer");
        foreignJwt = EMULATOR.issueAppJwt("87654321");
        context = new DefaultCamelContext();
        LivePersonConnectorComponent component = new LivePersonConnectorComponent();
        LivePersonConnectorConfiguration configuration = component.getConfiguration();
        configuration.setAccountId(ACCOUNT);
        configuration.setBaseUri(EMULATOR.emulator().baseUri());
        configuration.setClientId(EMULATOR.emulator().clientId());
        configuration.setClientSecret(EMULATOR.emulator().clientSecret());
        configuration.setRetryDelay(10);
        context.addComponent("liveperson-connector", component);
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        logs.close();
        context.close();
    }

    @Test
    void noSecretInAnythingReadable() throws Exception {
        // automatic tokens: Domain API skipped by baseUri, Sentinel, IDP; create, send, close
        Exchange created = template.send("liveperson-connector:create", e -> {
            e.setProperty(PROPERTY_EXT_CONSUMER_ID, "consumer-1");
            e.getMessage().setBody("hello");
        });
        exchanges.add(created);
        assertThat(created.getException()).isNull();
        String conversationId = created.getMessage().getHeader(CONVERSATION_ID, String.class);
        for (String operation : List.of("send", "close")) {
            exchanges.add(template.send("liveperson-connector:" + operation, e -> {
                e.setProperty(PROPERTY_EXT_CONSUMER_ID, "consumer-1");
                e.getMessage().setHeader(CONVERSATION_ID, conversationId);
                e.getMessage().setBody("bye");
            }));
        }
        assertThat(exchanges).allSatisfy(e -> assertThat(e.getException()).isNull());

        // wrong client secret in the URI: Sentinel refuses it
        exchanges.add(template.send("liveperson-connector:create?clientSecret=" + URI_SECRET, e -> {
            e.setProperty(PROPERTY_EXT_CONSUMER_ID, "consumer-2");
            e.getMessage().setBody("hello");
        }));
        assertThat(last().getException()).isInstanceOf(LivePersonConnectorException.class);

        // given tokens, in the URI and as properties: success, 401, 429 retried, validation
        String givenUri = "liveperson-connector:create?appJwt=" + jwt + "&consumerJws=" + jws + "&clientSecret="
                          + URI_SECRET + "&maxRetries=2&retryDelay=10";
        exchanges.add(template.send(givenUri, e -> e.getMessage().setBody("hello")));
        assertThat(last().getException()).isNull();
        exchanges.add(template.send(givenUri.replace(jwt, foreignJwt), e -> e.getMessage().setBody("hello")));
        assertThat(last().getException()).isInstanceOf(LivePersonHttpException.class);
        EMULATOR.faults().nextStatuses(429); // refused with Retry-After: 1, then retried
        exchanges.add(template.send(givenUri, e -> e.getMessage().setBody("hello")));
        assertThat(last().getException()).isNull();
        assertThat(EMULATOR.count("create", 429)).as("retried after a 429").isEqualTo(1);
        exchanges.add(template.send(givenUri, e -> e.getMessage().setBody(List.of("not", "a", "batch"))));
        assertThat(last().getException()).isInstanceOf(LivePersonValidationException.class);
        exchanges.add(template.send("liveperson-connector:create", e -> {
            e.setProperty(PROPERTY_APP_JWT, jwt + "\r\nX-Evil: 1");
            e.setProperty(PROPERTY_CONSUMER_JWS, jws);
            e.getMessage().setBody("hello");
        }));
        assertThat(last().getException()).isInstanceOf(LivePersonValidationException.class);

        // timeout (the emulator never answers) and connection refused
        EMULATOR.faults().stallShare(1.0, null);
        exchanges.add(template.send("liveperson-connector:create?requestTimeout=300&maxRetries=0&appJwt=" + jwt
                                    + "&consumerJws=" + jws, e -> e.getMessage().setBody("hello")));
        assertThat(last().getException()).isInstanceOf(LivePersonTransportException.class);
        EMULATOR.faults().clear();
        int closedPort = CreateRetryTest.closedPort();
        exchanges.add(template.send("liveperson-connector:create?maxRetries=1&retryDelay=10&baseUri=http://127.0.0.1:"
                                    + closedPort, e -> {
                                        e.setProperty(PROPERTY_APP_JWT, jwt);
                                        e.setProperty(PROPERTY_CONSUMER_JWS, jws);
                                        e.getMessage().setBody("hello");
                                    }));
        assertThat(last().getException()).isInstanceOf(LivePersonTransportException.class);

        collectEverythingReadable();
        List<String> secrets = List.of(jwt, jws, foreignJwt, URI_SECRET, EMULATOR.emulator().clientSecret());
        assertThat(seen).as("strings collected").hasSizeGreaterThan(50);
        for (String text : seen) {
            for (String secret : secrets) {
                assertThat(text).as("a readable string").doesNotContain(secret);
            }
            assertThat(JWS_SHAPE.matcher(text).find()).as("a JWS in: %s", text).isFalse();
        }
    }

    @Test
    void uriFactoryKnowsTheSecretOptions() {
        EndpointUriFactory factory = context.getCamelContextExtension().getEndpointUriFactory("liveperson-connector");

        assertThat(factory.secretPropertyNames()).contains("appJwt", "consumerJws", "clientSecret");
    }

    /**
     * Camel 4.18's {@link URISupport#sanitizeUri} masks every option whose name contains a word it knows (so
     * {@code clientSecret}) but only the first of the additional sensitive keywords (appJwt, consumerJws) found in a
     * URI. The endpoint's own {@code toString} and {@code getSanitizedUri} mask all three; this test records the
     * Camel behaviour so that a fix in Camel is noticed, and checks the endpoint warns (without the tokens) when its
     * URI holds both.
     */
    @Test
    void camelSanitisingMasksOnlyTheFirstExtraKeyword() {
        LivePersonConnectorEndpoint endpoint = (LivePersonConnectorEndpoint) context.getEndpoint(
                "liveperson-connector:create?appJwt=" + jwt + "&consumerJws=" + jws + "&clientSecret=" + URI_SECRET);

        endpoint.start();
        assertThat(logs.events()).filteredOn(e -> e.contains("holds both appJwt and consumerJws")).hasSize(1)
                .allSatisfy(e -> assertThat(e).doesNotContain(jwt).doesNotContain(jws).doesNotContain(URI_SECRET));

        String camel = URISupport.sanitizeUri(endpoint.getEndpointUri());
        assertThat(camel).doesNotContain(jwt).doesNotContain(URI_SECRET).contains(jws); // the known limit
        assertThat(endpoint.getSanitizedUri()).doesNotContain(jwt).doesNotContain(jws).doesNotContain(URI_SECRET);
        assertThat(endpoint.toString()).doesNotContain(jwt).doesNotContain(jws).doesNotContain(URI_SECRET);
    }

    private Exchange last() {
        return exchanges.get(exchanges.size() - 1);
    }

    private void collectEverythingReadable() {
        seen.addAll(logs.events());
        for (Exchange exchange : exchanges) {
            Exception e = exchange.getException();
            if (e != null) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                seen.add(trace.toString());
                for (Throwable t = e; t != null; t = t.getCause()) {
                    seen.add(String.valueOf(t.getMessage()));
                    seen.add(t.toString());
                }
            }
            seen.add(exchange.toString());
            seen.add(String.valueOf(exchange.getMessage().getHeaders()));
        }
        for (Endpoint endpoint : context.getEndpoints()) {
            seen.add(endpoint.toString());
            if (endpoint instanceof LivePersonConnectorEndpoint lp) {
                seen.add(lp.getSanitizedUri());
                seen.add(lp.getConfiguration().toString());
                seen.add(lp.getServiceUrl());
                seen.add(String.valueOf(lp.getCallStatistics().toMap()));
                seen.add(String.valueOf(lp.getOutcomes().toMap()));
                if (!lp.getEndpointUri().contains("appJwt") || !lp.getEndpointUri().contains("consumerJws")) {
                    // one extra keyword at most: Camel's own sanitising is complete here (see the test above)
                    seen.add(URISupport.sanitizeUri(lp.getEndpointUri()));
                }
            }
        }
        LivePersonConnectorDevConsole console = new LivePersonConnectorDevConsole();
        console.setCamelContext(context);
        seen.add(String.valueOf(console.call(DevConsole.MediaType.TEXT)));
        seen.add(String.valueOf(console.call(DevConsole.MediaType.JSON, Map.of())));
        seen.add(context.getComponent("liveperson-connector", LivePersonConnectorComponent.class)
                .getConfiguration().toString());
    }
}
