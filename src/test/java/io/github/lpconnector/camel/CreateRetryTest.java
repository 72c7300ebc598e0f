package io.github.lpconnector.camel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.lpconnector.camel.emulator.RecordedRequest;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component's own retries: 429 (at least 1 s apart, 5 s for a login call), 502/503/504 and refused connections, bounded by
 * {@code maxRetries}; never 500, 4xx, or a timeout after the request was sent. The emulator's rate limit and fault
 * injection give the refusals; a fixed sequence of statuses comes from WireMock in front of the emulator.
 */
class CreateRetryTest extends LivePersonTestSupport {

    @RegisterExtension
    static final WireMockExtension WIREMOCK = wireMock();

    /** The next CREATE is refused with 429 and {@code Retry-After: 1}; its retry gets through. */
    private void refuseTheNextWith429() {
        EMULATOR.faults().nextStatuses(429);
    }

    private static String newestConversationId() {
        return EMULATOR.conversations().get(EMULATOR.conversations().size() - 1).conversationId();
    }

    @Test
    void tooManyRequestsThenSuccess() {
        refuseTheNextWith429();

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo(newestConversationId());
        List<RecordedRequest> creates = requests("create");
        assertThat(creates).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(creates.get(1).body()).as("the retry sends the same batch").isEqualTo(creates.get(0).body());
    }

    /** With the governor the pace pauses, without it the exchange waits on its own clock: 1 s at least in both. */
    @ParameterizedTest
    @ValueSource(strings = { "", "&rateGovernor=false" })
    void tooManyRequestsWaitsAtLeastOneSecondEvenWhenMaxRetryDelayIsSmaller(String governor) {
        refuseTheNextWith429();

        Exchange exchange = create("retryDelay=10&maxRetryDelay=10" + governor, "hello");

        assertThat(exchange.getException()).isNull();
        List<RecordedRequest> creates = requests("create");
        assertThat(creates).extracting(RecordedRequest::status).containsExactly(429, 200);
        long waitedNanos = creates.get(1).receivedAtNanos() - creates.get(0).receivedAtNanos();
        assertThat(TimeUnit.NANOSECONDS.toMillis(waitedNanos)).as("LivePerson asks for at least 1 s after a 429")
                .isGreaterThanOrEqualTo(1000);
    }

    /** LivePerson asks login-type calls to wait at least 5 s after a 429: the login pace pauses that long. */
    @Test
    void aLoginCallAnswered429IsRetriedNoSoonerThanFiveSecondsLater() {
        EMULATOR.faults().applyToAuthEndpoints(true).nextStatuses(429);

        Exchange exchange = create("retryDelay=10", e -> {
            e.setProperty(PROPERTY_CONSUMER_JWS, ""); // obtained from the IDP: a login-type call comes first
            e.setProperty(PROPERTY_EXT_CONSUMER_ID, "login-consumer");
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isNull();
        RecordedRequest refused = requests().get(0);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.service()).isNotEqualTo("create");
        RecordedRequest retried = requests(refused.service()).get(1);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(retried.receivedAtNanos() - refused.receivedAtNanos()))
                .isGreaterThanOrEqualTo(5000);
    }

