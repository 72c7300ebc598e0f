package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.lpconnector.camel.emulator.WebhookReceiver.Received;

/** Delivery faults on demand, round-robin, and that a seed repeats them. */
class WebhookFaultsTest {

    static final String ACCOUNT = "9";
    @RegisterExtension
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    @RegisterExtension
    static final WebhookReceiver SECOND = WebhookReceiver.start();

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(
            b -> b.webhooks(w -> w.retryInterval(Duration.ofMillis(10))));

    EmulatorClient client;
    String path;

    @BeforeEach
    void setUp() {
        client = new EmulatorClient(EMULATOR.emulator());
        RECEIVER.answer(r -> 200);
        path = "/t" + System.nanoTime();
        contentTo(0, RECEIVER.url(path));
    }

    void contentTo(int maxRetries, String... urls) {
        EMULATOR.webhooks().register(WebhookRegistrations.none().withRetryInterval(Duration.ofMillis(10)).with(
                WebhookRegistrations.CONTENT_EVENT, WebhookEndpoint.of(urls).withMaxRetries(maxRetries)));
    }

    List<Received> mine() {
        return RECEIVER.received().stream().filter(r -> r.target().equals(path)).toList();
    }

    boolean idle() {
        return EMULATOR.webhooks().awaitIdle(Duration.ofSeconds(30));
    }

    @Test
    void aDuplicateIsByteIdenticalAndCountedAsDelivered() {
        EMULATOR.webhooks().faults().duplicateShare(1);
        String conv = client.open(ACCOUNT, "a", "twice");
        assertThat(idle()).isTrue();
        assertThat(mine()).hasSize(2);
        assertThat(mine().get(1).text()).isEqualTo(mine().get(0).text());
        assertThat(mine().get(1).header(WebhookSignature.SIGNATURE_HEADER))
                .isEqualTo(mine().get(0).header(WebhookSignature.SIGNATURE_HEADER));
        assertThat(EMULATOR.webhooks().deliveries(conv)).extracting(WebhookDelivery::fault)
                .containsExactly(null, "duplicate");
        assertThat(EMULATOR.webhooks().count("delivered")).isEqualTo(1);
        assertThat(EMULATOR.webhooks().count("fault duplicate")).isEqualTo(1);
    }

    @Test
    void underDuplicatesNothingIsLost() {
        EMULATOR.webhooks().faults().seed(7).duplicateShare(0.3);
        Set<String> sent = new HashSet<>();
        for (int c = 0; c < 10; c++) {
            String conv = client.open(ACCOUNT, "user" + c, "m0");
            EMULATOR.agent().accept(conv);
            sent.add(conv + "/0");
            for (int i = 1; i <= 9; i++) {
                EMULATOR.agent().say(conv, "m" + i);
                sent.add(conv + "/" + i);
            }
        }
        assertThat(idle()).isTrue();
        List<Received> got = mine();
        assertThat(got).extracting(r -> r.conversationId() + "/" + r.sequence()).containsAll(sent);
        long duplicates = EMULATOR.webhooks().count("fault duplicate");
        assertThat(duplicates).isPositive();
        assertThat(got).hasSize(sent.size() + (int) duplicates);
        assertThat(EMULATOR.webhooks().count("delivered")).isEqualTo(sent.size());
    }

    @Test
    void reorderSendsTheNextQueuedOneFirst() throws Exception {
        CountDownLatch queued = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        RECEIVER.answer(r -> {
            if (first.getAndSet(false)) {
                WebhookReceiver.hold(queued); // the first stays on its way until the others are queued
            }
            return 200;
        });
        EMULATOR.webhooks().faults().reorderShare(1);
        String conv = client.open(ACCOUNT, "b", "m0");
        EMULATOR.agent().accept(conv);
        for (int i = 1; i <= 4; i++) {
            EMULATOR.agent().say(conv, "m" + i);
        }
        queued.countDown();
        assertThat(idle()).isTrue();
        assertThat(mine()).extracting(Received::sequence).containsExactly(0L, 2L, 3L, 4L, 1L);
        assertThat(EMULATOR.webhooks().count("fault reorder")).isEqualTo(3);
    }

