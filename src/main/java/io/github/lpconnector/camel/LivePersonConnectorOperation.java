package io.github.lpconnector.camel;

import java.util.Arrays;

/** What an endpoint does with each exchange; the path part of {@code liveperson-connector:operation}. */
public enum LivePersonConnectorOperation {
    /** Opens a conversation with the CONVERSATION batch call. */
    create,
    /** Publishes one event in an open conversation with the SEND call. */
    send,
    /** Closes an open conversation with the SEND call. */
    close,
    /** Receives LiveEngage's webhook notifications: the agent's messages, receipts, typing and conversation changes. */
    notifications;

    /** Whether this operation is a consumer's ({@code from}) rather than a producer's ({@code to}). */
    boolean isConsumer() {
        return this == notifications;
    }

    /** The operation named {@code name}; fails naming the operations there are. */
    static LivePersonConnectorOperation parse(String name) {
        return Arrays.stream(values()).filter(op -> op.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown operation '" + name
                                                                + "' in liveperson-connector:operation; expected one of "
                                                                + Arrays.toString(values())));
    }
}
