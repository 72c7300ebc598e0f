package io.github.lpconnector.camel.benchmark;

import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonConnectorConstants;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * The component as a user would run it: {@code direct:create → liveperson-connector:create}, fed by a
 * {@link CamelRouteContender} (the driver's thread hands the exchange over, the component's I/O threads complete it).
 */
final class ComponentContender extends CamelRouteContender {

    private final String name;
    private final String options;
    private final MeterRegistry meters;

    ComponentContender() {
        this(Report.COMPONENT, "", null);
    }

    /**
     * @param options more endpoint options, e.g. {@code &rateGovernor=false}
     * @param meters  a registry the component reports to, or null
     */
    ComponentContender(String name, String options, MeterRegistry meters) {
        this.name = name;
        this.options = options;
        this.meters = meters;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected String conversationIdHeader() {
        return LivePersonConnectorConstants.CONVERSATION_ID;
    }

    @Override
    protected void configure(CamelContext context, Workload workload, int inFlight, int connections) throws Exception {
        // the tokens as component options, where the README says they belong (not in an endpoint URI)
        LivePersonConnectorComponent component = context.getComponent("liveperson-connector",
                LivePersonConnectorComponent.class);
        component.getConfiguration().setAppJwt(workload.appJwt);
        component.getConfiguration().setConsumerJws(workload.consumerJws);
        String uri = "liveperson-connector:create?accountId=" + Workload.ACCOUNT + "&baseUri=" + workload.baseUri
                     + "&skillId=" + Workload.SKILL + "&maxConnections=" + connections + options;
        if (meters != null) {
            context.getRegistry().bind("meters", meters);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("component").to(uri);
            }
        });
    }
}
