package io.github.lpconnector.camel.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the webhook side did and still has to do: the newest {@value #CAPACITY} delivery attempts, counters, and the
 * work pending (notifications not yet delivered or given up, auto-agent answers not yet given), so that a test can
 * wait until everything is over. A {@link #reset()} starts a new generation: work of an older one no longer counts.
 * Thread-safe.
 */
final class DeliveryLog {

    static final int CAPACITY = 10_000;

    private final ArrayDeque<WebhookDelivery> newest = new ArrayDeque<>();
    private final Map<String, Long> counters = new TreeMap<>();
    private long pending;
    private long generation;

    synchronized long generation() {
        return generation;
    }

    synchronized boolean current(long gen) {
        return gen == generation;
    }

    /** A notification has a registration and is queued. @return the generation it belongs to */
    synchronized long queued(String type) {
        pending++;
        add("queued");
        add(type + " queued");
        return generation;
    }

    /** A change whose type has no registration: not sent. */
    synchronized void unregistered(String type) {
        add("unregistered");
        add(type + " unregistered");
    }

    synchronized void attempt(long gen, WebhookDelivery delivery) {
        if (gen != generation) {
            return;
        }
        if (newest.size() == CAPACITY) {
            newest.removeFirst();
        }
        newest.addLast(delivery);
        add("attempts");
        add(delivery.outcome());
    }

    synchronized void retried(long gen) {
        if (gen == generation) {
            add("retries");
        }
    }

    /** A notification is over: delivered, or given up. */
    synchronized void finished(long gen, String type, boolean delivered) {
        if (gen != generation) {
            return;
        }
        String outcome = delivered ? "delivered" : "given up";
        add(outcome);
        add(type + " " + outcome);
        done();
    }

    /** Work that will produce notifications (an auto-agent answer) is scheduled. @return its generation */
    synchronized long workStarted() {
        pending++;
        return generation;
    }

    synchronized void workDone(long gen) {
        if (gen == generation) {
            done();
        }
    }

    private void done() {
        if (--pending == 0) {
            notifyAll();
        }
    }

    synchronized long pending() {
        return pending;
    }

    /** Waits until nothing is pending. @return false if something still was after {@code timeout} */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized List<WebhookDelivery> list() {
        return List.copyOf(newest);
    }

    synchronized Map<String, Long> counters() {
        return new TreeMap<>(counters);
    }

    synchronized long count(String key) {
        return counters.getOrDefault(key, 0L);
    }

    /** Forgets the log and the counters (pending work goes on). */
    synchronized void clear() {
        newest.clear();
        counters.clear();
    }

    /** Forgets everything, pending work included: a new generation. */
    synchronized void reset() {
        generation++;
        pending = 0;
        clear();
        notifyAll();
    }

    private void add(String key) {
        counters.merge(key, 1L, Long::sum);
    }
}
