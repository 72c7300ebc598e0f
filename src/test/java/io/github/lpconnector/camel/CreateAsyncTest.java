package io.github.lpconnector.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.RecordedRequest;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
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
 * retries hold no thread, and every path completes the callback exactly once. The emulator holds answers without a
 * thread of its own, and its threads ({@code le-emulator-*}) are left out of the count.
 */
class CreateAsyncTest extends LivePersonTestSupport {

    private static final int IN_FLIGHT = 100;
    private static final int RATE_LIMITED = 50;
    /** Far less than one thread per exchange. */
    private static final int THREAD_BUDGET = 20;
    /**
     * How long the emulator holds each answer: far longer than the test needs to see all its requests arrive and
     * count the threads, so that every exchange is still in flight while they are counted.
     */
    private static final Duration HOLD = Duration.ofSeconds(6);

    private static long componentSideThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("le-emulator-"))
                .count();
    }

    /** One exchange end to end, so the client's I/O threads and the retry scheduler exist before the baseline. */
    private void warmUp(String uri) {
        assertThat(template.request(uri, e -> e.getMessage().setBody("warm-up")).getException()).isNull();
        EMULATOR.clearRequests();
    }

    @Test
    void hundredRequestsInFlightDoNotHoldAThreadEach() {
        warmUp(CREATE);
        long baseline = componentSideThreads();
        // each CREATE is processed at once, its answer held for HOLD
        EMULATOR.faults().stallShare(1.0, HOLD);

        List<CompletableFuture<Exchange>> futures = sendAll(CREATE, IN_FLIGHT);
        await().atMost(Duration.ofSeconds(20)).until(() -> EMULATOR.faults().injected("stall") == IN_FLIGHT);
        long during = componentSideThreads();
        assertThat(during - baseline).as("threads added with %d requests in flight", IN_FLIGHT)
                .isLessThan(THREAD_BUDGET);
        assertThat(futures).noneMatch(CompletableFuture::isDone);

        Set<String> conversationIds = conversationIds(futures);
        assertThat(conversationIds).hasSize(IN_FLIGHT).doesNotContainNull();
        assertThat(EMULATOR.conversations()).extracting(EmulatedConversation::conversationId)
                .containsAll(conversationIds);
    }

    /**
     * Without the governor each exchange retries its 429 on its own clock, a task on the endpoint's scheduler (with
     * the governor a 429 pauses the account, and the retries wait in its queue: {@link RateGovernorTest}).
     */
    @Test
    void pendingRetriesDoNotHoldAThreadEach() {
        String uri = CREATE + "?rateGovernor=false";
        warmUp(uri);
        long baseline = componentSideThreads();
        // every CREATE is refused with 429 and Retry-After: 1 until each exchange has been refused once
        EMULATOR.faults().statusShare(429, 1.0);

        List<CompletableFuture<Exchange>> futures = sendAll(uri, RATE_LIMITED);
        AtomicLong most = new AtomicLong();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            most.accumulateAndGet(componentSideThreads(), Math::max);
            return statusesByBatch().size() == RATE_LIMITED;
        });
        EMULATOR.faults().clear();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            most.accumulateAndGet(componentSideThreads(), Math::max);
            return futures.stream().allMatch(CompletableFuture::isDone);
        });

        assertThat(most.get() - baseline).as("threads added while %d retries were pending", RATE_LIMITED)
                .isLessThan(THREAD_BUDGET);
        assertThat(conversationIds(futures)).hasSize(RATE_LIMITED);
        // each exchange: refused first, retried with the same batch, created once
        assertThat(statusesByBatch()).hasSize(RATE_LIMITED).allSatisfy((batch, statuses) -> {
            assertThat(statuses.get(0)).as("first answer of %s", batch).isEqualTo(429);
            assertThat(statuses).as("answers of %s", batch).endsWith(200).containsOnlyOnce(200);
        });
    }

    /** The statuses the emulator answered to each CREATE batch (by its first request id), in order. */
    private static Map<String, List<Integer>> statusesByBatch() {
        return requests("create").stream().collect(Collectors.groupingBy(
                r -> r.json().get(0).path("id").asText(), LinkedHashMap::new,
                Collectors.mapping(RecordedRequest::status, Collectors.toList())));
    }

    @Test
    void exchangesBeyondMaxConnectionsWaitForAConnectionWithoutAThreadEach() {
        int connections = 2;
        int exchanges = 12;
        String uri = CREATE + "?maxConnections=" + connections;
        warmUp(uri);
        long baseline = componentSideThreads();
        EMULATOR.faults().stallShare(1.0, HOLD);

        List<CompletableFuture<Exchange>> futures = sendAll(uri, exchanges);
        await().atMost(Duration.ofSeconds(20)).until(() -> requests("create").size() >= connections);
        // the others wait for a pooled connection: none of them reaches the emulator while both answers are held
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> requests("create").size() == connections);
        assertThat(componentSideThreads() - baseline).as("threads added with %d exchanges waiting", exchanges)
                .isLessThan(THREAD_BUDGET);
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        // the two held answers come after HOLD; the exchanges still waiting are then answered at once
        EMULATOR.faults().clear();

        assertThat(conversationIds(futures)).hasSize(exchanges).doesNotContainNull();
        assertThat(EMULATOR.faults().injected("stall")).as("answers held at once").isEqualTo(connections);
        assertThat(requests("create")).hasSize(exchanges);
    }

    /**
     * Each request's deadline is a task on the endpoint's scheduler from the moment it leaves the pace, also while it
     * waits for a pooled connection: more of them than a Camel thread pool profile queues by default (1,000) are
     * all accepted and all complete.
     */
    @Test
    void moreRequestsWaitingThanCamelsDefaultTaskQueueAllComplete() {
        int connections = 2;
        int exchanges = 1_500;
        // without the governor's slow start, every request leaves at once
        String uri = CREATE + "?rateGovernor=false&maxConnections=" + connections;
        warmUp(uri);
        EMULATOR.faults().stallShare(1.0, HOLD);

        List<CompletableFuture<Exchange>> futures = sendAll(uri, exchanges);
        await().atMost(Duration.ofSeconds(20)).until(() -> requests("create").size() >= connections);
        assertThat(futures.stream().filter(CompletableFuture::isDone).count())
                .as("exchanges ended while all but two wait for a connection").isZero();
        EMULATOR.faults().clear();

        assertThat(conversationIds(futures)).hasSize(exchanges).doesNotContainNull();
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
        assertThat(requests()).isEmpty();
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
        // an AppJWT of another account: refused with 401
        Outcome outcome = processDirectly("maxRetries=0&appJwt=RAW(" + EMULATOR.issueAppJwt("87654321") + ")", "hello");

        assertThat(outcome.returnedSync()).isFalse();
        assertThat(outcome.exchange().getException()).isInstanceOf(LivePersonHttpException.class);
        assertThat(EMULATOR.count("create", 401)).isEqualTo(1);
    }

    @Test
    void callbackOnceOnTimeout() throws Exception {
        EMULATOR.faults().stallShare(1.0, null); // never answers

        Outcome outcome = processDirectly("requestTimeout=300", "hello");

        assertThat(outcome.returnedSync()).isFalse();
        assertThat(outcome.exchange().getException()).isInstanceOf(LivePersonTransportException.class);
        assertThat(((LivePersonTransportException) outcome.exchange().getException()).isTimeout()).isTrue();
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
