package io.github.lpconnector.camel.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonConnectorEndpoint;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.internal.CallStatistics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;

/**
 * A Camel context of its own (sharing nothing with another one) that opens conversations at an emulator for any
 * account, each exchange carrying that account's tokens as exchange properties, with a Micrometer registry the
 * component reports to. For the tests of the rate governor: two of these are two instances of an application.
 */
public final class GovernedContext implements AutoCloseable {

    /** One consumer per account: the emulator must allow it several open conversations. */
    public static final String CONSUMER = "governed-consumer";

    private final LiveEngageEmulator emulator;
    private final CamelContext context;
    private final ProducerTemplate template;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Map<String, String[]> tokens = new ConcurrentHashMap<>();

    private GovernedContext(LiveEngageEmulator emulator) throws Exception {
        this.emulator = emulator;
        context = new DefaultCamelContext();
        context.getRegistry().bind("meters", meters);
        context.getComponent("liveperson-connector", LivePersonConnectorComponent.class).getConfiguration()
                .setBaseUri(emulator.baseUri());
        context.start();
        template = context.createProducerTemplate();
    }

    public static GovernedContext start(LiveEngageEmulator emulator) throws Exception {
        return new GovernedContext(emulator);
    }

    /** {@code liveperson-connector:create?accountId=...&options}. */
    public static String uri(String accountId, String options) {
        return "liveperson-connector:create?accountId=" + accountId + (options.isEmpty() ? "" : "&" + options);
    }

    /** Hands {@code count} CREATEs for {@code accountId} to the endpoint without waiting for them. */
    public List<CompletableFuture<Exchange>> createAll(String accountId, String options, int count) {
        List<CompletableFuture<Exchange>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "message " + i;
            futures.add(template.asyncSend(uri(accountId, options), e -> prepare(e, accountId, text)));
        }
        return futures;
    }

    /** One CREATE for {@code accountId}, waiting for its outcome. */
    public Exchange create(String accountId, String options) {
        return template.send(uri(accountId, options), e -> prepare(e, accountId, "hello"));
    }

    /** A new exchange of this context with the body and tokens of a CREATE for {@code accountId}. */
    public Exchange newExchange(String accountId, String text) {
        Exchange exchange = new DefaultExchange(context);
        prepare(exchange, accountId, text);
        return exchange;
    }

    private void prepare(Exchange exchange, String accountId, String text) {
        String[] pair = tokens.computeIfAbsent(accountId, a -> new String[] { emulator.issueAppJwt(a),
                emulator.issueConsumerJws(a, CONSUMER) });
        exchange.setProperty(PROPERTY_APP_JWT, pair[0]);
        exchange.setProperty(PROPERTY_CONSUMER_JWS, pair[1]);
        exchange.getMessage().setBody(text);
    }

    /** The endpoint of {@code uri(accountId, options)}, created if needed. */
    public LivePersonConnectorEndpoint endpoint(String accountId, String options) {
        return context.getEndpoint(uri(accountId, options), LivePersonConnectorEndpoint.class);
    }

    public CallStatistics statistics(String accountId, String options) {
        return endpoint(accountId, options).getCallStatistics();
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
