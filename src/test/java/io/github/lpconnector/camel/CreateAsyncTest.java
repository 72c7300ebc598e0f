package io.github.lpconnector.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import io.github.lpconnector.camel.support.MockLivePersonServer.RecordedRequest;
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
        HeldAnswers held = new HeldAnswers();
        server.otherwise(held::answer);
        server.enqueue(MockLivePersonServer::conversationCreated);
        warmUp();
        long baseline = componentSideThreads();

        List<CompletableFuture<Exchange>> futures = sendAll(CREATE, IN_FLIGHT);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.requestCount() == IN_FLIGHT + 1);
            long during = componentSideThreads();
            assertThat(during - baseline).as("threads added with %d requests in flight", IN_FLIGHT)
                    .isLessThan(THREAD_BUDGET);
            assertThat(futures).noneMatch(CompletableFuture::isDone);
        } finally {
            held.release.countDown();
        }

        assertThat(conversationIds(futures)).hasSize(IN_FLIGHT).doesNotContainNull();
    }

    /**
     * Without the governor each exchange retries its 429 on its own clock, a task on the endpoint's scheduler (with
     * the governor a 429 pauses the account, and the retries wait in its queue: {@link RateGovernorTest}).
     */
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
        String uri = CREATE + "?rateGovernor=false";
        server.enqueue(MockLivePersonServer::conversationCreated);
        assertThat(template.request(uri, e -> e.getMessage().setBody("warm-up")).getException()).isNull();
        long baseline = componentSideThreads();

        List<CompletableFuture<Exchange>> futures = sendAll(uri, RATE_LIMITED);
        AtomicLong most = new AtomicLong();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            most.accumulateAndGet(componentSideThreads(), Math::max);
            return futures.stream().allMatch(CompletableFuture::isDone);
        });

        assertThat(most.get() - baseline).as("threads added while %d retries were pending", RATE_LIMITED)
                .isLessThan(THREAD_BUDGET);
        assertThat(conversationIds(futures)).hasSize(RATE_LIMITED);
        assertThat(server.requestCount()).isEqualTo(1 + 2 * RATE_LIMITED);
    }

    @Test
    void exchangesBeyondMaxConnectionsWaitForAConnectionWithoutAThreadEach() {
        int connections = 2;
        int exchanges = 12;
        HeldAnswers held = new HeldAnswers();
        server.otherwise(held::answer);
        String uri = CREATE + "?maxConnections=" + connections;
        server.enqueue(MockLivePersonServer::conversationCreated);
        assertThat(template.request(uri, e -> e.getMessage().setBody("warm-up")).getException()).isNull();
        long baseline = componentSideThreads();

        List<CompletableFuture<Exchange>> futures = sendAll(uri, exchanges);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.requestCount() >= 1 + connections);
            // the others wait for a pooled connection: none of them reaches the server while both are held
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> server.requestCount() == 1 + connections);
            assertThat(componentSideThreads() - baseline).as("threads added with %d exchanges waiting", exchanges)
                    .isLessThan(THREAD_BUDGET);
            assertThat(futures).noneMatch(CompletableFuture::isDone);
        } finally {
            held.release.countDown();
        }

        assertThat(conversationIds(futures)).hasSize(exchanges).doesNotContainNull();
        assertThat(held.mostAtOnce.get()).isEqualTo(connections);
        assertThat(server.requestCount()).isEqualTo(1 + exchanges);
    }

    /** The server's answers, each held until {@link #release} (30 s at most), counting how many it holds at once. */
    private static final class HeldAnswers {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger holding = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        Reply answer(RecordedRequest request) {
            mostAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                holding.decrementAndGet();
            }
            return MockLivePersonServer.conversationCreated(request);
        }
    }

    /** Hands {@code count} exchanges to {@code uri} without waiting, each with its own text. */
    private List<CompletableFuture<Exchange>> sendAll(String uri, int count) {
        List<CompletableFuture<Exchange>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "message " + i;
            futures.add(template.asyncSend(uri, e -> e.getMessage().setBody(text)));
        }
        return futures;
    }

    /** The conversation ids of the completed exchanges, each checked to have succeeded. */
    private static Set<String> conversationIds(List<CompletableFuture<Exchange>> futures) {
        Set<String> conversationIds = new HashSet<>();
        for (CompletableFuture<Exchange> future : futures) {
            Exchange exchange = future.orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(exchange.getException()).isNull();
            conversationIds.add(exchange.getMessage().getHeader(CONVERSATION_ID, String.class));
        }
        return conversationIds;
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
