package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.lpconnector.camel.emulator.WebhookReceiver.Received;

/** The retry policies (liveperson-webhooks.md §3): answers that count, max_retries, time-to-live, timeouts. */
class WebhookRetryTest {

    static final String ACCOUNT = "42";
    static final Duration INTERVAL = Duration.ofMillis(20);
    @RegisterExtension
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(
            b -> b.webhooks(w -> w.retryInterval(INTERVAL)));

    EmulatorClient client;

    @BeforeEach
    void client() {
        client = new EmulatorClient(EMULATOR.emulator());
        RECEIVER.answer(r -> 200);
    }

    /** Only ContentEvents, to {@code path}, with {@code maxRetries}. */
    void contentTo(String path, int maxRetries) {
        EMULATOR.webhooks().register(WebhookRegistrations.none().withRetryInterval(INTERVAL).with(
                WebhookRegistrations.CONTENT_EVENT, WebhookEndpoint.of(RECEIVER.url(path)).withMaxRetries(maxRetries)));
    }

    List<Received> at(String path) {
        return RECEIVER.complete().stream().filter(r -> r.target().equals(path)).toList();
    }

    @Test
    void retriesUpToMaxRetriesWithTheSameBytesAndSignature() {
        contentTo("/retry", 2);
        AtomicInteger calls = new AtomicInteger();
        RECEIVER.answer(r -> calls.incrementAndGet() < 3 ? 503 : 200);
        String conv = client.open(ACCOUNT, "a", "hello");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        List<WebhookDelivery> log = EMULATOR.webhooks().deliveries(conv);
        assertThat(log).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3);
        assertThat(log).extracting(WebhookDelivery::status).containsExactly(503, 503, 200);
        assertThat(log).extracting(WebhookDelivery::notificationId).containsOnly(log.get(0).notificationId());
        List<Received> got = at("/retry");
        assertThat(got).hasSize(3);
        assertThat(got).extracting(Received::text).containsOnly(got.get(0).text());
        assertThat(got).extracting(r -> r.header(WebhookSignature.SIGNATURE_HEADER))
                .containsOnly(got.get(0).header(WebhookSignature.SIGNATURE_HEADER));
        assertThat(EMULATOR.webhooks().count("retries")).isEqualTo(2);
        assertThat(EMULATOR.webhooks().count("delivered")).isEqualTo(1);
        assertThat(EMULATOR.webhooks().count("answer 503")).isEqualTo(2);
    }

    @Test
    void noRetryByDefaultAndA204IsAFailure() {
        contentTo("/no-retry", 0);
        RECEIVER.answer(r -> 204);
        String conv = client.open(ACCOUNT, "b", "hello");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(EMULATOR.webhooks().deliveries(conv)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(204);
            assertThat(d.delivered()).isFalse();
            assertThat(d.outcome()).isEqualTo("answer 204");
        });
        assertThat(at("/no-retry")).hasSize(1);
        assertThat(EMULATOR.webhooks().count("given up")).isEqualTo(1);
        assertThat(EMULATOR.webhooks().count("delivered")).isZero();
        assertThat(EMULATOR.webhooks().count("retries")).isZero();
    }

    @Test
    void givesUpOnceMaxRetriesAreSpentAnd201Counts() {
        contentTo("/give-up", 1);
        RECEIVER.answer(r -> r.change().path("sequence").asLong() == 0 ? 500 : 201);
        String conv = client.open(ACCOUNT, "c", "first");
        EMULATOR.agent().accept(conv).say(conv, "second");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(EMULATOR.webhooks().deliveries(conv)).filteredOn(d -> d.sequence() == 0)
                .extracting(WebhookDelivery::status).containsExactly(500, 500);
        assertThat(EMULATOR.webhooks().deliveries(conv)).filteredOn(d -> d.sequence() == 1).singleElement()
                .satisfies(d -> assertThat(d.delivered()).isTrue());
        assertThat(EMULATOR.webhooks().count(WebhookRegistrations.CONTENT_EVENT + " given up")).isEqualTo(1);
        assertThat(EMULATOR.webhooks().count(WebhookRegistrations.CONTENT_EVENT + " delivered")).isEqualTo(1);
    }

    @Test
    void numberBasedRetriesAreBestEffortOrderLaterNotificationsOvertake() {
        EMULATOR.webhooks().register(WebhookRegistrations.none().withRetryInterval(Duration.ofMillis(500)).with(
                WebhookRegistrations.CONTENT_EVENT, WebhookEndpoint.of(RECEIVER.url("/order-n")).withMaxRetries(5)));
        AtomicInteger laterDelivered = new AtomicInteger();
        RECEIVER.answer(r -> {
            if (r.sequence() > 0) {
                laterDelivered.incrementAndGet();
                return 200;
            }
            return laterDelivered.get() < 3 ? 503 : 200; // the first fails until the three later ones are in
        });
        String conv = client.open(ACCOUNT, "d", "first");
        EMULATOR.agent().accept(conv).say(conv, "one");
        EMULATOR.agent().say(conv, "two");
        EMULATOR.agent().say(conv, "three");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        List<Long> deliveredOrder = EMULATOR.webhooks().deliveries(conv).stream().filter(WebhookDelivery::delivered)
                .map(WebhookDelivery::sequence).toList();
        assertThat(deliveredOrder).containsExactly(1L, 2L, 3L, 0L);
    }

    @Test
    void timeToLiveRetentionKeepsTheOrderWithinAConversation() {
        EMULATOR.webhooks().register(WebhookRegistrations.allTypes(RECEIVER.url("/order-ttl"))
                .withRetentionTime(Duration.ofMinutes(5)).withRetryInterval(INTERVAL));
        AtomicInteger firstAttempts = new AtomicInteger();
        RECEIVER.answer(r -> r.sequence() == 0 && firstAttempts.incrementAndGet() <= 3 ? 503 : 200);
        String conv = client.open(ACCOUNT, "e", "first");
        EMULATOR.agent().accept(conv).say(conv, "one");
        EMULATOR.agent().say(conv, "two");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(at("/order-ttl")).filteredOn(r -> r.conversationId().equals(conv))
                .extracting(r -> r.json().path("type").asText().substring(0, 3) + r.sequence())
                .containsExactly("cqm-1", "ms.0", "ms.0", "ms.0", "ms.0", "cqm-1", "ms.1", "ms.2");
        assertThat(EMULATOR.webhooks().count("given up")).isZero();
    }

    @Test
    void timeToLiveGivesUpOnceTheRetentionTimeIsOver() {
        EMULATOR.webhooks().register(WebhookRegistrations.none().with(WebhookRegistrations.CONTENT_EVENT,
                WebhookEndpoint.of(RECEIVER.url("/ttl-expire"))).withRetentionTime(Duration.ofMillis(200))
                .withRetryInterval(Duration.ofMillis(50)));
        RECEIVER.answer(r -> 503);
        String conv = client.open(ACCOUNT, "f", "lost");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(EMULATOR.webhooks().deliveries(conv)).hasSizeGreaterThanOrEqualTo(2)
                .noneMatch(WebhookDelivery::delivered);
        assertThat(EMULATOR.webhooks().count("given up")).isEqualTo(1);
    }

    @Test
    void anAnswerLaterThanTheReadTimeoutFailsAndTheRetryDeliversItTwice() throws Exception {
        CountDownLatch late = new CountDownLatch(1);
        try (WebhookReceiver slow = WebhookReceiver.start();
                LiveEngageEmulator emulator = LiveEngageEmulator.builder().webhooks(w -> w
                        .timeouts(Duration.ofSeconds(5), Duration.ofMillis(300)).register(WebhookRegistrations.none()
                                .with(WebhookRegistrations.CONTENT_EVENT, WebhookEndpoint.of(slow.url("/slow"))
                                        .withMaxRetries(1)).withRetryInterval(INTERVAL))).start()) {
            AtomicInteger calls = new AtomicInteger();
            slow.answer(r -> {
                if (calls.incrementAndGet() == 1) {
                    WebhookReceiver.hold(late); // answers only once the emulator has given up waiting
                }
                return 200;
            });
            String conv = new EmulatorClient(emulator).open(ACCOUNT, "g", "slow one");
            await().atMost(Duration.ofSeconds(20)).until(() -> emulator.webhooks().count("failure timeout") == 1);
            late.countDown();
            assertThat(emulator.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(emulator.webhooks().deliveries(conv)).extracting(WebhookDelivery::outcome)
                    .containsExactly("failure timeout", "answer 200");
            assertThat(slow.complete()).hasSize(2).extracting(Received::text).containsOnly(slow.complete().get(0)
                    .text());
        } finally {
            late.countDown();
        }
    }

    @Test
    void aRefusedConnectionIsAFailure() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        EMULATOR.webhooks().registerAll("http://127.0.0.1:" + closedPort + "/nobody");
        String conv = client.open(ACCOUNT, "h", "anyone?");
        assertThat(EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(EMULATOR.webhooks().deliveries(conv)).hasSize(2).allSatisfy(d -> {
            assertThat(d.failure()).isEqualTo("refused");
            assertThat(d.status()).isZero();
        });
        assertThat(EMULATOR.webhooks().count("given up")).isEqualTo(2);
    }
}
