package io.github.lpconnector.camel.flows;

import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts, from Camel's events, what the log of a flow run should show: exchanges created by the consumer (records
 * read, re-reads included), calls to liveperson-connector (redeliveries included) and Camel redeliveries.
 */
public final class FlowCounters extends EventNotifierSupport {

    public final LongAdder exchangesCreated = new LongAdder();
    public final LongAdder livePersonCalls = new LongAdder();
    public final LongAdder redeliveries = new LongAdder();

    public static FlowCounters install(CamelContext context) {
        FlowCounters counters = new FlowCounters();
        counters.setCamelContext(context);
        context.getManagementStrategy().addEventNotifier(counters);
        try {
            counters.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return counters;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeCreatedEvent created) {
            if (created.getExchange().getFromEndpoint() != null) {
                exchangesCreated.increment();
            }
        } else if (event instanceof ExchangeSendingEvent sending) {
            if (sending.getEndpoint().getEndpointUri().startsWith("liveperson-connector:")) {
                livePersonCalls.increment();
            }
        } else if (event instanceof ExchangeRedeliveryEvent) {
            redeliveries.increment();
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCreatedEvent || event instanceof ExchangeSendingEvent
               || event instanceof ExchangeRedeliveryEvent;
    }
}
