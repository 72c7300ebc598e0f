package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.lpconnector.camel.emulator.EmulatorClient.Answer;

class FaultsAndRateLimitTest {

    static final String ACCOUNT = "555";
    static final String TEXT = "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"hi\"}";
    static LiveEngageEmulator emulator;
    static EmulatorClient client;
    String convId;

    @BeforeAll
    static void start() {
        emulator = LiveEngageEmulator.builder().threads(4).start();
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
        convId = client.open(ACCOUNT, "alice", null);
    }

    @Test
    void statusSharesAreSeededAndCounted() {
        int first = runWithStatusShares(42);
        emulator.reset();
        convId = client.open(ACCOUNT, "alice", null);
        int second = runWithStatusShares(42);
        assertThat(first).isEqualTo(second).isGreaterThan(0).isLessThan(100);
    }

    private int runWithStatusShares(long seed) {
        emulator.faults().seed(seed).statusShare(429, 0.2).statusShare(500, 0.05).statusShare(503, 0.05);
        int faults = 0;
        for (int i = 0; i < 100; i++) {
            Answer a = client.send(ACCOUNT, "alice", publish("m" + i, convId, TEXT));
            if (a.status() != 200) {
                faults++;
                assertThat(a.status()).isIn(429, 500, 503);
                assertThat(a.json().path("body").path("errorCode").asInt()).isEqualTo(a.status() * 100 + 1);
                if (a.status() == 429) {
                    assertThat(a.response().headers().firstValue("Retry-After")).hasValue("1");
                }
            }
        }
        FaultInjection f = emulator.faults();
        assertThat(f.injected()).isEqualTo(faults);
        assertThat(f.injected("status")).isEqualTo(faults);
        assertThat(emulator.count("send", 429)).isEqualTo(f.injected("status 429"));
        assertThat(emulator.count("send", 200)).isEqualTo(100 - faults);
        // injected failures were not processed
        assertThat(emulator.conversation(convId).orElseThrow().messages()).hasSize(100 - faults);
        // auth endpoints are not affected by default
        assertThat(client.get("/api/account/" + ACCOUNT + "/service/idp/baseURI.json?version=1.0").status())
                .isEqualTo(200);
        return faults;
    }

    @Test
    void droppedConnectionIsAnIoErrorForTheClient() {
        emulator.faults().dropShare(1.0);
        assertThatThrownBy(() -> client.send(ACCOUNT, "alice", publish("d", convId, TEXT)))
                .hasCauseInstanceOf(IOException.class);
        assertThat(emulator.faults().injected("drop")).isEqualTo(1);
        assertThat(emulator.count("send", 0)).isEqualTo(1);
        assertThat(emulator.conversation(convId).orElseThrow().messages()).isEmpty();
        emulator.faults().clear();
        assertThat(client.send(ACCOUNT, "alice", publish("ok", convId, TEXT)).status()).isEqualTo(200);
    }

