package io.github.lpconnector.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.lpconnector.camel.LivePersonThrottledException.Reason;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.internal.CallStatistics;
import io.github.lpconnector.camel.support.GovernedContext;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exchanges waiting for their account's turn: bounded by {@code maxQueuedRequests} and {@code maxQueueWait} with the
 * typed, retryable {@link LivePersonThrottledException}, holding no thread, and each callback completed exactly once
 * when the wait times out or the endpoint or the context stops. The pace is held at one request a second, so that
 * every exchange after the first waits while the test looks.
 */
class RateGovernorQueueTest {

    static final String ACCOUNT = "72000001";
    static final String ONE_PER_SECOND = "maxRequestsPerSecond=1";
    /** Far less than one thread per waiting exchange. */
    static final int THREAD_BUDGET = 20;

    static LiveEngageEmulator emulator;
    GovernedContext instance;

    @BeforeAll
    static void startEmulator() {
        emulator = LiveEngageEmulator.builder().multipleOpenConversations(true).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void start() throws Exception {
        emulator.reset();
        instance = GovernedContext.start(emulator);
    }

    @AfterEach
    void stop() {
        instance.close();
    }

    /** Counts the calls of {@link AsyncCallback#done}. */
    static final class CountingCallback implements AsyncCallback {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void done(boolean doneSync) {
            calls.incrementAndGet();
        }
    }

    record Handed(Exchange exchange, CountingCallback callback) {
        boolean done() {
            return callback.calls.get() > 0;
        }
    }

    /** Hands {@code count} exchanges to a started producer of the endpoint from this thread, one after the other. */
    private List<Handed> process(AsyncProducer producer, int count) {
        List<Handed> handed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Exchange exchange = instance.newExchange(ACCOUNT, "message " + i);
            CountingCallback callback = new CountingCallback();
            producer.process(exchange, callback);
            handed.add(new Handed(exchange, callback));
        }
        return handed;
    }

    private AsyncProducer producer(String options) throws Exception {
        AsyncProducer producer = instance.endpoint(ACCOUNT, options).createAsyncProducer();
        ServiceHelper.startService(producer);
        return producer;
    }

