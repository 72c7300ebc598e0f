package io.github.lpconnector.camel.benchmark;

import io.github.lpconnector.camel.LivePersonConnectorConstants;
import org.apache.camel.CamelContext;

/**
 * Not in the default run ({@code -Dbench.contenders=component,producer-only,raw-client}): the component's producer
 * fed as a route's would be, but with exchanges of its own endpoint and no route. Against {@link ComponentContender}
 * it shows what the route ({@code direct}, unit of work, routing) costs, against the raw client what the component
 * itself costs.
 */
final class ProducerOnlyContender extends CamelRouteContender {

    private String endpointUri;

    @Override
    public String name() {
        return "producer-only";
    }

    @Override
    protected String conversationIdHeader() {
        return LivePersonConnectorConstants.CONVERSATION_ID;
    }

    @Override
    protected void configure(CamelContext context, Workload workload, int inFlight, int connections) {
        endpointUri = ComponentContender.configureComponent(context, workload, connections);
    }

    @Override
    protected String entryUri() {
        return endpointUri;
    }
}
