package io.github.lpconnector.camel;

import org.apache.camel.RuntimeCamelException;

/**
 * The root of every error the component raises, so that a route can catch them all with one
 * {@code onException(LivePersonConnectorException.class)}.
 */
public class LivePersonConnectorException extends RuntimeCamelException {

    public LivePersonConnectorException(String message) {
        super(message);
    }

    public LivePersonConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
