package io.github.lpconnector.camel;

import org.apache.camel.spi.HttpResponseAware;

/**
 * An error that carries the status of a LivePerson answer, readable by routes as any Camel HTTP error:
 * {@code ${exception.httpResponseCode}}.
 */
public abstract class LivePersonResponseException extends LivePersonConnectorException implements HttpResponseAware {

    private int httpResponseCode;
    private String httpResponseStatus;

    protected LivePersonResponseException(String message, int httpResponseCode, String httpResponseStatus,
                                          Throwable cause) {
        super(message, cause);
        this.httpResponseCode = httpResponseCode;
        this.httpResponseStatus = httpResponseStatus;
    }

    @Override
    public int getHttpResponseCode() {
        return httpResponseCode;
    }

    @Override
    public void setHttpResponseCode(int code) {
        this.httpResponseCode = code;
    }

    @Override
    public String getHttpResponseStatus() {
        return httpResponseStatus;
    }

    @Override
    public void setHttpResponseStatus(String status) {
        this.httpResponseStatus = status;
    }
}
