package io.github.lpconnector.camel;

import io.github.lpconnector.camel.internal.ConnectorOperation;
import io.github.lpconnector.camel.internal.ConnectorOperation.PreparedCall;
import io.github.lpconnector.camel.internal.ExchangeOutcomes;
import io.github.lpconnector.camel.internal.LivePersonAuth;
import io.github.lpconnector.camel.internal.LivePersonClient;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends each exchange to the Connector API without blocking: the operation turns the exchange into a checked call
 * and the auth plan says where its tokens come from (an invalid exchange fails here, before any HTTP call); the
 * call is made with the hosts and tokens resolved; the answer becomes headers and body, or a typed exception. The
 * callback is completed exactly once on every path, in {@link #done}.
 */
class LivePersonConnectorProducer extends DefaultAsyncProducer {

    private final LivePersonConnectorEndpoint endpoint;
    private final ConnectorOperation operation;
    private LivePersonAuth auth;
    private LivePersonClient client;
    private ExchangeOutcomes outcomes;

    LivePersonConnectorProducer(LivePersonConnectorEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.operation = endpoint.newOperation();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        auth = endpoint.auth();
        client = endpoint.client();
        outcomes = endpoint.getOutcomes();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        PreparedCall call;
        LivePersonAuth.Plan tokens;
        try {
            call = operation.prepare(exchange);
            tokens = auth.plan(exchange, endpoint.getConfiguration());
        } catch (Exception e) {
            exchange.setException(e);
            return done(exchange, callback, true);
        }
        auth.call(tokens, client, call.needsFileStorage(),
                (messaging, files, credentials) -> call.send(client, messaging, files, credentials))
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        exchange.setException(failure);
                        done(exchange, callback, false);
                        return;
                    }
                    call.complete(exchange, answer).whenComplete((completed, refusal) -> {
                        if (refusal != null) {
                            exchange.setException(refusal);
                        }
                        done(exchange, callback, false);
                    });
                });
        return false;
    }

    private boolean done(Exchange exchange, AsyncCallback callback, boolean doneSync) {
        try {
            outcomes.record(exchange);
        } finally {
            callback.done(doneSync);
        }
        return doneSync;
    }
}
