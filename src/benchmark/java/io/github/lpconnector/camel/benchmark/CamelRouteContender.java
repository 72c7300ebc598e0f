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
 * exchange of the entry endpoint ({@link #entryUri()}), handed to its asynchronous producer with a callback, on the
 * driver's thread. Whatever completes the route (the component's I/O threads, or the hand route's thread pool) calls
 * back. The same for every Camel contender, so none pays for a {@code ProducerTemplate} another does not.
 * <p>
 * The contexts run without JMX management, as a Camel application does without {@code camel-management} on its
 * classpath (the test classpath has it for other tests). Its per-exchange counters of every route and processor cost
 * the component's route 20-28 us per exchange at 50 ms, 64 in flight (two paired runs), the hand route about as
 * much; {@code -Dbench.camelJmx=true} measures with them. Nor is there a Micrometer registry, which an application
 * with Spring Boot Actuator would have: {@code -Dbench.micrometer=true} binds one, and the component records its
 * meters in it.
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

    /** The endpoint whose producer each exchange is handed to: the route's {@code direct:create}. */
    protected String entryUri() {
        return "direct:create";
    }

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
        entry = context.getEndpoint(entryUri());
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