    /** Every callback was called, and stays at exactly one call. */
    private static void completedOnce(List<Handed> handed) {
        await().atMost(Duration.ofSeconds(20)).until(() -> handed.stream().allMatch(Handed::done));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> handed.stream().allMatch(h -> h.callback().calls.get() == 1));
    }

    private static LivePersonThrottledException throttled(Handed handed) {
        assertThat(handed.exchange().getException()).isInstanceOf(LivePersonThrottledException.class);
        return (LivePersonThrottledException) handed.exchange().getException();
    }

    @Test
    void aFullQueueRefusesAtOnceWithTheTypedError() throws Exception {
        AsyncProducer producer = producer(ONE_PER_SECOND + "&maxQueuedRequests=3");

        List<Handed> handed = process(producer, 10);

        // the first left at once, three wait, and the other six were refused before process() returned
        assertThat(handed.subList(4, 10)).allSatisfy(h -> {
            assertThat(h.callback().calls.get()).isEqualTo(1);
            LivePersonThrottledException e = throttled(h);
            assertThat(e.getReason()).isEqualTo(Reason.QUEUE_FULL);
            assertThat(e.getAccountId()).isEqualTo(ACCOUNT);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains(ACCOUNT).contains("maxQueuedRequests")
                    .doesNotContain(String.valueOf(h.exchange().getProperty(PROPERTY_APP_JWT)))
                    .doesNotContain(String.valueOf(h.exchange().getProperty(PROPERTY_CONSUMER_JWS)));
        });
        assertThat(handed.subList(1, 4)).noneMatch(Handed::done);
        completedOnce(handed);
        assertThat(handed.subList(0, 4)).allSatisfy(h -> assertThat(h.exchange().getException()).isNull());
        assertThat(emulator.count("create")).as("refused exchanges send nothing").isEqualTo(4);
        assertThat(instance.statistics(ACCOUNT, ONE_PER_SECOND + "&maxQueuedRequests=3").toMap())
                .containsEntry("paceRefused", 6L);
    }

    @Test
    void aWaitLongerThanMaxQueueWaitFailsWithTheTypedErrorAndTheCallbackOnce() throws Exception {
        AsyncProducer producer = producer(ONE_PER_SECOND + "&maxQueueWait=300");

        List<Handed> handed = process(producer, 3);

        completedOnce(handed);
        assertThat(handed.get(0).exchange().getException()).isNull();
        assertThat(handed.subList(1, 3)).allSatisfy(h -> assertThat(throttled(h).getReason())
                .isEqualTo(Reason.QUEUE_WAIT));
        assertThat(emulator.count("create")).isEqualTo(1);
    }

    @Test
    void waitingExchangesHoldNoThreadAndTheContextStoppingCompletesEachOnce() throws Exception {
        AsyncProducer producer = producer(ONE_PER_SECOND);
        process(producer, 1); // the endpoint's threads and the pace's scheduler exist before the baseline
        long baseline = threads();

        List<Handed> handed = process(producer, 200);

        // one a second leaves meanwhile, the rest wait
        assertThat(queued(ONE_PER_SECOND)).isGreaterThan(190);
        assertThat(threads() - baseline).as("threads added with 200 exchanges waiting").isLessThan(THREAD_BUDGET);
        assertThat(handed.stream().filter(Handed::done).count()).isLessThan(10);

        instance.context().stop();

        completedOnce(handed);
        assertThat(handed.stream().filter(h -> h.exchange().getException() != null)).hasSizeGreaterThan(190)
                .allSatisfy(h -> assertThat(throttled(h).getReason()).isEqualTo(Reason.STOPPED));
    }

    @Test
    void anEndpointStoppingCompletesItsWaitingExchangesOnceAndLeavesTheOthersWaiting() throws Exception {
        String other = ONE_PER_SECOND + "&maxQueueWait=30000"; // another endpoint of the same account
        AsyncProducer stopping = producer(ONE_PER_SECOND);
        AsyncProducer staying = producer(other);
        List<Handed> first = process(stopping, 3);
        List<Handed> second = process(staying, 2);

        instance.endpoint(ACCOUNT, ONE_PER_SECOND).stop();

        completedOnce(first.subList(1, 3));
        assertThat(first.subList(1, 3)).allSatisfy(h -> assertThat(throttled(h).getReason())
                .isEqualTo(Reason.STOPPED));
        // the other endpoint's exchanges waited on at the account's pace, and went
        completedOnce(second);
        assertThat(second).allSatisfy(h -> assertThat(h.exchange().getException()).isNull());
    }

    @Test
    void healthConsoleAndMetricsShowThePaceOfTheAccount() throws Exception {
        String options = ONE_PER_SECOND + "&maxQueuedRequests=2";
        AsyncProducer producer = producer(options);
        List<Handed> handed = process(producer, 3);

        CallStatistics statistics = instance.statistics(ACCOUNT, options);
        assertThat(statistics.health().up()).isFalse();
        assertThat(statistics.health().reason()).contains("queue is full");
        assertThat(statistics.toMap()).containsEntry("paceRequestsPerSecond", 1.0).containsEntry("paceQueued", 2)
                .containsKeys("pacePauses", "paceHttp429", "pacePausedMillis");
        String console = new LivePersonConnectorDevConsole() {
            {
                setCamelContext(instance.context());
            }

            String text() {
                return doCallText(Map.of());
            }
        }.text();
        assertThat(console).contains("Account: " + ACCOUNT).contains("paceRequestsPerSecond: 1.0")
                .contains("paceQueued: 2");
        assertThat(instance.meters().get("liveperson.connector.pace.queued").tag("accountId", ACCOUNT)
                .tag("pace", "messaging").gauge().value()).isEqualTo(2.0);
        assertThat(instance.meters().get("liveperson.connector.pace.rate").tag("accountId", ACCOUNT).gauge().value())
                .isEqualTo(1.0);

        completedOnce(handed);
        assertThat(statistics.health().up()).isTrue();
    }

    private int queued(String options) {
        return (int) instance.statistics(ACCOUNT, options).toMap().getOrDefault("paceQueued", 0);
    }

    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("le-emulator")).count();
    }
}
