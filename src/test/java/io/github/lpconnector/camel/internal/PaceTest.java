package io.github.lpconnector.camel.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.lpconnector.camel.LivePersonThrottledException;
import io.github.lpconnector.camel.LivePersonThrottledException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue of one pace: turns in arrival order, a retry first, a pause that holds every waiter of the pace and none
 * of another pace, refusals with the typed error. The pauses here last an hour, so what waits is certain to wait.
 */
class PaceTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final Object OWNER = new Object();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private Pace pace(double maxRequestsPerSecond) {
        return new Pace(Pace.Kind.MESSAGING, "73000001", maxRequestsPerSecond, scheduler, LivePersonMetrics.NONE);
    }

    /** Pauses {@code pace} for an hour, as a 429 with {@code Retry-After: 3600} would. */
    private static void pauseForAnHour(Pace pace) {
        Pace.Turn turn = pace.turn(OWNER, 100, HOUR, false).join();
        pace.answered(turn, 429, HOUR);
    }

    private static Reason reason(CompletableFuture<Pace.Turn> turn) {
        Throwable failure = turn.handle((t, f) -> f).join();
        assertThat(failure).isInstanceOf(LivePersonThrottledException.class);
        return ((LivePersonThrottledException) failure).getReason();
    }

    @Test
    void turnsComeInArrivalOrderWithARetryFirst() {
        Pace pace = pace(10);
        List<String> order = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Pace.Turn>> turns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "first attempt " + i;
            turns.add(pace.turn(OWNER, 100, HOUR, false).whenComplete((t, f) -> order.add(name)));
        }
        turns.add(pace.turn(OWNER, 100, HOUR, true).whenComplete((t, f) -> order.add("retry")));

        await().atMost(Duration.ofSeconds(10)).until(() -> turns.stream().allMatch(CompletableFuture::isDone));

        // the first left at once, before the retry was queued; the retry went ahead of the waiting ones
        assertThat(order).containsExactly("first attempt 0", "retry", "first attempt 1", "first attempt 2",
                "first attempt 3", "first attempt 4");
    }

    @Test
    void aPauseHoldsEveryWaiterOfThePaceAndNoneOfAnother() {
        Pace paused = pace(0);
        Pace other = pace(0);
        pauseForAnHour(paused);

        CompletableFuture<Pace.Turn> waiting = paused.turn(OWNER, 100, HOUR, false);
        CompletableFuture<Pace.Turn> retry = paused.turn(OWNER, 100, HOUR, true);

        assertThat(other.turn(OWNER, 100, HOUR, false)).isCompleted();
        assertThat(waiting).isNotDone();
        assertThat(retry).isNotDone();
        assertThat(paused.state()).containsEntry("queued", 2).containsEntry("pauses", 1L)
                .containsEntry("http429", 1L);
        assertThat((long) paused.state().get("pausedMillis")).isGreaterThan(TimeUnit.MINUTES.toMillis(59));
    }

    @Test
    void aFullQueueRefusesAFirstAttemptAtOnceButNeverARetry() {
        Pace pace = pace(0);
        pauseForAnHour(pace);
        pace.turn(OWNER, 2, HOUR, false);
        pace.turn(OWNER, 2, HOUR, false);

        CompletableFuture<Pace.Turn> refused = pace.turn(OWNER, 2, HOUR, false);
        CompletableFuture<Pace.Turn> retry = pace.turn(OWNER, 2, HOUR, true);

        assertThat(reason(refused)).isEqualTo(Reason.QUEUE_FULL);
        assertThat(retry).isNotDone();
        assertThat(pace.queued()).isEqualTo(3);
    }

    @Test
    void aWaitPastItsBoundFailsAndLeavesTheQueue() {
        Pace pace = pace(0);
        pauseForAnHour(pace);
        CompletableFuture<Pace.Turn> patient = pace.turn(OWNER, 100, HOUR, false);

        CompletableFuture<Pace.Turn> hurried = pace.turn(OWNER, 100, TimeUnit.MILLISECONDS.toNanos(100), false);

        await().atMost(Duration.ofSeconds(10)).until(hurried::isDone);
        assertThat(reason(hurried)).isEqualTo(Reason.QUEUE_WAIT);
        assertThat(patient).isNotDone();
        assertThat(pace.queued()).isEqualTo(1);
        assertThat(reason(pace.turn(OWNER, 100, 0, false))).as("maxQueueWait 0 never waits")
                .isEqualTo(Reason.QUEUE_WAIT);
    }

    @Test
    void anOwnerStoppingFailsOnlyItsWaitersAndClosingFailsTheRest() {
        Pace pace = pace(0);
        pauseForAnHour(pace);
        Object otherOwner = new Object();
        CompletableFuture<Pace.Turn> mine = pace.turn(OWNER, 100, HOUR, false);
        CompletableFuture<Pace.Turn> theirs = pace.turn(otherOwner, 100, HOUR, false);

        pace.abandon(OWNER);

        assertThat(reason(mine)).isEqualTo(Reason.STOPPED);
        assertThat(theirs).isNotDone();

        pace.close();

        assertThat(reason(theirs)).isEqualTo(Reason.STOPPED);
        assertThat(reason(pace.turn(OWNER, 100, HOUR, false))).as("a closed pace").isEqualTo(Reason.STOPPED);
        assertThat(pace.state()).containsEntry("queued", 0).containsEntry("refused", 3L);
    }
}