    @Test
    void stallDoesNotBlockOtherRequests() throws Exception {
        emulator.faults().stallShare(1.0, null);
        var stalled = EmulatorClient.HTTP.sendAsync(client.sendRequest(ACCOUNT, emulator.issueAppJwt(ACCOUNT),
                emulator.issueConsumerJws(ACCOUNT, "alice"), publish("s", convId, TEXT))
                .timeout(Duration.ofMillis(700)).build(), HttpResponse.BodyHandlers.ofString());
        // more stalls than I/O threads (4): they must not occupy them
        for (int i = 0; i < 6; i++) {
            EmulatorClient.HTTP.sendAsync(client.sendRequest(ACCOUNT, emulator.issueAppJwt(ACCOUNT),
                    emulator.issueConsumerJws(ACCOUNT, "alice"), publish("x" + i, convId, TEXT))
                    .timeout(Duration.ofMillis(700)).build(), HttpResponse.BodyHandlers.ofString());
        }
        // all 7 have reached the emulator (and were processed) before the stall is switched off
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> emulator.faults().injected("stall") == 7);
        emulator.faults().stallShare(0, null);
        long start = System.nanoTime();
        Answer prompt = client.send(ACCOUNT, "alice", publish("p", convId, TEXT));
        assertThat(prompt.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThatThrownBy(() -> stalled.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(emulator.faults().injected("stall")).isEqualTo(7);
        // a stalled request was processed: its message is stored although no answer came
        assertThat(emulator.conversation(convId).orElseThrow().messages()).hasSize(8);
    }

    @Test
    void finiteStallAndLatencyDelayTheAnswer() {
        emulator.faults().latency(Duration.ofMillis(150));
        long start = System.nanoTime();
        assertThat(client.send(ACCOUNT, "alice", publish("l", convId, TEXT)).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        emulator.faults().latency(Duration.ZERO).stallShare(1.0, Duration.ofMillis(200));
        start = System.nanoTime();
        assertThat(client.send(ACCOUNT, "alice", publish("s", convId, TEXT)).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void faultsCanHitAuthEndpoints() {
        emulator.faults().statusShare(503, 1.0).applyToAuthEndpoints(true);
        assertThat(client.get("/api/account/" + ACCOUNT + "/service/idp/baseURI.json?version=1.0").status())
                .isEqualTo(503);
        assertThat(client.idp(ACCOUNT, emulator.issueAppJwt(ACCOUNT), "{\"ext_consumer_id\":\"u\"}").status())
                .isEqualTo(503);
        assertThat(emulator.count("idp", 503)).isEqualTo(1);
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        emulator.rateLimit().permitsPerSecond(5);
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 20; i++) {
            Answer a = client.send(ACCOUNT, "alice", publish("r" + i, convId, TEXT));
            if (a.status() == 429) {
                limited++;
                assertThat(a.errorCode()).isEqualTo(42901);
                assertThat(a.response().headers().firstValue("Retry-After")).isPresent();
                assertThat(Long.parseLong(a.response().headers().firstValue("Retry-After").get()))
                        .isGreaterThanOrEqualTo(1);
            } else {
                ok++;
            }
        }
        assertThat(limited).isPositive();
        assertThat(ok).isGreaterThanOrEqualTo(5).isLessThan(20);
        assertThat(emulator.rateLimit().limited()).isEqualTo(limited);
        assertThat(emulator.count("send", 429)).isEqualTo(limited);
        // another account has its own bucket
        String other = client.open("556", "bob", null);
        assertThat(other).isNotBlank();
        // reset restores the builder setting (unlimited)
        emulator.reset();
        assertThat(emulator.rateLimit().isUnlimited()).isTrue();
    }

    @Test
    void resetForgetsEverything() {
        emulator.faults().dropShare(0.5);
        emulator.answersReversed(true);
        assertThat(emulator.counters()).containsEntry("create 200", 1L);
        emulator.reset();
        assertThat(emulator.conversations()).isEmpty();
        assertThat(emulator.counters()).isEmpty();
        assertThat(emulator.faults().injected()).isZero();
        assertThat(emulator.answersReversed()).isFalse();
        for (int i = 0; i < 20; i++) {
            assertThat(client.get("/api/account/1/service/idp/baseURI.json?version=1.0").status()).isEqualTo(200);
            assertThat(client.create(ACCOUNT, "c" + i, EmulatorClient.createBody(ACCOUNT, null)).status())
                    .isEqualTo(200);
        }
        assertThat(emulator.count("create", 200)).isEqualTo(20);
        assertThat(emulator.count("domain")).isEqualTo(20);
    }

    @Test
    void concurrentCreatesOfOneConsumerOpenExactlyOneConversation() {
        emulator.reset();
        HttpClient http = EmulatorClient.HTTP;
        var futures = new java.util.ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < 20; i++) {
            futures.add(http.sendAsync(client.createRequest(ACCOUNT, emulator.issueAppJwt(ACCOUNT),
                    emulator.issueConsumerJws(ACCOUNT, "racer"), EmulatorClient.createBody(ACCOUNT, null)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        futures.forEach(CompletableFuture::join);
        assertThat(futures).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
        assertThat(emulator.conversations()).hasSize(1);
    }
}
