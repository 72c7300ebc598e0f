package io.github.lpconnector.camel.benchmark;

import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonConnectorConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The component as a user would run it: {@code direct:create → liveperson-connector:create}, fed by a
 * {@link CamelRouteDriver} (the driver's thread hands the exchange over, the component's I/O threads complete it).
 */
final class ComponentContender implements Contender {

    private CamelContext context;
    private CamelRouteDriver driver;

    @Override
    public String name() {
        return "component";
    }

    @Override
    public void start(Workload workload, int inFlight, int connections) throws Exception {
        String uri = "liveperson-connector:create?accountId=" + Workload.ACCOUNT
                     + "&baseUri=" + workload.baseUri
                     + "&skillId=" + Workload.SKILL
                     + "&maxConnections=" + connections;
        context = new DefaultCamelContext();
        // the tokens as component options, where the README says they belong (not in an endpoint URI)
        LivePersonConnectorComponent component = context.getComponent("liveperson-connector",
                LivePersonConnectorComponent.class);
        component.getConfiguration().setAppJwt(workload.appJwt);
        component.getConfiguration().setConsumerJws(workload.consumerJws);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("component").to(uri);
            }
        });
        context.start();
        driver = new CamelRouteDriver(context, LivePersonConnectorConstants.CONVERSATION_ID);
    }

    @Override
    public void submit(Completion completion) {
        driver.submit(completion);
    }

    @Override
    public void close() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (context != null) {
            context.close();
        }
    }
}
