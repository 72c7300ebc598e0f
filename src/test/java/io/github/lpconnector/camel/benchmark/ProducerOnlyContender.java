package io.github.lpconnector.camel.benchmark;

import io.github.lpconnector.camel.LivePersonConnectorConstants;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Not in the default run ({@code -Dbench.contenders=component,producer-only,raw-client}): the component's producer
 * called with an exchange of its own endpoint, without a route. Against {@link ComponentContender} it shows what the
 * route ({@code direct}, unit of work, routing) costs, against the raw client what the component itself costs.
 */
final class ProducerOnlyContender implements Contender {

    private CamelContext context;
    private Endpoint endpoint;
    private AsyncProducer producer;

    @Override
    public String name() {
        return "producer-only";
    }

    @Override
    public void start(Workload workload, int inFlight, int connections) throws Exception {
        context = new DefaultCamelContext();
        String uri = ComponentContender.configureComponent(context, workload, connections);
        context.start();
        endpoint = context.getEndpoint(uri);
        producer = endpoint.createAsyncProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    public void submit(Completion completion) {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setBody(Workload.MESSAGE);
        producer.process(exchange, doneSync -> {
            Throwable error = exchange.getException();
            String id = error == null
                    ? exchange.getMessage().getHeader(LivePersonConnectorConstants.CONVERSATION_ID, String.class) : null;
            completion.done(id != null && !id.isEmpty() ? id : null, error);
        });
    }

    @Override
    public void close() throws Exception {
        ServiceHelper.stopService(producer);
        if (context != null) {
            context.close();
        }
    }
}
