package io.github.lpconnector.camel.benchmark;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * What a Camel user writes without the component: build the batch, marshal it with camel-jackson, set the headers,
 * POST with camel-http (blocking, so behind {@code threads(n)} with one thread per exchange in flight, at most
 * {@link #MAX_THREADS}), unmarshal the answer and set the conversation id header; optionally with Camel's redelivery
 * of HTTP errors.
 */
final class HandRouteContender extends CamelRouteContender {

    static final int MAX_THREADS = 256;
    static final String CONVERSATION_ID = "CamelLivePersonConversationId";

    private final String name;
    private final boolean redelivery;

    HandRouteContender() {
        this(Report.HAND, false);
    }

    /**
     * @param redelivery whether the route retries an HTTP error as a user would with Camel's redelivery: three times,
     *                   after 1, 2 and 4 s
     */
    HandRouteContender(String name, boolean redelivery) {
        this.name = name;
        this.redelivery = redelivery;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected String conversationIdHeader() {
        return CONVERSATION_ID;
    }

    @Override
    protected void configure(CamelContext context, Workload workload, int inFlight, int connections) throws Exception {
        int threads = Math.min(Math.min(inFlight, connections), MAX_THREADS);
        String http = workload.baseUri + workload.createPath()
                      + "?v=3&connectionsPerRoute=" + threads + "&maxTotalConnections=" + threads;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (redelivery) {
                    onException(HttpOperationFailedException.class)
                            .maximumRedeliveries(3).redeliveryDelay(1000).useExponentialBackOff().backOffMultiplier(2);
                }
                from("direct:create").routeId("hand-route")
                        .threads(threads, threads).maxQueueSize(inFlight + 16)
                        .process(HandRouteContender::toBatch)
                        .marshal().json(JsonLibrary.Jackson)
                        .setHeader("Authorization", constant(workload.appJwt))
                        .setHeader("X-LP-ON-BEHALF", constant(workload.consumerJws))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                        .to(http)
                        .unmarshal().json(JsonLibrary.Jackson, List.class)
                        .setHeader(CONVERSATION_ID, simple("${body[1][body][conversationId]}"));
            }
        });
    }

    /** The CREATE batch as maps, ids made from the exchange id. */
    private static void toBatch(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        String id = exchange.getExchangeId();
        exchange.getMessage().setBody(List.of(
                Map.of("kind", "req", "id", id + ":profile", "type", "userprofile.SetUserProfile", "body", Map.of()),
                Map.of("kind", "req", "id", id + ":conversation", "type", "cm.ConsumerRequestConversation",
                        "body", Map.of("brandId", Workload.ACCOUNT, "skillId", Workload.SKILL, "channelType", "MESSAGING")),
                Map.of("kind", "req", "id", id + ":message", "type", "ms.PublishEvent",
                        "body", Map.of("event", Map.of("type", "ContentEvent", "contentType", "text/plain", "message", text)))));
    }
}
