package io.github.lpconnector.camel.benchmark;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Feeds a started route {@code from("direct:create")} the way a consumer feeds its route: an exchange of the direct
 * endpoint, handed to its asynchronous producer with a callback, on the driver's thread. Whatever completes the
 * route (the component's I/O threads, or the hand route's thread pool) calls back. The same for both Camel
 * contenders, so neither pays for a {@code ProducerTemplate} the other does not.
 */
final class CamelRouteDriver implements AutoCloseable {

    private final Endpoint direct;
    private final AsyncProducer producer;
    private final String conversationIdHeader;

    CamelRouteDriver(CamelContext context, String conversationIdHeader) throws Exception {
        this.direct = context.getEndpoint("direct:create");
        this.producer = direct.createAsyncProducer();
        this.conversationIdHeader = conversationIdHeader;
        ServiceHelper.startService(producer);
    }

    /** Sends the workload's message through the route; {@code completion} gets the conversation id header. */
    void submit(Contender.Completion completion) {
        Exchange exchange = direct.createExchange();
        exchange.getMessage().setBody(Workload.MESSAGE);
        producer.process(exchange, doneSync -> {
            Throwable error = exchange.getException();
            String id = error == null ? exchange.getMessage().getHeader(conversationIdHeader, String.class) : null;
            completion.done(id != null && !id.isEmpty() ? id : null, error);
        });
    }

    @Override
    public void close() {
        ServiceHelper.stopService(producer);
    }
}
