package io.github.lpconnector.camel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the producer tests: a {@link MockLivePersonServer} per test, and the component configured against it
 * with an account id and both tokens, the way {@code camel.component.liveperson-connector.*} properties would.
 */
public abstract class LivePersonTestSupport extends CamelTestSupport {

    public static final String ACCOUNT_ID = "12345678";
    public static final String OPTION_APP_JWT = "option.app.jwt";
    public static final String OPTION_CONSUMER_JWS = "option.consumer.jws";
    public static final String CREATE = "liveperson-connector:create";

    protected static final ObjectMapper MAPPER = new ObjectMapper();

    // a field initializer runs before CamelTestSupport creates the context, which needs the server's port
    protected final MockLivePersonServer server = newServer();

    /** The server of this test; override for a bigger worker pool. */
    protected MockLivePersonServer newServer() {
        try {
            return MockLivePersonServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
        configuration.setAccountId(ACCOUNT_ID);
        configuration.setBaseUri(server.baseUri());
        configuration.setAppJwt(OPTION_APP_JWT);
        configuration.setConsumerJws(OPTION_CONSUMER_JWS);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    /** Sends {@code body} to {@code liveperson-connector:create?options} and returns the exchange, failed or not. */
    protected Exchange create(String options, Object body) {
        return create(options, exchange -> exchange.getMessage().setBody(body));
    }

    protected Exchange create(String options, Consumer<Exchange> setup) {
        String uri = options == null || options.isEmpty() ? CREATE : CREATE + "?" + options;
        return template.send(uri, setup::accept);
    }

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
