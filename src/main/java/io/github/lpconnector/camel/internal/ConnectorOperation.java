package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.github.lpconnector.camel.ConversationStore;
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
         * Applies LivePerson's answer to the exchange (headers, body). The future fails with the typed exception when
         * the answer is an HTTP error or refuses a request (the conversation id is still set when the conversation
         * was opened); it never throws.
         */
        CompletableFuture<Void> complete(Exchange exchange, LivePersonClient.Answer answer);
    }

    /**
     * Checks the options {@code operation} works with when its endpoint is initialised. Throws
     * {@link IllegalArgumentException} naming the first option that cannot work.
     */
    static void checkOptions(LivePersonConnectorOperation operation, LivePersonConnectorConfiguration configuration) {
        if (operation == LivePersonConnectorOperation.notifications) {
            OptionRules.checkNotifications(configuration);
        } else {
            OptionRules.check(configuration);
        }
    }

    /**
     * @param store   where {@code create} records each conversation it opens
     * @param storing runs the store's calls (they may block)
     * @param delays  the endpoint's scheduler, for the waits between attempts of a failed save
     */
    static ConnectorOperation of(LivePersonConnectorOperation operation, LivePersonConnectorConfiguration configuration,
                                 ConversationStore store, Executor storing, Supplier<ScheduledExecutorService> delays) {
        return switch (operation) {
            case create -> new CreateOperation(configuration, new ConversationRecorder(configuration.getAccountId(),
                    store, storing, delays));
            case send -> SendOperation.publish();
            case close -> SendOperation.close();
            case notifications -> throw new IllegalArgumentException("notifications is not a producer operation");
        };
    }
}
