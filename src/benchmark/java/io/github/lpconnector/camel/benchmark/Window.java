package io.github.lpconnector.camel.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One contender's turn in a cell, as totals so that turns add up: a fresh instance is started, kept at
 * {@code inFlight} exchanges against the emulator through a warm-up and then a measured window, and stopped once
 * every exchange it started came back.
 *
 * @param sortedLatencies  latencies of the exchanges that completed inside the window, ns, sorted
 * @param measured         exchanges that completed inside the window
 * @param clientCpuNanos   the client side's CPU inside the window
 * @param emulatorCpuNanos the emulator's CPU inside the window (its own JVM's when it runs apart)
 * @param threads          live client-side threads the contender added, at the end of the window
 * @param heapMiB          heap used after a full GC at the end of the window, its exchanges still in flight
 * @param ok               exchanges that got a conversation id, warm-up and drain included
 * @param errors           exchanges that failed or got no conversation id
 * @param created          CREATE answers with status 200 the emulator counted
 */
record Window(String contender, int latencyMs, int inFlight, long[] sortedLatencies, long measured, double seconds,
              long clientCpuNanos, long allocatedBytes, long emulatorCpuNanos, int threads, double heapMiB,
              long ok, long errors, long created) {

    static Window run(Emulator emulator, Contender contender, int latencyMs, int inFlight, int connections,
                      double warmupSeconds, double measureSeconds) throws Exception {
        emulator.reset(latencyMs);
        System.gc();
        Set<Long> baseline = Meter.clientThreadIds();
        System.out.printf("%-10s latency %4d ms, %5d in flight: ", contender.name(), latencyMs, inFlight);
        System.out.flush();
        try (contender) {
            contender.start(emulator.workload(), inFlight, connections);
            // at most in flight ÷ latency exchanges a second complete; at 0 ms, far fewer than 100,000 on loopback
            double rate = latencyMs > 0 ? 1.2 * inFlight * 1000.0 / latencyMs : 100_000;
            Recorder recorder = new Recorder((int) Math.min(8_000_000, rate * measureSeconds + 1000));
            Semaphore permits = new Semaphore(inFlight);
            long start = System.nanoTime();
            long submitted = keepInFlight(contender, recorder, permits, start + (long) (warmupSeconds * 1e9));

            Meter.Snapshot before = Meter.snapshot();
            long emulatorBefore = emulator.separateCpuNanos();
            recorder.measuring = true;
            submitted += keepInFlight(contender, recorder, permits, before.nanos() + (long) (measureSeconds * 1e9));
            recorder.measuring = false;
            Meter.Snapshot after = Meter.snapshot();
            long emulatorAfter = emulator.separateCpuNanos();

            int threads = Meter.clientThreadsBesides(baseline);
            emulator.forgetConversations(); // the heap figure is the exchanges in flight, not the emulator's store
            System.gc();
            double heapMiB = Meter.heapUsed() / (1024.0 * 1024.0);
            long drainMillis = 30_000 + 3L * latencyMs;
            if (!permits.tryAcquire(inFlight, drainMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(contender.name() + ": " + (inFlight - permits.availablePermits())
                                                + " exchanges still in flight " + drainMillis + " ms after the window");
            }
            long completed = recorder.ok.sum() + recorder.errors.sum();
            if (completed != submitted) {
                throw new IllegalStateException(contender.name() + ": " + submitted + " submitted, " + completed
                                                + " completed");
            }
            int n = Math.min(recorder.recorded.get(), recorder.latencies.length);
            long[] sorted = Arrays.copyOf(recorder.latencies, n);
            Arrays.sort(sorted);
            double seconds = (after.nanos() - before.nanos()) / 1e9;
            long emulatorCpu = emulatorBefore >= 0 && emulatorAfter >= 0 ? emulatorAfter - emulatorBefore
                    : Meter.emulatorCpu(before, after);
            Window window = new Window(contender.name(), latencyMs, inFlight, sorted, recorder.recorded.get(), seconds,
                    Meter.clientCpu(before, after), Meter.clientAllocated(before, after), emulatorCpu, threads, heapMiB,
                    recorder.ok.sum(), recorder.errors.sum(), emulator.created());
            System.out.printf("%,10.0f/s  p50 %7.2f ms  p99 %7.2f ms%s%n", window.measured() / seconds,
                    percentileMs(sorted, 0.50), percentileMs(sorted, 0.99), recorder.errors.sum() == 0 ? ""
                            : "  " + recorder.errors.sum() + " errors, first: " + recorder.firstError.get());
            return window;
        }
    }

    /** Starts an exchange whenever one of {@code permits} is free, until {@code until}; returns how many it started. */
    private static long keepInFlight(Contender contender, Recorder recorder, Semaphore permits, long until)
            throws InterruptedException {
        long submitted = 0;
        for (long now = System.nanoTime(); now < until; now = System.nanoTime()) {
            if (!permits.tryAcquire(until - now, TimeUnit.NANOSECONDS)) {
                continue;
            }
            submitted++;
            long sent = System.nanoTime();
            try {
                contender.submit((id, failure) -> {
                    recorder.record(sent, id, failure);
                    permits.release();
                });
            } catch (RuntimeException e) {
                recorder.record(sent, null, e);
                permits.release();
            }
        }
        return submitted;
    }

    /** A cell's figures: its windows' totals (exchanges ÷ seconds, CPU and allocation ÷ exchanges, all latencies). */
    static CellResult combine(List<Window> windows) {
        long measured = 0;
        double seconds = 0;
        long cpu = 0;
        long allocated = 0;
        long emulatorCpu = 0;
        int threads = 0;
        double heap = 0;
        long ok = 0;
        long errors = 0;
        long created = 0;
        for (Window w : windows) {
            measured += w.measured();
            seconds += w.seconds();
            cpu += w.clientCpuNanos();
            allocated += w.allocatedBytes();
            emulatorCpu += w.emulatorCpuNanos();
            threads = Math.max(threads, w.threads());
            heap = Math.max(heap, w.heapMiB());
            ok += w.ok();
            errors += w.errors();
            created += w.created();
        }
        long[] latencies = windows.stream().flatMapToLong(w -> Arrays.stream(w.sortedLatencies())).sorted().toArray();
        double exchanges = Math.max(1, measured);
        Window first = windows.get(0);
        return new CellResult(first.contender(), first.latencyMs(), first.inFlight(), measured / seconds,
                percentileMs(latencies, 0.50), percentileMs(latencies, 0.99), cpu / 1e3 / exchanges,
                allocated / 1024.0 / exchanges, threads, heap,
                emulatorCpu + cpu > 0 ? (double) emulatorCpu / (emulatorCpu + cpu) : Double.NaN, ok, errors, created);
    }

    /** The {@code p} percentile of {@code sorted} nanoseconds by nearest rank, in ms; NaN when there are none. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** Counts what comes back; latencies only of the exchanges that complete inside the window. */
    private static final class Recorder {
        final long[] latencies;
        final AtomicInteger recorded = new AtomicInteger();
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicReference<Throwable> firstError = new AtomicReference<>();
        volatile boolean measuring;

        Recorder(int capacity) {
            latencies = new long[capacity];
        }

        void record(long sent, String conversationId, Throwable failure) {
            long elapsed = System.nanoTime() - sent;
            if (failure != null || conversationId == null) {
                errors.increment();
                firstError.compareAndSet(null, failure != null ? failure
                        : new IllegalStateException("no conversationId"));
                return;
            }
            ok.increment();
            if (measuring) {
                int i = recorded.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = elapsed;
                }
            }
        }
    }
}
