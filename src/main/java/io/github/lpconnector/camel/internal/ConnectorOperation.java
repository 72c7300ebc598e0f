package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonConnectorOperation;
import io.github.lpconnector.camel.LivePersonValidationException;
import org.apache.camel.Exchange;

/** One producer operation of the component: how an exchange becomes a call, and how the answer becomes the exchange. */
public interface ConnectorOperation {

    /**
     * Reads and checks the exchange. Throws {@link LivePersonValidationException} when it cannot become a valid
     * request: nothing has been sent then.
     */
    PreparedCall prepare(Exchange exchange);

    /** One exchange's checked request, ready to send. */
    interface PreparedCall {

        /** Sends the request with {@code client}. */
        CompletableFuture<LivePersonClient.Answer> send(LivePersonClient client, URI messaging,
                                                        LivePersonClient.Tokens tokens);

        /** Whether the call also needs the file storage's base ({@code swift}), handed to the four-argument send. */
        default boolean needsFileStorage() {
            return false;
        }

        /** Sends the request; {@code fileStorage} is null unless {@link #needsFileStorage()}. */
        default CompletableFuture<LivePersonClient.Answer> send(LivePersonClient client, URI messaging,
                                                                URI fileStorage, LivePersonClient.Tokens tokens) {
            return send(client, messaging, tokens);
        }

        /**
         * Applies LivePerson's answer to the exchange (headers, body). Throws the typed exception when the answer is
         * an HTTP error or refuses a request; the conversation id is still set when the conversation was opened.
         */
        void complete(Exchange exchange, LivePersonClient.Answer answer);
    }

    static ConnectorOperation of(LivePersonConnectorOperation operation, LivePersonConnectorConfiguration configuration) {
        return switch (operation) {
            case create -> new CreateOperation(configuration);
            case send -> SendOperation.publish();
            case close -> SendOperation.close();
        };
    }
}
