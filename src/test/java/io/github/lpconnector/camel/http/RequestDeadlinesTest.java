package io.github.lpconnector.camel.http;

import java.time.Duration;
import java.util.ArrayList;
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
        final long expiresAt;
        final AtomicInteger expired = new AtomicInteger();
        final AtomicLong expiredAt = new AtomicLong();
        volatile boolean done;

        Request(long deadlineMillis) {
            this.expiresAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        }

        public boolean isDone() {
            return done || expired.get() > 0;
        }

        public long expiresAtNanos() {
            return expiresAt;
        }

        public void expire() {
            expiredAt.set(System.nanoTime());
            expired.incrementAndGet();
        }
    }

    @Test
    void aRequestWithoutAnAnswerExpiresOnceNotBeforeItsDeadlineAndAtMostATickLate() {
        RequestDeadlines deadlines = new RequestDeadlines(400); // tick 20 ms
        Request late = new Request(400);
        deadlines.watch(late);

        await().atMost(Duration.ofSeconds(5)).until(() -> late.expired.get() > 0);
        assertThat(late.expiredAt.get()).isGreaterThanOrEqualTo(late.expiresAt);
        await().atMost(Duration.ofSeconds(5)).until(() -> deadlines.watched() == 0);
        assertThat(late.expired).hasValue(1);
    }

    @Test
    void answeredRequestsAreDroppedAtTheNextSweepAndNeverExpiredEvenPastTheirDeadline() {
        RequestDeadlines deadlines = new RequestDeadlines(200);
        List<Request> answered = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Request r = new Request(0); // past its deadline at the first sweep, but answered by then
            deadlines.watch(r);
            r.done = true;
            answered.add(r);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> deadlines.watched() == 0);
        assertThat(answered).allSatisfy(r -> assertThat(r.expired).hasValue(0));
    }

    @Test
    void requestsWatchedFromManyThreadsWhileSweepsComeAndGoAreEachExpiredExactlyOnce() throws Exception {
        RequestDeadlines deadlines = new RequestDeadlines(100); // tick 10 ms: sweeps stop and restart often
        int threads = 4;
        int perThread = 500;
        List<Request> all = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> watchers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread watcher = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Request r = new Request(i % 3 == 0 ? 0 : 100);
                        all.add(r);
                        deadlines.watch(r);
                        if (i % 3 == 1) {
                            r.done = true;
                        }
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
}
