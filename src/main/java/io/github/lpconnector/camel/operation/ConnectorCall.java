package io.github.lpconnector.camel.operation;

import io.github.lpconnector.camel.http.LivePersonHttpResponse;
import org.apache.camel.Exchange;

/**
 * One exchange's call to the Connector API, checked and ready to send: made by a {@link ConnectorOperation} before
 * any HTTP call, so an invalid exchange never reaches LivePerson.
 */
public interface ConnectorCall {

    /** The operation name used in error messages: {@code create}, {@code send} or {@code close}. */
    String operation();

    /** Path and query below the messaging service's base, e.g. {@code /api/account/1/messaging/...?v=3}. */
    String pathAndQuery();

    /** The JSON request body. */
    byte[] json();

    /**
     * Applies a 2xx answer to the exchange (headers, body). Throws a
     * {@link io.github.lpconnector.camel.LivePersonConnectorException} when the answer reports a failure.
     */
    void onSuccess(Exchange exchange, LivePersonHttpResponse response);
}
