package io.github.lpconnector.camel.operation;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonConnectorOperation;
import org.apache.camel.Exchange;

/** Turns an exchange into a {@link ConnectorCall} for one operation of the endpoint. */
public interface ConnectorOperation {

    /**
     * Reads and checks the exchange. Throws {@link io.github.lpconnector.camel.LivePersonValidationException} when it
     * cannot become a valid request.
     */
    ConnectorCall prepare(Exchange exchange) throws Exception;

    /** The path and query of this operation's calls, the same for every exchange of the endpoint. */
    String pathAndQuery();

    /** Makes now what the first exchange would otherwise make and every later one reuses; see the producer's start. */
    default void prefill() {
    }

    static ConnectorOperation of(LivePersonConnectorOperation operation, LivePersonConnectorConfiguration configuration) {
        return switch (operation) {
            case create -> new CreateOperation(configuration);
            case send -> new SendOperation(configuration);
            case close -> new CloseOperation(configuration);
        };
    }
}
