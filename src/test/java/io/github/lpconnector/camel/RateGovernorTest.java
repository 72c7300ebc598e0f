package io.github.lpconnector.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.RecordedRequest;
import io.github.lpconnector.camel.support.GovernedContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The account-wide pace against the emulator's rate limit (a token bucket per account, answering 429 with
 * {@code Retry-After}): a 429 pauses every exchange of the account and none of another account, and two Camel
 * contexts that share nothing converge on one account's limit without a retry storm. The assertions count requests
 * and order them; the only durations are lower bounds (a pause lasts at least 1 s), which a slow machine only makes
 * longer.
 */
class RateGovernorTest {

    static final String ACCOUNT_A = "71000001";
    static final String ACCOUNT_B = "71000002";

    static LiveEngageEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = LiveEngageEmulator.builder().multipleOpenConversations(true).threads(4).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    @Test
    void a429PausesEveryExchangeOfTheAccountAndNoneOfAnother() throws Exception {
        emulator.rateLimit().permitsPerSecond(2);
        // A sends at 4/s into a limit of 2/s: its third or fourth request is answered 429
        String fasterThanTheLimit = "maxRequestsPerSecond=4";
        try (GovernedContext instance = GovernedContext.start(emulator)) {
            List<CompletableFuture<Exchange>> a = instance.createAll(ACCOUNT_A, fasterThanTheLimit, 8);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> (long) pace(instance, ACCOUNT_A, fasterThanTheLimit).getOrDefault("pacePauses", 0L) >= 1);

            Exchange b = instance.create(ACCOUNT_B, "");

            assertThat(b.getException()).as("B's exchange, sent while A is paused").isNull();
            assertThat((int) pace(instance, ACCOUNT_A, fasterThanTheLimit).get("paceQueued"))
                    .as("A's exchanges still wait for their turn").isPositive();
            assertThat(pace(instance, ACCOUNT_B, "")).containsEntry("pacePauses", 0L).containsEntry("paceHttp429", 0L);
            assertThat(instance.meters().timer("liveperson.connector.pace.wait", "accountId", ACCOUNT_B, "pace",
                    "messaging").max(TimeUnit.NANOSECONDS)).as("B's exchange never waited").isZero();
            for (CompletableFuture<Exchange> exchange : a) {
                assertThat(exchange.get(30, TimeUnit.SECONDS).getException()).isNull();
            }
        }

        List<RecordedRequest> requestsOfA = creates(ACCOUNT_A);
        List<RecordedRequest> refused = requestsOfA.stream().filter(r -> r.status() == 429).toList();
        assertThat(refused).isNotEmpty();
        for (RecordedRequest tooMany : refused) {
            long pauseEnds = tooMany.receivedAtNanos() + TimeUnit.SECONDS.toNanos(1);
            List<RecordedRequest> after = requestsOfA.stream()
                    .filter(r -> r.receivedAtNanos() > tooMany.receivedAtNanos()).toList();
            assertThat(after.stream().filter(r -> r.status() == 200 && r.receivedAtNanos() < pauseEnds))
                    .as("an exchange of A accepted within 1 s of a 429 of A").isEmpty();
            after.stream().filter(r -> r.status() == 200).findFirst().ifPresent(next -> assertThat(firstId(next))
                    .as("the first of A to go after the pause is the retry of the refused one")
                    .isEqualTo(firstId(tooMany)));
        }
        assertThat(creates(ACCOUNT_B)).extracting(RecordedRequest::status).containsExactly(200);
    }

    @Test
    void twoContextsSharingNothingConvergeOnTheAccountsLimitWithoutAStorm() throws Exception {
        Outcome governed = burstFromTwoInstances("");

        assertThat(governed.opened()).isEqualTo(200);
        assertThat(governed.failed()).isZero();
        assertThat(governed.tooMany()).as("429s of %d requests", governed.requests())
                .isLessThanOrEqualTo(governed.requests() / 5);
    }

    /** The same two instances without the governor: the storm the governor prevents, so the bound above can fail. */
    @Test
    void withoutTheGovernorTheSameTwoContextsStorm() throws Exception {
        Outcome ungoverned = burstFromTwoInstances("rateGovernor=false");

        assertThat(ungoverned.tooMany()).as("429s of %d requests", ungoverned.requests())
                .isGreaterThan(ungoverned.requests() / 2);
        assertThat(ungoverned.failed()).as("exchanges that failed with 429 after their retries").isPositive();
    }

    private record Outcome(long opened, long failed, long requests, long tooMany) {
    }

    /** 100 CREATEs at once from each of two contexts to one account limited to 30 requests a second. */
    private static Outcome burstFromTwoInstances(String options) throws Exception {
        emulator.rateLimit().permitsPerSecond(30);
        List<CompletableFuture<Exchange>> all = new ArrayList<>();
        try (GovernedContext one = GovernedContext.start(emulator);
             GovernedContext two = GovernedContext.start(emulator)) {
            all.addAll(one.createAll(ACCOUNT_A, options, 100));
            all.addAll(two.createAll(ACCOUNT_A, options, 100));
            long failed = 0;
            for (CompletableFuture<Exchange> exchange : all) {
                if (exchange.get(60, TimeUnit.SECONDS).getException() != null) {
                    failed++;
                }
            }
            return new Outcome(emulator.count("create", 200), failed, emulator.count("create"),
                    emulator.count("create", 429));
        }
    }

    static Map<String, Object> pace(GovernedContext instance, String accountId, String options) {
        return instance.statistics(accountId, options).toMap();
    }

    private static List<RecordedRequest> creates(String accountId) {
        return emulator.requests().stream()
                .filter(r -> r.service().equals("create") && r.path().contains("/account/" + accountId + "/"))
                .toList();
    }

    /** The id of the batch's first request: the same on every attempt of one exchange. */
    private static String firstId(RecordedRequest request) {
        return request.json().get(0).path("id").asText();
    }
}
