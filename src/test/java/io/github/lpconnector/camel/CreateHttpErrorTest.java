package io.github.lpconnector.camel;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import io.github.lpconnector.camel.support.MockLivePersonServer;
import io.github.lpconnector.camel.support.MockLivePersonServer.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HttpResponseAware;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP error statuses become {@link LivePersonHttpException} with LivePerson's error details. */
class CreateHttpErrorTest extends LivePersonTestSupport {

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({
            "400, Missing parameter, Brand Id is missing, 40001",
            "401, Invalid AppJWT, expired or invalid, 40102",
            "429, Too many requests, slow down, 42901",
            "500, Internal error, boom, 50001",
            "503, Service unavailable, maintenance, 50301" })
    void errorStatusBecomesHttpResponseAwareException(int status, String title, String details, int errorCode) {
        String body = MockLivePersonServer.errorBody(status, title, details, errorCode);
        server.otherwise(request -> Reply.status(status, body).withHeader("Retry-After", "7"));

        Exchange exchange = create("maxRetries=0", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class)
                .isInstanceOf(HttpResponseAware.class).isInstanceOf(LivePersonConnectorException.class);
        LivePersonHttpException e = (LivePersonHttpException) exchange.getException();
        assertThat(e.getHttpResponseCode()).isEqualTo(status);
        assertThat(e.getResponseBody()).isEqualTo(body);
        assertThat(e.getErrorCode()).isEqualTo(errorCode);
        assertThat(e.getTitle()).isEqualTo(title);
        assertThat(e.getRetryAfterSeconds()).isEqualTo(7L);
        assertThat(e.getAttempts()).isEqualTo(1);
        assertThat(e.getMessage()).contains(String.valueOf(status)).contains(String.valueOf(errorCode)).contains(title);
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNull();
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void errorWithoutJsonBodyStillCarriesStatusAndBody() {
        server.enqueue(Reply.status(400, "Bad Request"));

        Exchange exchange = create("", "hello");

        LivePersonHttpException e = (LivePersonHttpException) exchange.getException();
        assertThat(e.getHttpResponseCode()).isEqualTo(400);
        assertThat(e.getResponseBody()).isEqualTo("Bad Request");
        assertThat(e.getErrorCode()).isNull();
        assertThat(e.getTitle()).isNull();
        assertThat(e.getRetryAfterSeconds()).isNull();
    }

    @Test
    void errorWithEmptyBody() {
        server.enqueue(new Reply(401, java.util.Map.of(), new byte[0]));

        Exchange exchange = create("", "hello");

        LivePersonHttpException e = (LivePersonHttpException) exchange.getException();
        assertThat(e.getHttpResponseCode()).isEqualTo(401);
        assertThat(e.getResponseBody()).isEmpty();
        assertThat(e.getErrorCode()).isNull();
    }

    @Test
    void statusHeaderIsSetOnErrors() {
        server.enqueue(Reply.status(401, MockLivePersonServer.errorBody(401, "Invalid AppJWT", "x", 40102)));

        Exchange exchange = create("", "hello");

        assertThat(exchange.getMessage().getHeader(LivePersonConnectorConstants.HTTP_STATUS)).isEqualTo(401);
    }
}
