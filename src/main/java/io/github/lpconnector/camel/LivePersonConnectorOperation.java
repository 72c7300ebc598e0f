package io.github.lpconnector.camel;

/** What an endpoint does with each exchange; the path part of {@code liveperson-connector:operation}. */
public enum LivePersonConnectorOperation {
    /** Opens a conversation with the CONVERSATION batch call. */
    create,
    /** Publishes one event in an open conversation with the SEND call. */
    send,
    /** Closes an open conversation with the SEND call. */
    close
}
