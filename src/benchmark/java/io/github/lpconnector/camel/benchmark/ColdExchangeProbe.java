package io.github.lpconnector.camel.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;

/**
 * What one exchange costs on cold caches, as in the grid's 50 ms cells with few in flight, in a minute instead of
 * twenty and with the machine's drift shared: the contenders take turns exchange by exchange (in one order, then the
 * reverse), against the emulator in this JVM at 0 ms, and before each exchange {@value #EVICTOR_NAME} threads (one per
 * core) write through memory of their own. An exchange's CPU is that of the client's threads ({@link Meter}), the
 * evictors' left out. Not a replacement for the grid: the contenders' code is compiled for all of them at once, which
 * makes shared code (HttpClient's, Camel's) slower for each than in a window of its own, so the ratios depend on which
 * contenders take part; compare contenders within one run only.
 * <p>
 * {@code mvn -q test-compile exec:exec@cold-probe}, with {@code -Dbench.cold.contenders=},
 * {@code -Dbench.cold.exchanges=} (per contender), {@code -Dbench.cold.warmup=} (per contender, caches warm) and
 * {@code -Dbench.cold.evictMiB=} (per evictor).
 */
public final class ColdExchangeProbe {

    /** Prefix of the evicting threads' names, by which {@link Meter} leaves their CPU out (15 characters at most). */
    static final String EVICTOR_NAME = "cold-evictor";

    private final List<String> contenders;
    private final int warmup;
    private final int exchanges;
    private final int evictMiB;

    ColdExchangeProbe(List<String> contenders, int warmup, int exchanges, int evictMiB) {
        this.contenders = contenders;
        this.warmup = warmup;
        this.exchanges = exchanges;
        this.evictMiB = evictMiB;
    }

    public static void main(String[] args) throws Exception {
        ColdExchangeProbe probe = new ColdExchangeProbe(
                List.of(System.getProperty("bench.cold.contenders", "component,producer-only,http-only,raw-client")
                        .split(",")),
                Integer.getInteger("bench.cold.warmup", 12_000), Integer.getInteger("bench.cold.exchanges", 1_600),
                Integer.getInteger("bench.cold.evictMiB", 48));
        System.out.println(report(probe.run()));
        System.exit(0);
    }

    /** Each contender's CPU nanoseconds per cold exchange, in the order they were measured. */
    Map<String, long[]> run() throws Exception {
        if (Meter.snapshot().tasks() == null) {
            throw new IllegalStateException("the probe reads each thread's CPU from /proc/self/task: Linux only");
        }
        List<Evictor> evictors = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            evictors.add(new Evictor(i, evictMiB));
        }
        Map<String, Contender> started = new LinkedHashMap<>();
        Map<String, long[]> cpu = new LinkedHashMap<>();
        try (LiveEngageEmulator emulator = LiveEngageEmulator.builder().threads(2).multipleOpenConversations(true)
                .forgetConversationsEvery(ConnectorBenchmark.FORGET_CONVERSATIONS_EVERY).start()) {
            Workload workload = new Workload(emulator);
            for (String name : contenders) {
                Contender contender = ConnectorBenchmark.contender(name);
                started.put(name, contender);
                contender.start(workload, 1, 1);
                cpu.put(name, new long[exchanges]);
            }
            List<Contender> inTurn = new ArrayList<>(started.values());
            for (int i = 0; i < warmup; i++) {
                for (Contender contender : inTurn) {
                    exchange(contender);
                }
            }
            for (int i = 0; i < exchanges; i++) {
                for (int k = 0; k < inTurn.size(); k++) {
                    int turn = i % 2 == 0 ? k : inTurn.size() - 1 - k;
                    evict(evictors);
                    Meter.Snapshot before = Meter.snapshot();
                    exchange(inTurn.get(turn));
                    Meter.Snapshot after = Meter.snapshot();
                    cpu.get(contenders.get(turn))[i] = Meter.clientCpu(before, after);
                }
            }
        } finally {
            for (Contender contender : started.values()) {
                contender.close();
            }
            evictors.forEach(Thread::interrupt);
        }
        return cpu;
    }

    /** One exchange, waited for; a failed one ends the probe. */
    private static void exchange(Contender contender) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        contender.submit((conversationId, failure) -> {
            if (failure != null || conversationId == null) {
                failed.set(failure != null ? failure : new IllegalStateException("no conversation id"));
            }
            done.countDown();
        });
        done.await();
        if (failed.get() != null) {
            throw new IllegalStateException(contender.name() + " failed an exchange", failed.get());
        }
    }

    private static void evict(List<Evictor> evictors) {
        evictors.forEach(e -> e.go.release());
        evictors.forEach(e -> e.done.acquireUninterruptibly());
    }

    /** Per contender: median, trimmed mean (the lowest and highest tenth left out), 90th percentile, and ÷ raw. */
    static String report(Map<String, long[]> cpu) {
        long[] raw = cpu.containsKey("raw-client") ? sorted(cpu.get("raw-client")) : null;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %9s %13s %9s %11s %14s%n",
                "contender", "exchanges", "median us/ex", "p90 us/ex", "median÷raw", "trimmed÷raw"));
        cpu.forEach((name, nanos) -> {
            long[] sorted = sorted(nanos);
            long median = ConnectorBenchmark.nearestRank(sorted, 0.5);
            table.append(String.format(Locale.ROOT, "%-16s %9d %13.1f %9.1f %11s %14s%n", name, sorted.length,
                    median / 1e3, ConnectorBenchmark.nearestRank(sorted, 0.9) / 1e3,
                    raw == null ? "-" : String.format(Locale.ROOT, "%.2f",
                            (double) median / ConnectorBenchmark.nearestRank(raw, 0.5)),
                    raw == null ? "-" : String.format(Locale.ROOT, "%.2f", trimmedMean(sorted) / trimmedMean(raw))));
        });
        return table.toString();
    }

    private static long[] sorted(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** The mean of {@code sorted} values without their lowest and highest tenth. */
    static double trimmedMean(long[] sorted) {
        int from = sorted.length / 10;
        int to = sorted.length - from;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += sorted[i];
        }
        return sum / (to - from);
    }

    /** Writes one byte of every 64 of its memory each time it is told to, so that the caches hold little else. */
    private static final class Evictor extends Thread {

        final Semaphore go = new Semaphore(0);
        final Semaphore done = new Semaphore(0);
        private final byte[] memory;

        Evictor(int index, int mebibytes) {
            super(EVICTOR_NAME + "-" + index);
            memory = new byte[mebibytes << 20];
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    go.acquire();
                    for (int i = 0; i < memory.length; i += 64) {
                        memory[i]++;
                    }
                    done.release();
                }
            } catch (InterruptedException e) {
                // the probe is over
            }
        }
    }
}
