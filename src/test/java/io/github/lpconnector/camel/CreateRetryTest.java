package io.github.lpconnector.camel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import io.github.lpconnector.camel.support.MockLivePersonServer;
import io.github.lpconnector.camel.support.MockLivePersonServer.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component's own retries: 429 (at least 1 s apart, 5 s for a login call), 502/503/504 and refused connections,
 * bounded by {@code maxRetries}; never 500, 4xx, or a timeout after the request was sent.
 */
class CreateRetryTest extends LivePersonTestSupport {

    private static final String TOO_MANY = MockLivePersonServer.errorBody(429, "Too many requests", "slow down", 42901);

    @Test
    void tooManyRequestsThenSuccess() {
        server.enqueue(Reply.status(429, TOO_MANY).withHeader("Retry-After", "1"));
        server.otherwise(MockLivePersonServer.conversationCreated("conv-after-429"));

        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo("conv-after-429");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(server.requests().get(1).body()).as("the retry sends the same batch")
                .isEqualTo(server.requests().get(0).body());
    }

    /** With the governor the pace pauses, without it the exchange waits on its own clock: 1 s at least in both. */
    @ParameterizedTest
    @ValueSource(strings = { "", "&rateGovernor=false" })
    void tooManyRequestsWaitsAtLeastOneSecondEvenWhenMaxRetryDelayIsSmaller(String governor) {
        server.enqueue(Reply.status(429, TOO_MANY));
        server.otherwise(MockLivePersonServer.conversationCreated("conv-floor"));

        Exchange exchange = create("retryDelay=10&maxRetryDelay=10" + governor, "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(server.requestCount()).isEqualTo(2);
        long waitedNanos = server.requests().get(1).receivedAtNanos() - server.requests().get(0).receivedAtNanos();
        assertThat(TimeUnit.NANOSECONDS.toMillis(waitedNanos)).as("LivePerson asks for at least 1 s after a 429")
                .isGreaterThanOrEqualTo(1000);
    }

    /** LivePerson asks login-type calls to wait at least 5 s after a 429: the login pace pauses that long. */
    @Test
    void aLoginCallAnswered429IsRetriedNoSoonerThanFiveSecondsLater() {
        AtomicInteger lookups = new AtomicInteger();
        server.otherwise(request -> {
            if (request.path().contains("/service/")) {
                return lookups.incrementAndGet() == 1 ? Reply.status(429, TOO_MANY).withHeader("Retry-After", "1")
                        : Reply.json(200, Map.of("baseURIs", List.of()));
            }
            if (request.path().endsWith("/consumer")) {
                return Reply.json(200, Map.of("token", "obtained.consumer.jws"));
            }
            return MockLivePersonServer.conversationCreated(request);
        });

        Exchange exchange = create("retryDelay=10", e -> {
            e.setProperty(PROPERTY_CONSUMER_JWS, ""); // obtained from the IDP, so the Domain API is asked first
            e.setProperty(PROPERTY_EXT_CONSUMER_ID, "login-consumer");
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isNull();
        assertThat(lookups.get()).isEqualTo(2);
        long waitedNanos = server.requests().get(1).receivedAtNanos() - server.requests().get(0).receivedAtNanos();
        assertThat(TimeUnit.NANOSECONDS.toMillis(waitedNanos)).isGreaterThanOrEqualTo(5000);
    }

    @Test
    void tooManyRequestsForeverIsBounded() {
        server.otherwise(request -> Reply.status(429, TOO_MANY).withHeader("Retry-After", "1"));

        Exchange exchange = create("maxRetries=2", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        LivePersonHttpException e = (LivePersonHttpException) exchange.getException();
        assertThat(e.getHttpResponseCode()).isEqualTo(429);
        assertThat(e.getAttempts()).isEqualTo(3);
        assertThat(e.getRetryAfterSeconds()).isEqualTo(1L);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void serviceUnavailableThenSuccess() {
        server.enqueue(Reply.status(503, "unavailable"), Reply.status(502, "bad gateway"), Reply.status(504, "timeout"));
        server.otherwise(MockLivePersonServer.conversationCreated("conv-after-5xx"));

        Exchange exchange = create("retryDelay=10", "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo("conv-after-5xx");
        assertThat(server.requestCount()).isEqualTo(4);
    }

    @Test
    void internalServerErrorIsNotRetried() {
        server.otherwise(request -> Reply.status(500, "boom"));

        Exchange exchange = create("retryDelay=10", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        assertThat(((LivePersonHttpException) exchange.getException()).getAttempts()).isEqualTo(1);
        assertStaysAt(1);
    }

    @Test
    void badRequestIsNotRetried() {
        server.otherwise(request -> Reply.status(400, "bad"));

        Exchange exchange = create("retryDelay=10", "hello");

        assertThat(((LivePersonHttpException) exchange.getException()).getHttpResponseCode()).isEqualTo(400);
        assertStaysAt(1);
    }

    @Test
    void unauthorizedIsNotRetried() {
        server.otherwise(request -> Reply.status(401, MockLivePersonServer.errorBody(401, "Invalid AppJWT", "x", 40102)));

        Exchange exchange = create("retryDelay=10", "hello");

        assertThat(((LivePersonHttpException) exchange.getException()).getHttpResponseCode()).isEqualTo(401);
        assertStaysAt(1);
    }

    @Test
    void maxRetriesZeroDisablesRetries() {
        server.otherwise(request -> Reply.status(503, "unavailable"));

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
    void serverThatNeverAnswersTimesOutAndIsNotRetried() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Exchange exchange = create("baseUri=http://127.0.0.1:" + silent.port()
                                       + "&requestTimeout=500&retryDelay=10&maxRetries=3", "hello");

            assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class);
            LivePersonTransportException e = (LivePersonTransportException) exchange.getException();
            assertThat(e.isTimeout()).isTrue();
            assertThat(e.isRequestSent()).isTrue();
            assertThat(e.getAttempts()).isEqualTo(1);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> silent.accepted.get() == 1);
        }
    }

    /** The request count stays at {@code expected} for a while: no retry is scheduled behind our back. */
    private void assertStaysAt(int expected) {
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> server.requestCount() == expected);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Accepts connections, reads nothing, answers nothing (camel-opa's OpaRestTransportTest pattern). */
    static final class SilentServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();
        final List<Socket> clients = new CopyOnWriteArrayList<>();
        final Thread acceptor;

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        clients.add(socket.accept());
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, MockLivePersonServer.THREAD_PREFIX + "silent");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
