package io.github.lpconnector.camel.benchmark;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A contender that is a Camel route {@code from("direct:create")}, fed the way a consumer feeds its route: an
 * exchange of the {@code direct} endpoint, handed to its asynchronous producer with a callback, on the driver's
 * thread. Whatever completes the route (the component's I/O threads, or the hand route's thread pool) calls back.
 * <p>
 * The context runs without JMX management, as a Camel application does without {@code camel-management} on its
 * classpath (the test classpath has it for other tests), and without a Micrometer registry:
 * {@code -Dbench.camelJmx=true} and {@code -Dbench.micrometer=true} measure with them.
 */
abstract class CamelRouteContender implements Contender {

    static final boolean CAMEL_JMX = Boolean.getBoolean("bench.camelJmx");
    static final boolean MICROMETER = Boolean.getBoolean("bench.micrometer");

    private CamelContext context;
    private Endpoint entry;
    private AsyncProducer producer;

    /** Sets up {@code context} (components, the {@code direct:create} route) before it starts. */
    protected abstract void configure(CamelContext context, Workload workload, int inFlight, int connections)
            throws Exception;

    /** The header the route leaves the conversation id in. */
    protected abstract String conversationIdHeader();

    @Override
    public final void start(Workload workload, int inFlight, int connections) throws Exception {
        context = new DefaultCamelContext();
        if (!CAMEL_JMX) {
            context.disableJMX();
        }
        if (MICROMETER) {
            context.getRegistry().bind("meters", new SimpleMeterRegistry());
        }
        configure(context, workload, inFlight, connections);
        context.start();
        entry = context.getEndpoint("direct:create");
        producer = entry.createAsyncProducer();
        ServiceHelper.startService(producer);
    }

    /** Sends the workload's message through the route; {@code completion} gets the conversation id header. */
    @Override
    public final void submit(Completion completion) {
        Exchange exchange = entry.createExchange();
        exchange.getMessage().setBody(Workload.MESSAGE);
        producer.process(exchange, doneSync -> {
            Throwable error = exchange.getException();
            String id = error == null ? exchange.getMessage().getHeader(conversationIdHeader(), String.class) : null;
            completion.done(id != null && !id.isEmpty() ? id : null, error);
        });
    }

    @Override
    public final void close() throws Exception {
        ServiceHelper.stopService(producer);
        if (context != null) {
            context.close();
        }
    }
}
