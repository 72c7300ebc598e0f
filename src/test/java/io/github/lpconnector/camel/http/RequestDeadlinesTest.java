package io.github.lpconnector.camel.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RequestDeadlinesTest {

    /** A request that records when (and how often) it was expired. */
    private static final class Request implements RequestDeadlines.Watched {
        final AtomicInteger expired = new AtomicInteger();
        final AtomicLong expiredAt = new AtomicLong();
        volatile boolean done;

        public boolean isDone() {
            return done || expired.get() > 0;
        }

        public void expire() {
            expiredAt.set(System.nanoTime());
            expired.incrementAndGet();
        }
    }

    @Test
    void aRequestWithoutAnAnswerExpiresOnceAndNotBeforeItsDeadline() {
        RequestDeadlines deadlines = new RequestDeadlines(400);
        Request late = new Request();
        long watchedAt = System.nanoTime();
        deadlines.watch(late);

        await().atMost(Duration.ofSeconds(5)).until(() -> late.expired.get() > 0);
        assertThat(late.expiredAt.get() - watchedAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
        await().atMost(Duration.ofSeconds(5)).until(() -> deadlines.watched() == 0);
        assertThat(late.expired).hasValue(1);
    }

    @Test
    void answeredRequestsAreDroppedAtTheNextSweepAndNeverExpiredEvenPastTheirDeadline() {
        // the first sweep comes at the first request's deadline, when every request is past its own
        RequestDeadlines deadlines = new RequestDeadlines(1000);
        List<Request> answered = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Request r = new Request();
            RequestDeadlines.Deadline deadline = deadlines.watch(r);
            if (i % 2 == 0) {
                r.done = true;     // answered, the deadline still holding it
            } else {
                deadline.forget(); // answered, and the deadline let go of it (what the client does)
            }
            answered.add(r);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> deadlines.sweeps() > 0 && deadlines.watched() == 0);
        assertThat(answered).allSatisfy(r -> assertThat(r.expired).hasValue(0));
    }

    @Test
    void requestsWatchedFromManyThreadsWhileSweepsComeAndGoAreEachExpiredExactlyOnce() throws Exception {
        RequestDeadlines deadlines = new RequestDeadlines(20); // sweeps stop and restart often
        int threads = 4;
        int perThread = 500;
        List<Request> all = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> watchers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread watcher = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Request r = new Request();
                        // answered before its deadline could pass, however long this thread is descheduled
                        r.done = i % 3 == 1;
                        all.add(r);
                        deadlines.watch(r);
                        if (i % 50 == 0) {
                            Thread.sleep(15); // let the queue drain so that the sweep stops and must be restarted
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            watcher.start();
            watchers.add(watcher);
        }
        start.countDown();
        for (Thread watcher : watchers) {
            watcher.join();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> deadlines.watched() == 0);
        assertThat(all).hasSize(threads * perThread);
        assertThat(all).allSatisfy(r -> assertThat(r.expired).hasValue(r.done ? 0 : 1));
    }

    @Test
    void theTimerWakesAtTheOldestPendingDeadlineAndNotInBetween() {
        RequestDeadlines deadlines = new RequestDeadlines(300);
        Request first = new Request();
        Request second = new Request();
        long watchedAt = System.nanoTime();
        deadlines.watch(first);
        deadlines.watch(second);

        await().atMost(Duration.ofSeconds(5)).until(() -> first.expired.get() > 0 && second.expired.get() > 0);
        assertThat(first.expiredAt.get() - watchedAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(second.expiredAt.get() - watchedAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        // one sweep at the first deadline, and one more at the second's if the first came a hair before it
        assertThat(deadlines.sweeps()).isBetween(1L, 2L);
        assertThat(deadlines.watched()).isZero();
    }

    @Test
    void answeredRequestsBehindOneThatTakesLongAreDroppedEveryFewThousandRequestsLongBeforeAnyDeadline() {
        RequestDeadlines deadlines = new RequestDeadlines(TimeUnit.HOURS.toMillis(1));
        Request slow = new Request(); // at the front, unanswered: the answered ones queue behind it
        deadlines.watch(slow);
        for (int i = 1; i < RequestDeadlines.DROP_ANSWERED_EVERY; i++) {
            deadlines.watch(new Request()).forget();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> deadlines.watched() < 16);
        assertThat(deadlines.sweeps()).isEqualTo(1);
        assertThat(slow.expired).hasValue(0);
        deadlines.close();
    }

    @Test
    void answeredRequestsAtTheFrontAreDroppedWhenTheNextIsWatchedWithoutWaitingForASweep() {
        RequestDeadlines deadlines = new RequestDeadlines(TimeUnit.HOURS.toMillis(1));
        for (int i = 0; i < 1000; i++) { // one request at a time
            RequestDeadlines.Deadline deadline = deadlines.watch(new Request());
            assertThat(deadlines.watched()).isEqualTo(1);
            deadline.forget();
        }

        Request first = new Request();
        deadlines.watch(first);
        deadlines.watch(new Request()).forget(); // answered, behind an unanswered one
        Request third = new Request();
        deadlines.watch(third);
        assertThat(deadlines.watched()).as("nothing is dropped from behind an unanswered request").isEqualTo(3);

        first.done = true;
        deadlines.watch(new Request());
        assertThat(deadlines.watched()).as("the answered front dropped, up to the unanswered third").isEqualTo(2);
        assertThat(deadlines.sweeps()).isZero();
        assertThat(first.expired).hasValue(0);
        assertThat(third.expired).hasValue(0);
        deadlines.close();
    }

    @Test
    void closingForgetsTheDeadlinesAndTheNextSweep() {
        RequestDeadlines deadlines = new RequestDeadlines(200);
        Request unanswered = new Request();
        deadlines.watch(unanswered);

        deadlines.close();

        assertThat(deadlines.watched()).isZero();
        // a sweep left scheduled would have come at 200 ms and expired it
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> deadlines.sweeps() == 0);
        assertThat(unanswered.expired).hasValue(0);
    }
}