    @Test
    void tooManyRequestsForeverIsBounded() {
        EMULATOR.faults().statusShare(429, 1.0); // with Retry-After: 1

        Exchange exchange = create("maxRetries=2", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        LivePersonHttpException e = (LivePersonHttpException) exchange.getException();
        assertThat(e.getHttpResponseCode()).isEqualTo(429);
        assertThat(e.getAttempts()).isEqualTo(3);
        assertThat(e.getRetryAfterSeconds()).isEqualTo(1L);
        assertThat(EMULATOR.count("create", 429)).isEqualTo(3);
        assertThat(EMULATOR.conversations()).isEmpty();
    }

    @Test
    void serviceUnavailableThenSuccess() {
        // WireMock answers 503, 502 and 504, then hands the request on to the emulator
        String state = Scenario.STARTED;
        for (int status : new int[] { 503, 502, 504 }) {
            String next = "after " + status;
            WIREMOCK.stubFor(any(anyUrl()).inScenario("gateway trouble").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(status).withBody("gateway trouble")).willSetStateTo(next));
            state = next;
        }
        WIREMOCK.stubFor(any(anyUrl()).inScenario("gateway trouble").whenScenarioStateIs(state)
                .willReturn(aResponse().proxiedFrom(EMULATOR.baseUri())));

        Exchange exchange = create("retryDelay=10&baseUri=" + WIREMOCK.baseUrl(), "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo(newestConversationId());
        assertThat(WIREMOCK.findAll(postRequestedFor(anyUrl()))).hasSize(4);
        assertThat(EMULATOR.count("create", 200)).isEqualTo(1);
    }

    @Test
    void internalServerErrorIsNotRetried() {
        EMULATOR.faults().statusShare(500, 1.0);

        Exchange exchange = create("retryDelay=10", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        assertThat(((LivePersonHttpException) exchange.getException()).getAttempts()).isEqualTo(1);
        assertStaysAt(1);
    }

    @Test
    void badRequestIsNotRetried() {
        // a brand that is not the account's: 400 40006
        Exchange exchange = create("retryDelay=10&brandId=another-brand", "hello");

        assertThat(((LivePersonHttpException) exchange.getException()).getHttpResponseCode()).isEqualTo(400);
        assertStaysAt(1);
    }

    @Test
    void unauthorizedIsNotRetried() {
        // an AppJWT of another account: 401 40102
        Exchange exchange = create("retryDelay=10", e -> {
            e.setProperty(PROPERTY_APP_JWT, EMULATOR.issueAppJwt("87654321"));
            e.getMessage().setBody("hello");
        });

        assertThat(((LivePersonHttpException) exchange.getException()).getHttpResponseCode()).isEqualTo(401);
        assertThat(((LivePersonHttpException) exchange.getException()).getErrorCode()).isEqualTo(40102);
        assertStaysAt(1);
    }

    @Test
    void maxRetriesZeroDisablesRetries() {
        EMULATOR.faults().statusShare(503, 1.0);

        Exchange exchange = create("retryDelay=10&maxRetries=0", "hello");

        LivePersonHttpException e = (LivePersonHttpException) exchange.getException();
        assertThat(e.getHttpResponseCode()).isEqualTo(503);
        assertThat(e.getAttempts()).isEqualTo(1);
        assertStaysAt(1);
    }

    @Test
    void connectionRefusedIsRetriedThenTransportException() throws IOException {
        int closedPort = closedPort();

        Exchange exchange = create("baseUri=http://127.0.0.1:" + closedPort + "&maxRetries=2&retryDelay=10", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class);
        LivePersonTransportException e = (LivePersonTransportException) exchange.getException();
        assertThat(e.isRequestSent()).isFalse();
        assertThat(e.isTimeout()).isFalse();
        assertThat(e.getAttempts()).isEqualTo(3);
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNull();
    }

    @Test
    void serverThatNeverAnswersTimesOutAndIsNotRetried() {
        EMULATOR.faults().stallShare(1.0, null); // processed, never answered

        Exchange exchange = create("requestTimeout=500&retryDelay=10&maxRetries=3", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class);
        LivePersonTransportException e = (LivePersonTransportException) exchange.getException();
        assertThat(e.isTimeout()).isTrue();
        assertThat(e.isRequestSent()).isTrue();
        assertThat(e.getAttempts()).isEqualTo(1);
        assertStaysAt(1);
        assertThat(EMULATOR.conversations()).as("the request was processed: it must not be sent twice").hasSize(1);
    }

    /** The CREATE count stays at {@code expected} for a while: no retry is scheduled behind our back. */
    private static void assertStaysAt(int expected) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> EMULATOR.count("create") == expected);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
