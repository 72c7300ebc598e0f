package io.github.lpconnector.camel.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import io.github.lpconnector.camel.emulator.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the producer tests: the LiveEngage emulator (one per test class, reset before each test) and the component
 * configured against it with an account id and both tokens as options, the way
 * {@code camel.component.liveperson-connector.*} properties would. The tokens are real ones the emulator checks. One
 * consumer may hold several open conversations, so that a test can create as often as it needs with the one
 * ConsumerJWS of the options.
 */
public abstract class LivePersonTestSupport extends CamelTestSupport {

    public static final String ACCOUNT_ID = "12345678";
    public static final String CREATE = "liveperson-connector:create";
    /** The consumer of the component's ConsumerJWS option. */
    public static final String OPTION_CONSUMER = "option-consumer";
    /** The path of CREATE for {@link #ACCOUNT_ID}. */
    public static final String CREATE_PATH = "/api/account/" + ACCOUNT_ID + "/messaging/consumer/conversation";

    @RegisterExtension
    protected static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(
            b -> b.multipleOpenConversations(true));

    protected static final ObjectMapper MAPPER = new ObjectMapper();

    /** The component's AppJWT option of this test. */
    protected String optionAppJwt;
    /** The component's ConsumerJWS option of this test, for {@link #OPTION_CONSUMER}. */
    protected String optionConsumerJws;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        LivePersonConnectorComponent component = context.getComponent("liveperson-connector",
                LivePersonConnectorComponent.class);
        configure(component.getConfiguration());
        return context;
    }

    /** The component's options for this test class. */
    protected void configure(LivePersonConnectorConfiguration configuration) {
        if (optionAppJwt == null) {
            optionAppJwt = appJwt();
            optionConsumerJws = consumerJws(OPTION_CONSUMER);
        }
        configuration.setAccountId(ACCOUNT_ID);
        configuration.setBaseUri(EMULATOR.baseUri());
        configuration.setAppJwt(optionAppJwt);
        configuration.setConsumerJws(optionConsumerJws);
    }

    /** Sends {@code body} to {@code liveperson-connector:create?options} and returns the exchange, failed or not. */
    protected Exchange create(String options, Object body) {
        return create(options, exchange -> exchange.getMessage().setBody(body));
    }

    protected Exchange create(String options, Consumer<Exchange> setup) {
        String uri = options == null || options.isEmpty() ? CREATE : CREATE + "?" + options;
        return template.send(uri, setup::accept);
    }

    // ---- the emulator ---------------------------------------------------------------------------------------

    /** A valid AppJWT for {@link #ACCOUNT_ID}; each call gives another one. */
    protected static String appJwt() {
        return EMULATOR.issueAppJwt(ACCOUNT_ID);
    }

    /** A valid ConsumerJWS of {@link #ACCOUNT_ID} for {@code extConsumerId}. */
    protected static String consumerJws(String extConsumerId) {
        return EMULATOR.issueConsumerJws(ACCOUNT_ID, extConsumerId);
    }

    /** Every request the emulator received in this test, any service, oldest first. */
    protected static List<RecordedRequest> requests() {
        return EMULATOR.requests();
    }

    /** The requests of one service ("create", "send", "domain", ...), oldest first. */
    protected static List<RecordedRequest> requests(String service) {
        return requests().stream().filter(r -> r.service().equals(service)).toList();
    }

    /** The newest request; fails when there is none. */
    protected static RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        assertThat(all).as("requests the emulator received").isNotEmpty();
        return all.get(all.size() - 1);
    }

    // ---- WireMock, for what the emulator never answers --------------------------------------------------------

    /** A WireMock server on loopback, to register with {@code @RegisterExtension}. */
    protected static WireMockExtension wireMock() {
        return wireMock(UnaryOperator.identity());
    }

    /** As {@link #wireMock()}, with more settings. */
    protected static WireMockExtension wireMock(UnaryOperator<WireMockConfiguration> settings) {
        return WireMockExtension.newInstance()
                .options(settings.apply(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))).build();
    }

    /** The LivePerson error body, e.g. {@code {"kind":"resp","code":401,"body":{...},"type":".ReqBody$ErrorResp"}}. */
    public static String errorBody(int status, String title, String details, int errorCode) {
        return "{\"kind\":\"resp\",\"code\":" + status + ",\"body\":{\"title\":\"" + title + "\",\"details\":\""
               + details + "\",\"errorCode\":" + errorCode + "},\"type\":\".ReqBody$ErrorResp\"}";
    }

    // ---- JSON -----------------------------------------------------------------------------------------------

    /** Reads JSON text written with single quotes for readability. */
    protected static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    /**
     * Checks that the ids of a sent batch are unique, non-empty strings and returns a copy of the batch without
     * them, to compare with an expected batch.
     */
    protected static JsonNode withoutIds(JsonNode batch) {
        assertThat(batch.isArray()).as("the batch is a JSON array: %s", batch).isTrue();
        Set<String> ids = new HashSet<>();
        ArrayNode copy = batch.deepCopy();
        for (JsonNode request : copy) {
            JsonNode id = request.get("id");
            assertThat(id).as("request id in %s", request).isNotNull();
            assertThat(id.isTextual()).as("request id is a string: %s", id).isTrue();
            assertThat(id.asText()).isNotBlank();
            assertThat(ids.add(id.asText())).as("request id %s is unique", id).isTrue();
            ((ObjectNode) request).remove("id");
        }
        return copy;
    }

    /** The request types of a sent batch, in order. */
    protected static List<String> types(JsonNode batch) {
        List<String> types = new ArrayList<>();
        batch.forEach(request -> types.add(request.path("type").asText()));
        return types;
    }
}
