package io.github.lpconnector.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import io.github.lpconnector.camel.support.MockLivePersonServer;
import io.github.lpconnector.camel.support.MockLivePersonServer.Reply;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producer is asynchronous for real: requests in flight, exchanges waiting for a pooled connection and pending
 * retries hold no thread, and every path completes the callback exactly once.
 */
class CreateAsyncTest extends LivePersonTestSupport {

    private static final int IN_FLIGHT = 100;
    private static final int RATE_LIMITED = 50;
    /** Far less than one thread per exchange. */
    private static final int THREAD_BUDGET = 20;

    @Override
    protected MockLivePersonServer newServer() {
        try {
            return MockLivePersonServer.start(IN_FLIGHT + 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long componentSideThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !MockLivePersonServer.isServerThread(t))
                .count();
    }

    /** One exchange end to end, so the client's I/O threads and the retry scheduler exist before the baseline. */
    private void warmUp() {
        assertThat(create("", "warm-up").getException()).isNull();
    }

    @Test
    void hundredRequestsInFlightDoNotHoldAThreadEach() {
        CountDownLatch release = new CountDownLatch(1);
        server.otherwise(request -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return MockLivePersonServer.conversationCreated(request);
        });
        server.enqueue(MockLivePersonServer::conversationCreated);
        warmUp();
        long baseline = componentSideThreads();

        List<CompletableFuture<Exchange>> futures = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            String text = "message " + i;
            futures.add(template.asyncSend(CREATE, e -> e.getMessage().setBody(text)));
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.requestCount() == IN_FLIGHT + 1);
            long during = componentSideThreads();
            assertThat(during - baseline).as("threads added with %d requests in flight", IN_FLIGHT)
                    .isLessThan(THREAD_BUDGET);
            assertThat(futures).noneMatch(CompletableFuture::isDone);
        } finally {
            release.countDown();
        }

        Set<String> conversationIds = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<Exchange> future : futures) {
            Exchange exchange = future.orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(exchange.getException()).isNull();
            conversationIds.add(exchange.getMessage().getHeader(CONVERSATION_ID, String.class));
        }
        assertThat(conversationIds).hasSize(IN_FLIGHT).doesNotContainNull();
    }

    @Test
    void pendingRetriesDoNotHoldAThreadEach() {
        Set<String> rateLimitedOnce = ConcurrentHashMap.newKeySet();
        server.otherwise(request -> {
            String firstId = request.json().get(0).path("id").asText();
            if (rateLimitedOnce.add(firstId)) {
                return Reply.status(429, "{}").withHeader("Retry-After", "1");
            }
            return MockLivePersonServer.conversationCreated(request);
        });
        server.enqueue(MockLivePersonServer::conversationCreated);
        warmUp();
        long baseline = componentSideThreads();

        List<CompletableFuture<Exchange>> futures = new ArrayList<>();
        for (int i = 0; i < RATE_LIMITED; i++) {
            futures.add(template.asyncSend(CREATE, e -> e.getMessage().setBody("hello")));
        }
        AtomicLong most = new AtomicLong();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            most.accumulateAndGet(componentSideThreads(), Math::max);
            return futures.stream().allMatch(CompletableFuture::isDone);
        });

        assertThat(most.get() - baseline).as("threads added while %d retries were pending", RATE_LIMITED)
                .isLessThan(THREAD_BUDGET);
        Set<String> conversationIds = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<Exchange> future : futures) {
            Exchange exchange = future.join();
            assertThat(exchange.getException()).isNull();
            conversationIds.add(exchange.getMessage().getHeader(CONVERSATION_ID, String.class));
        }
        assertThat(conversationIds).hasSize(RATE_LIMITED);
        assertThat(server.requestCount()).isEqualTo(1 + 2 * RATE_LIMITED);
    }

    @Test
    void exchangesBeyondMaxConnectionsWaitForAConnectionWithoutAThreadEach() {
        int connections = 2;
        int exchanges = 12;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger onTheWire = new AtomicInteger();
        AtomicInteger mostOnTheWire = new AtomicInteger();
        server.otherwise(request -> {
            mostOnTheWire.accumulateAndGet(onTheWire.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                onTheWire.decrementAndGet();
            }
            return MockLivePersonServer.conversationCreated(request);
        });
        String uri = CREATE + "?maxConnections=" + connections;
        server.enqueue(MockLivePersonServer::conversationCreated);
        assertThat(template.request(uri, e -> e.getMessage().setBody("warm-up")).getException()).isNull();
        long baseline = componentSideThreads();

        List<CompletableFuture<Exchange>> futures = new ArrayList<>();
        for (int i = 0; i < exchanges; i++) {
            String text = "message " + i;
            futures.add(template.asyncSend(uri, e -> e.getMessage().setBody(text)));
        }
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.requestCount() >= 1 + connections);
            // the others wait for a pooled connection: none of them reaches the server while both are held
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> server.requestCount() == 1 + connections);
            assertThat(componentSideThreads() - baseline).as("threads added with %d exchanges waiting", exchanges)
                    .isLessThan(THREAD_BUDGET);
            assertThat(futures).noneMatch(CompletableFuture::isDone);
        } finally {
            release.countDown();
        }

        Set<String> conversationIds = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<Exchange> future : futures) {
            Exchange exchange = future.orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(exchange.getException()).isNull();
            conversationIds.add(exchange.getMessage().getHeader(CONVERSATION_ID, String.class));
        }
        assertThat(conversationIds).hasSize(exchanges).doesNotContainNull();
        assertThat(mostOnTheWire.get()).isEqualTo(connections);
        assertThat(server.requestCount()).isEqualTo(1 + exchanges);
    }

    // ---- the callback, exactly once on every path -----------------------------------------------------------

    /** Counts the calls of {@link AsyncCallback#done}. */
    private static final class CountingCallback implements AsyncCallback {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void done(boolean doneSync) {
            calls.incrementAndGet();
        }
    }

    private record Outcome(boolean returnedSync, CountingCallback callback, Exchange exchange) {
    }

    private Outcome processDirectly(String options, Object body) throws Exception {
        AsyncProducer producer = context.getEndpoint(CREATE + "?" + options).createAsyncProducer();
        ServiceHelper.startService(producer);
        try {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(body);
            CountingCallback callback = new CountingCallback();
            boolean sync = producer.process(exchange, callback);
            await().atMost(Duration.ofSeconds(10)).until(() -> callback.calls.get() >= 1);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> callback.calls.get() == 1);
            return new Outcome(sync, callback, exchange);
        } finally {
            ServiceHelper.stopService(producer);
        }
    }

    @Test
    void callbackOnceOnValidationFailureSynchronously() throws Exception {
        Outcome outcome = processDirectly("maxRetries=0", 42);

        assertThat(outcome.returnedSync()).isTrue();
        assertThat(outcome.callback().calls.get()).isEqualTo(1);
        assertThat(outcome.exchange().getException()).isInstanceOf(LivePersonValidationException.class);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void callbackOnceOnSuccess() throws Exception {
        Outcome outcome = processDirectly("maxRetries=0", "hello");

        assertThat(outcome.returnedSync()).isFalse();
        assertThat(outcome.exchange().getException()).isNull();
        assertThat(outcome.exchange().getMessage().getHeader(CONVERSATION_ID)).isNotNull();
    }

    @Test
    void callbackOnceOnHttpError() throws Exception {
        server.otherwise(request -> Reply.status(401, "{}"));

        Outcome outcome = processDirectly("maxRetries=0", "hello");

        assertThat(outcome.returnedSync()).isFalse();
        assertThat(outcome.exchange().getException()).isInstanceOf(LivePersonHttpException.class);
    }

    @Test
    void callbackOnceOnTimeout() throws Exception {
        try (CreateRetryTest.SilentServer silent = new CreateRetryTest.SilentServer()) {
            Outcome outcome = processDirectly("baseUri=http://127.0.0.1:" + silent.port() + "&requestTimeout=300", "hello");

            assertThat(outcome.returnedSync()).isFalse();
            assertThat(outcome.exchange().getException()).isInstanceOf(LivePersonTransportException.class);
            assertThat(((LivePersonTransportException) outcome.exchange().getException()).isTimeout()).isTrue();
        }
    }

    @Test
    void callbackOnceOnConnectionRefused() throws Exception {
        Outcome outcome = processDirectly("baseUri=http://127.0.0.1:" + CreateRetryTest.closedPort()
                                          + "&maxRetries=1&retryDelay=10", "hello");

        assertThat(outcome.returnedSync()).isFalse();
        assertThat(outcome.exchange().getException()).isInstanceOf(LivePersonTransportException.class);
        assertThat(((LivePersonTransportException) outcome.exchange().getException()).getAttempts()).isEqualTo(2);
    }
}
