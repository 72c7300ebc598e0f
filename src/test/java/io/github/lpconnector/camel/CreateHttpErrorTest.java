package io.github.lpconnector.camel;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HttpResponseAware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP error statuses become {@link LivePersonHttpException} with LivePerson's error details. WireMock gives the
 * exact error bodies and headers (a Retry-After on every status, no body, a body that is not JSON); the emulator a
 * real refusal.
 */
class CreateHttpErrorTest extends LivePersonTestSupport {

    @RegisterExtension
    static final WireMockExtension WIREMOCK = wireMock();

    private Exchange createAgainstWireMock(String options) {
        return create("baseUri=" + WIREMOCK.baseUrl() + (options.isEmpty() ? "" : "&" + options), "hello");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({
            "400, Missing parameter, Brand Id is missing, 40001",
            "401, Invalid AppJWT, expired or invalid, 40102",
            "429, Too many requests, slow down, 42901",
            "500, Internal error, boom, 50001",
            "503, Service unavailable, maintenance, 50301" })
    void errorStatusBecomesHttpResponseAwareException(int status, String title, String details, int errorCode) {
        String body = errorBody(status, title, details, errorCode);
        WIREMOCK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7").withBody(body)));

        Exchange exchange = createAgainstWireMock("maxRetries=0");

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
        assertThat(WIREMOCK.findAll(postRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void errorWithoutJsonBodyStillCarriesStatusAndBody() {
        WIREMOCK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400).withBody("Bad Request")));

        Exchange exchange = createAgainstWireMock("");

        LivePersonHttpException e = (LivePersonHttpException) exchange.getException();
        assertThat(e.getHttpResponseCode()).isEqualTo(400);
        assertThat(e.getResponseBody()).isEqualTo("Bad Request");
        assertThat(e.getErrorCode()).isNull();
        assertThat(e.getTitle()).isNull();
        assertThat(e.getRetryAfterSeconds()).isNull();
    }

    @Test
    void errorWithEmptyBody() {
        WIREMOCK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)));

        Exchange exchange = createAgainstWireMock("");

        LivePersonHttpException e = (LivePersonHttpException) exchange.getException();
        assertThat(e.getHttpResponseCode()).isEqualTo(401);
        assertThat(e.getResponseBody()).isEmpty();
        assertThat(e.getErrorCode()).isNull();
    }

    @Test
    void statusHeaderIsSetOnErrors() {
        // an AppJWT of another account: the emulator refuses it, 401 40102
        Exchange exchange = create("", e -> {
            e.setProperty(PROPERTY_APP_JWT, EMULATOR.issueAppJwt("87654321"));
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getMessage().getHeader(LivePersonConnectorConstants.HTTP_STATUS)).isEqualTo(401);
        assertThat(((LivePersonHttpException) exchange.getException()).getErrorCode()).isEqualTo(40102);
        assertThat(EMULATOR.count("create", 401)).isEqualTo(1);
    }
}