    @Test
    void anInjectedTimeoutIsRetriedAlthoughTheEndpointAnswered() {
        contentTo(2, RECEIVER.url(path));
        EMULATOR.webhooks().faults().timeoutShare(1);
        String conv = client.open(ACCOUNT, "c", "late");
        assertThat(idle()).isTrue();
        assertThat(mine()).hasSize(3).extracting(Received::text).containsOnly(mine().get(0).text());
        assertThat(EMULATOR.webhooks().deliveries(conv)).hasSize(3).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.failure()).isEqualTo("timeout");
            assertThat(d.fault()).isEqualTo("timeout");
        });
        assertThat(EMULATOR.webhooks().count("given up")).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionDeliversNoCompleteRequest() {
        EMULATOR.webhooks().faults().dropShare(1);
        String conv = client.open(ACCOUNT, "d", "cut");
        assertThat(idle()).isTrue();
        assertThat(mine()).noneMatch(Received::complete);
        assertThat(EMULATOR.webhooks().deliveries(conv)).singleElement()
                .satisfies(d -> assertThat(d.failure()).isEqualTo("dropped"));
        EMULATOR.webhooks().faults().clear();
        EMULATOR.agent().accept(conv).say(conv, "whole");
        assertThat(idle()).isTrue();
        assertThat(mine()).filteredOn(Received::complete).singleElement()
                .satisfies(r -> assertThat(r.sequence()).isEqualTo(1));
    }

    @Test
    void aRefusedAttemptNeverReachesTheEndpoint() {
        contentTo(1, RECEIVER.url(path));
        EMULATOR.webhooks().faults().refuseShare(1);
        String conv = client.open(ACCOUNT, "e", "nobody home");
        assertThat(idle()).isTrue();
        assertThat(mine()).isEmpty();
        assertThat(EMULATOR.webhooks().deliveries(conv)).extracting(WebhookDelivery::failure)
                .containsExactly("refused", "refused");
        assertThat(EMULATOR.webhooks().count("fault refuse")).isEqualTo(2);
    }

    @Test
    void severalUrlsAreUsedRoundRobin() {
        String secondPath = path + "-b";
        contentTo(0, RECEIVER.url(path), SECOND.url(secondPath));
        String conv = client.open(ACCOUNT, "f", "m0");
        EMULATOR.agent().accept(conv);
        for (int i = 1; i <= 5; i++) {
            EMULATOR.agent().say(conv, "m" + i);
        }
        assertThat(idle()).isTrue();
        assertThat(mine()).extracting(Received::sequence).containsExactly(0L, 2L, 4L);
        assertThat(SECOND.received()).filteredOn(r -> r.target().equals(secondPath)).extracting(Received::sequence)
                .containsExactly(1L, 3L, 5L);
    }

    @Test
    void theSameSeedInjectsTheSameFaults() {
        List<String> first = faultsOfOneRun();
        EMULATOR.reset();
        path = path + "-again";
        contentTo(0, RECEIVER.url(path));
        List<String> second = faultsOfOneRun();
        assertThat(second).isEqualTo(first);
        assertThat(first).contains("failure timeout", "answer 200");
    }

    private List<String> faultsOfOneRun() {
        EMULATOR.webhooks().faults().seed(42).timeoutShare(0.5);
        String conv = client.open(ACCOUNT, "g", "m0");
        EMULATOR.agent().accept(conv);
        for (int i = 1; i < 20; i++) {
            EMULATOR.agent().say(conv, "m" + i);
        }
        assertThat(idle()).isTrue();
        List<String> outcomes = new ArrayList<>();
        EMULATOR.webhooks().deliveries(conv).forEach(d -> outcomes.add(d.outcome()));
        return outcomes;
    }
}
