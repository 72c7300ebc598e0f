package io.github.lpconnector.camel.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;

/**
 * The CREATE benchmark: the component, a hand-written camel-http route and a bare async HTTP client, in one JVM,
 * against the LiveEngage emulator on loopback, over a grid of emulator latency × exchanges in flight, plus one cell
 * with a very large number in flight. Run it with {@code mvn -q test-compile exec:exec@benchmark}; every knob is a
 * system property (see {@link Config#fromSystemProperties()}).
 */
public final class ConnectorBenchmark {

    /** The knobs; durations in seconds. */
    public record Config(double jvmWarmupSeconds, List<Integer> latenciesMs, List<Integer> inFlight,
                         double warmupSeconds, double maxExtraWarmupSeconds, double measureSeconds,
                         int bigInFlight, int bigConnections, int bigLatencyMs, double bigWarmupSeconds, double bigMeasureSeconds,
                         List<String> contenders, List<String> bigContenders, Path out, Path publish,
                         int emulatorThreads, boolean collectIds, boolean bigSeparateEmulator, int rounds,
                         int minWindowExchanges, int minWarmupExchanges, double burstSeconds) {

        public static Config fromSystemProperties() {
            return new Config(dbl("bench.jvmWarmup", "8"), ints("bench.latencies", "0,50"), ints("bench.inFlight", "1,16,64,256"),
                    dbl("bench.warmup", "2"), dbl("bench.maxExtraWarmup", "20"), dbl("bench.measure", "12"),
                    Integer.parseInt(prop("bench.bigInFlight", "10000")), Integer.parseInt(prop("bench.bigConnections", "4096")),
                    Integer.parseInt(prop("bench.bigLatency", "2000")),
                    dbl("bench.bigWarmup", "3"), dbl("bench.bigMeasure", "16"),
                    strings("bench.contenders", "component,hand-route,raw-client"),
                    strings("bench.bigContenders", "component,raw-client"),
                    Path.of(prop("bench.out", "target/benchmark")),
                    prop("bench.publish", "").isBlank() ? null : Path.of(prop("bench.publish", "")),
                    Integer.parseInt(prop("bench.emulatorThreads", "2")), false,
                    Boolean.parseBoolean(prop("bench.bigSeparateEmulator", "true")),
                    Integer.parseInt(prop("bench.rounds", "3")),
                    Integer.parseInt(prop("bench.minWindowExchanges", "400")),
                    Integer.parseInt(prop("bench.minWarmupExchanges", "600")),
                    dbl("bench.burst", "1"));
        }

        private static String prop(String name, String def) {
            String v = System.getProperty(name);
            return v == null || v.isBlank() || v.startsWith("${") ? def : v.trim();
        }

        private static List<Integer> ints(String name, String def) {
            return Arrays.stream(prop(name, def).split(",")).map(String::trim).map(Integer::parseInt).toList();
        }

        private static List<String> strings(String name, String def) {
            return Arrays.stream(prop(name, def).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        private static double dbl(String name, String def) {
            return Double.parseDouble(prop(name, def));
        }
    }

    /** What a run produced: the cells, and the conversation ids when {@link Config#collectIds()} is set. */
    public record Outcome(List<CellResult> cells, Set<String> conversationIds) {
    }

    /**
     * {@code -Dbench.threadCpu=true}: print each window's client-side CPU per exchange thread by thread, and the
     * samples of its idle baseline.
     */
    static final boolean THREAD_CPU = Boolean.getBoolean("bench.threadCpu");

    /** How long each cell first measures the client side's CPU with nothing in flight. */
    static final long IDLE_BASELINE_MILLIS = 1000;

    /** The idle baseline is sampled in this many equal parts of it. */
    static final int IDLE_SAMPLES = 5;

    /**
     * How often the emulator forgets the conversations it opened. Kept, they would grow by ~20,000 a second at 0 ms,
     * and collecting them (old-generation copying and marking, by GC threads billed to the client side) would cost
     * each contender more the faster it runs and the longer its window lasts.
     */
    static final Duration FORGET_CONVERSATIONS_EVERY = Duration.ofMillis(200);

    /** Connections of the grid's cells: the component's default pool, which no grid cell outgrows. */
    static final int GRID_CONNECTIONS = io.github.lpconnector.camel.LivePersonConnectorConstants.DEFAULT_MAX_CONNECTIONS;

    private final Config config;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    public ConnectorBenchmark(Config config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Config config = Config.fromSystemProperties();
        Outcome outcome = new ConnectorBenchmark(config).run();
        Report report = new Report(outcome.cells());
        String note = "Each grid cell measures every contender for " + config.measureSeconds() + " s in "
                      + config.rounds() + " rounds (longer where the latency caps the rate: a window lasts at least as"
                      + " long as " + config.minWindowExchanges() + " exchanges take at in flight ÷ latency), taking"
                      + " turns in an order rotated each round, so that the"
                      + " machine's drift is shared rather than billed to whichever ran at a bad moment; a cell's"
                      + " figures are its rounds' totals (exchanges ÷ seconds, CPU and allocation ÷ exchanges,"
                      + " percentiles of all latencies). Each window warms up for " + config.warmupSeconds()
                      + " s or as long as " + config.minWarmupExchanges() + " exchanges take at in flight ÷ latency"
                      + " (a new contender's first exchanges deoptimise code compiled for the previous one, and the"
                      + " JIT compiles again per exchange, not per second), longer (by at most "
                      + config.maxExtraWarmupSeconds() + " s) while the JIT compilers are still busy; a window in"
                      + " which they worked " + WarmUp.JIT_QUIET_NANOS / 1_000_000 + " ms a second or more on average"
                      + " was warm-up too (the recompilation after a deoptimisation waits for the recompiled code's"
                      + " counters, after a quiet spell) and is measured again, at most " + WarmUp.MAX_RETAKES
                      + " times (\"warm-up s\" includes it). \"CPU µs/ex\" is"
                      + " the client's threads (the process minus the emulator's threads, minus the JVM's timer-driven"
                      + " housekeeping threads, and minus the JIT compilers,"
                      + " whose CPU inside the window is the \"JIT ms\" column; GC is included), less what the client"
                      + " side burns with nothing in flight (\"idle ms/s\", measured for "
                      + IDLE_BASELINE_MILLIS / 1000 + " s after each start of the contender in " + IDLE_SAMPLES
                      + " samples: the median of all its samples in the cell); \"alloc KiB/ex\" is what"
                      + " every non-emulator thread allocated. The Camel contenders' contexts run "
                      + (CamelRouteContender.CAMEL_JMX ? "with" : "without") + " JMX management, "
                      + (CamelRouteContender.MICROMETER ? "with" : "without") + " a Micrometer registry.";
        if (config.bigInFlight() > 0 && config.bigSeparateEmulator()) {
            note += " The grid's cells run the emulator in the benchmark's JVM (its threads are left out of CPU and"
                    + " allocation). The " + String.format(java.util.Locale.ROOT, "%,d", config.bigInFlight())
                    + "-in-flight cells take the same turns in windows of " + config.bigMeasureSeconds() + " s and"
                    + " run the emulator in a JVM of its own, so their threads, heap (used after a full GC"
                    + " at the end of the window), CPU and allocation are the client's only; there, \"emulator"
                    + " CPU\" is its JVM's share of both processes' CPU, and \"others' cores\" includes it.";
        }
        report.note(note).withTargets(config.bigInFlight());
        System.out.println();
        System.out.println(report.machine());
        System.out.println(report.console());
        System.out.println(report.targets(config.bigInFlight()));
        report.write(config.out(), config.publish());
        System.out.println("Written: " + config.out().resolve(Report.CSV) + ", " + config.out().resolve(Report.MARKDOWN)
                           + ", " + config.out().resolve(Report.PNG)
                           + (config.publish() != null ? " (and copied to " + config.publish() + ")" : ""));
        System.exit(0);
    }

    /** What a cell needs of the emulator, wherever it runs. */
    private interface Target {
        Workload workload();

        void reset(int latencyMs) throws Exception;

        /** Changes the latency added to every answer, and nothing else. */
        void latency(int latencyMs) throws Exception;

        long created() throws Exception;

        void forgetConversations() throws Exception;

        /** CPU nanoseconds of the emulator's own JVM, or -1 when it runs in this one (then its threads are counted). */
        long separateCpuNanos();
    }

    private static Target inProcess(LiveEngageEmulator emulator) {
        Workload workload = new Workload(emulator);
        return new Target() {
            public Workload workload() {
                return workload;
            }

            public void reset(int latencyMs) {
                emulator.reset();
                emulator.faults().latency(Duration.ofMillis(latencyMs));
            }

            public void latency(int latencyMs) {
                emulator.faults().latency(Duration.ofMillis(latencyMs));
            }

            public long created() {
                return emulator.count("create", 200);
            }

            public void forgetConversations() {
                emulator.forgetConversations();
            }

            public long separateCpuNanos() {
                return -1;
            }
        };
    }

    private static Target separate(EmulatorProcess emulator) {
        return new Target() {
            public Workload workload() {
                return emulator.workload;
            }

            public void reset(int latencyMs) throws Exception {
                emulator.reset(latencyMs);
            }

            public void latency(int latencyMs) throws Exception {
                emulator.latency(latencyMs);
            }

            public long created() throws Exception {
                return emulator.created();
            }

            public void forgetConversations() throws Exception {
                emulator.forgetConversations();
            }

            public long separateCpuNanos() {
                return emulator.cpuNanos();
            }
        };
    }

    public Outcome run() throws Exception {
        List<CellResult> cells = new ArrayList<>();
        try (LiveEngageEmulator inProcessEmulator = LiveEngageEmulator.builder().threads(config.emulatorThreads())
                .multipleOpenConversations(true).forgetConversationsEvery(FORGET_CONVERSATIONS_EVERY).start()) {
            Target emulator = inProcess(inProcessEmulator);
            Workload workload = emulator.workload();
            if (config.jvmWarmupSeconds() > 0) {
                // JIT-compiles every contender's path before the first measured cell, whichever comes first
                // at every latency: a path first taken in a measured cell would be compiled (or deoptimised) there
                List<int[]> warmUps = new ArrayList<>();
                for (int latency : config.latenciesMs()) {
                    warmUps.add(new int[] { latency, latency == 0 ? 16 : 256 });
                    warmUps.add(new int[] { latency, 256 });
                }
                for (int[] cell : warmUps) {
                    for (String name : config.contenders()) {
                        System.out.print("(JVM warm-up) ");
                        runCell(emulator, workload, contender(name), cell[0], cell[1], GRID_CONNECTIONS,
                                config.jvmWarmupSeconds() / warmUps.size(), 0.5);
                    }
                }
            }
            for (int latency : config.latenciesMs()) {
                for (int inFlight : config.inFlight()) {
                    cells.addAll(runRounds(emulator, workload, latency, inFlight));
                }
            }
            if (config.bigInFlight() > 0 && !config.bigSeparateEmulator()) {
                runBigCells(emulator, cells);
            }
        }
        if (config.bigInFlight() > 0 && config.bigSeparateEmulator()) {
            // the emulator in a JVM of its own: heap, threads and allocation are the client's only
            try (EmulatorProcess process = EmulatorProcess.start(config.emulatorThreads())) {
                Target emulator = separate(process);
                if (config.jvmWarmupSeconds() > 0) {
                    // JIT-compiles the emulator's JVM, so that the first big cell does not pay for it
                    System.out.print("(emulator JVM warm-up) ");
                    runCell(emulator, emulator.workload(), contender("raw-client"), 0, 16, GRID_CONNECTIONS,
                            config.jvmWarmupSeconds(), 0.5);
                }
                runBigCells(emulator, cells);
            }
        }
        return new Outcome(cells, ids);
    }

    /**
     * The many-in-flight cell, in rounds like the grid's, each window {@link Config#bigMeasureSeconds()} long: a
     * young collection there copies thousands of live requests and costs hundreds of milliseconds, and whether one
     * lands in a single window moved the CPU ratio between 1.08 and 1.40 from run to run; over rounds, each
     * contender's windows hold several.
     */
    private void runBigCells(Target emulator, List<CellResult> cells) throws Exception {
        cells.addAll(runRounds(emulator, emulator.workload(), config.bigContenders(), config.bigLatencyMs(),
                config.bigInFlight(), config.bigConnections(), config.bigWarmupSeconds(), config.bigMeasureSeconds()));
    }

    /** One cell of the grid: see {@link #runRounds(Target, Workload, List, int, int, int, double, double)}. */
    private List<CellResult> runRounds(Target emulator, Workload workload, int latency, int inFlight)
            throws Exception {
        int rounds = Math.max(1, config.rounds());
        return runRounds(emulator, workload, config.contenders(), latency, inFlight,
                Math.max(GRID_CONNECTIONS, inFlight),
                windowSeconds(config.warmupSeconds(), 1, config.minWarmupExchanges(), latency, inFlight),
                windowSeconds(config.measureSeconds(), rounds, config.minWindowExchanges(), latency, inFlight));
    }

    /**
     * One cell in {@link Config#rounds()} rounds: every round runs each contender for a window, in an order rotated
     * from round to round, so that the machine's drift (other tenants, frequency, where the threads land) is spread
     * over all contenders rather than billed to whichever ran at a bad moment. A contender's figures are its rounds'
     * totals.
     */
    private List<CellResult> runRounds(Target emulator, Workload workload, List<String> names, int latency,
                                       int inFlight, int connections, double warmupSeconds, double windowSeconds)
            throws Exception {
        int rounds = Math.max(1, config.rounds());
        Map<String, List<Window>> windows = new LinkedHashMap<>();
        names.forEach(name -> windows.put(name, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                if (rounds > 1) {
                    System.out.printf("[%d/%d] ", round + 1, rounds);
                }
                windows.get(name).add(runCell(emulator, workload, contender(name), latency, inFlight, connections,
                        warmupSeconds, windowSeconds));
            }
        }
        List<CellResult> cells = new ArrayList<>();
        windows.values().forEach(w -> cells.add(Window.combine(w)));
        return cells;
    }

    /**
     * How long one round's window of a cell lasts: its share of the measured seconds, or, when the emulator's latency
     * caps the cell's rate (in flight ÷ latency) so low that the share would hold fewer than {@code minExchanges}
     * exchanges, as long as that many take at that rate. At one exchange every 50 ms a 4 s window holds 80 exchanges,
     * and the idle CPU subtracted from it (JVM housekeeping, about a third of the client's CPU there) then varies from
     * window to window by as much as the contenders differ.
     */
    static double windowSeconds(double measureSeconds, int rounds, int minExchanges, int latencyMs, int inFlight) {
        double share = measureSeconds / rounds;
        if (latencyMs <= 0) {
            return share;
        }
        return Math.max(share, minExchanges * (latencyMs / 1000.0) / inFlight);
    }

    /**
     * The client side's CPU per nanosecond with nothing in flight (idle I/O reactors, timers), in
     * {@link #IDLE_SAMPLES} samples over {@link #IDLE_BASELINE_MILLIS}. A contender's baseline is the median of all
     * its windows' samples in a cell (see {@link Window#combine}), so that a burst landing in some of them is not
     * taken for the rate of a whole window: at 20 exchanges/s, one 10 ms burst extrapolated over a window outweighs
     * the exchanges' own CPU, and the median of one window's five samples still read 3 ms/s where the others read 0.5.
     */
    private static double[] idleSamples() throws InterruptedException {
        double[] rates = new double[IDLE_SAMPLES];
        Meter.Snapshot from = Meter.snapshot();
        for (int i = 0; i < IDLE_SAMPLES; i++) {
            Thread.sleep(IDLE_BASELINE_MILLIS / IDLE_SAMPLES);
            Meter.Snapshot to = Meter.snapshot();
            rates[i] = (double) Meter.clientCpu(from, to) / (to.nanos() - from.nanos());
            from = to;
        }
        if (THREAD_CPU) {
            System.out.printf(Locale.ROOT, "idle samples, client-side CPU us/s: %s%n    ",
                    Arrays.toString(Arrays.stream(rates).mapToLong(r -> Math.round(r * 1e6)).toArray()));
        }
        return rates;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * What one contender did in one measurement window, as totals, so that windows add up.
     *
     * @param clientCpuNanos   the client side's CPU in the window, its idle CPU included
     * @param emulatorCpuNanos the emulator's CPU, of {@code processCpuNanos} (both processes' when it runs apart)
     * @param idleSamples      the client side's CPU per nanosecond with nothing in flight, sampled before the window
     */
    record Window(String contender, int latencyMs, int inFlight, long[] sortedLatencies, long completed,
                  double seconds, long clientCpuNanos, long allocatedBytes, int threads, double heapMiB,
                  long emulatorCpuNanos, long processCpuNanos, double otherCores, long ok, long errors,
                  long created, double warmupSeconds, long jitNanos, double[] idleSamples) {

        /**
         * The windows' totals. Each window's CPU is less the contender's idle CPU over it, at the median of all the
         * windows' idle samples (a window's net CPU may then be negative; only the total is clamped).
         */
        static CellResult combine(List<Window> windows) {
            Window first = windows.get(0);
            double idle = median(windows.stream().flatMapToDouble(w -> Arrays.stream(w.idleSamples())).toArray());
            long completed = 0;
            double seconds = 0;
            double cpu = 0;
            long allocated = 0;
            int threads = 0;
            double heap = 0;
            long emulatorCpu = 0;
            long processCpu = 0;
            double otherCoreSeconds = 0;
            long ok = 0;
            long errors = 0;
            long created = 0;
            double warmup = 0;
            long jit = 0;
            int samples = 0;
            List<CellResult.Round> rounds = new ArrayList<>();
            for (Window w : windows) {
                double exchanges = Math.max(1, w.completed());
                double netCpu = w.clientCpuNanos() - idle * w.seconds() * 1e9;
                rounds.add(new CellResult.Round(w.completed() / w.seconds(),
                        Math.max(0, netCpu) / 1e3 / exchanges, w.allocatedBytes() / 1024.0 / exchanges));
                completed += w.completed();
                seconds += w.seconds();
                cpu += netCpu;
                allocated += w.allocatedBytes();
                threads = Math.max(threads, w.threads());
                heap = Math.max(heap, w.heapMiB());
                emulatorCpu += w.emulatorCpuNanos();
                processCpu += w.processCpuNanos();
                otherCoreSeconds += w.otherCores() * w.seconds();
                ok += w.ok();
                errors += w.errors();
                created += w.created();
                warmup += w.warmupSeconds();
                jit += w.jitNanos();
                samples += w.sortedLatencies().length;
            }
            long[] latencies = new long[samples];
            int at = 0;
            for (Window w : windows) {
                System.arraycopy(w.sortedLatencies(), 0, latencies, at, w.sortedLatencies().length);
                at += w.sortedLatencies().length;
            }
            Arrays.sort(latencies);
            double perExchange = Math.max(1, completed);
            return new CellResult(first.contender(), first.latencyMs(), first.inFlight(), completed / seconds,
                    percentile(latencies, 0.50), percentile(latencies, 0.99),
                    Math.max(0, cpu) / 1e3 / perExchange, allocated / 1024.0 / perExchange, threads, heap,
                    share(emulatorCpu, processCpu), otherCoreSeconds / seconds, ok, errors, created, warmup,
                    jit / 1_000_000, idle * 1e3, List.copyOf(rounds));
        }
    }

    static Contender contender(String name) {
        Supplier<Contender> s = switch (name) {
            case "component" -> ComponentContender::new;
            case "hand-route" -> HandRouteContender::new;
            case "raw-client" -> RawClientContender::new;
            default -> throw new IllegalArgumentException("unknown contender " + name
                                                          + "; expected component, hand-route or raw-client");
        };
        return s.get();
    }

    /** Counts what comes back; latencies only inside the measurement window. */
    private final class Recorder {
        final long[] latencies;
        final AtomicInteger recorded = new AtomicInteger();
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicReference<Throwable> firstError = new AtomicReference<>();
        volatile boolean measuring;

        Recorder(int capacity) {
            latencies = new long[capacity];
        }

        void record(long start, String conversationId, Throwable failure) {
            long elapsed = System.nanoTime() - start;
            if (failure != null || conversationId == null) {
                errors.increment();
                firstError.compareAndSet(null, failure != null ? failure : new IllegalStateException("no conversationId"));
                return;
            }
            ok.increment();
            if (config.collectIds()) {
                ids.add(conversationId);
            }
            if (measuring) {
                int i = recorded.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = elapsed;
                }
            }
        }
    }

    private Window runCell(Target emulator, Workload workload, Contender contender, int latencyMs,
                               int inFlight, int connections, double warmupSeconds, double measureSeconds)
            throws Exception {
        emulator.reset(latencyMs);
        System.gc();
        Set<Long> baselineThreads = Meter.clientThreadIds();
        long created0 = emulator.created();
        System.out.printf("%-10s latency %4d ms, %5d in flight: ", contender.name(), latencyMs, inFlight);
        System.out.flush();
        try (contender) {
            contender.start(workload, inFlight, connections);
            // what the client side burns with nothing in flight (JVM housekeeping, idle I/O reactors, timers): at
            // 20 exchanges/s it would otherwise be most of the "per exchange" figure
            double[] idleSamples = idleSamples();
            // capacity: far more than the window can complete at loopback speed
            Recorder recorder = new Recorder((int) Math.min(4_000_000, 60_000 * Math.max(1, measureSeconds)));
            Semaphore permits = new Semaphore(inFlight);
            long t0 = System.nanoTime();
            // a new contender's first exchanges deoptimise what the JIT compiled for the previous one; the JIT
            // compiles it again once it ran often enough, which at 20 exchanges/s takes minutes: a burst without the
            // emulator's latency gets it there in a second
            long burstEnd = latencyMs > 0 && config.burstSeconds() > 0 ? t0 + (long) (config.burstSeconds() * 1e9) : t0;
            if (burstEnd > t0) {
                emulator.latency(0);
            }
            WarmUp warmUp = null;
            long end = Long.MAX_VALUE;
            Meter.Snapshot before = null;
            long separateCpuBefore = -1;
            Meter.Snapshot after = null;
            long separateCpuAfter = -1;
            long submitted = 0;
            int retakes = 0;
            while (true) {
                long now = System.nanoTime();
                if (warmUp == null && now >= burstEnd) {
                    if (burstEnd > t0) {
                        emulator.latency(latencyMs);
                    }
                    warmUp = new WarmUp(now, warmupSeconds, config.maxExtraWarmupSeconds());
                }
                if (before == null && warmUp != null && warmUp.over(now)) {
                    before = Meter.snapshot();
                    separateCpuBefore = emulator.separateCpuNanos();
                    recorder.measuring = true;
                    end = now + (long) (measureSeconds * 1e9);
                }
                if (now >= end) {
                    after = Meter.snapshot();
                    separateCpuAfter = emulator.separateCpuNanos();
                    if (retakes < WarmUp.MAX_RETAKES
                        && WarmUp.jitBusy(Meter.jitCpu(before, after), after.nanos() - before.nanos())) {
                        // the JIT was still compiling the contender's path: that window was warm-up, measure another
                        retakes++;
                        before = after;
                        separateCpuBefore = separateCpuAfter;
                        recorder.recorded.set(0);
                        end = after.nanos() + (long) (measureSeconds * 1e9);
                        continue;
                    }
                    break;
                }
                long phaseEnd = warmUp == null ? burstEnd : before == null ? warmUp.nextCheck() : end;
                if (!permits.tryAcquire(phaseEnd - now, TimeUnit.NANOSECONDS)) {
                    continue;
                }
                long start = System.nanoTime();
                submitted++;
                try {
                    contender.submit((id, failure) -> {
                        recorder.record(start, id, failure);
                        permits.release();
                    });
                } catch (RuntimeException e) {
                    recorder.record(start, null, e);
                    permits.release();
                }
            }
            recorder.measuring = false;
            int threads = Meter.clientThreadsBesides(baselineThreads);
            emulator.forgetConversations(); // the heap figure is the client's exchanges in flight, not the emulator's store
            System.gc();
            double heapMiB = Meter.heapUsed() / (1024.0 * 1024.0);

            long drainMillis = 30_000 + 3L * latencyMs;
            if (!permits.tryAcquire(inFlight, drainMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(contender.name() + ": " + permits.availablePermits() + " of " + inFlight
                                                + " exchanges still in flight " + drainMillis + " ms after the window");
            }
            int n = Math.min(recorder.recorded.get(), recorder.latencies.length);
            long[] sorted = Arrays.copyOf(recorder.latencies, n);
            Arrays.sort(sorted);
            double seconds = (after.nanos() - before.nanos()) / 1e9;
            long emulatorCpu;
            long processCpu;
            if (separateCpuBefore >= 0 && separateCpuAfter >= 0) {
                emulatorCpu = separateCpuAfter - separateCpuBefore;
                processCpu = emulatorCpu + Meter.processCpu(before, after);
            } else {
                emulatorCpu = Meter.emulatorCpu(before, after);
                processCpu = Meter.processCpu(before, after);
            }
            Window window = new Window(contender.name(), latencyMs, inFlight, sorted, recorder.recorded.get(), seconds,
                    Meter.clientCpu(before, after),
                    Meter.clientAllocated(before, after), threads, heapMiB, emulatorCpu, processCpu,
                    Meter.otherProcessesCores(before, after), recorder.ok.sum(), recorder.errors.sum(),
                    emulator.created() - created0, (before.nanos() - t0) / 1e9, Meter.jitCpu(before, after),
                    idleSamples);
            if (THREAD_CPU) {
                printThreadCpu(before, after, recorder.recorded.get(), median(idleSamples));
            }
            if (recorder.ok.sum() + recorder.errors.sum() != submitted) {
                throw new IllegalStateException(contender.name() + ": " + submitted + " submitted but "
                                                + (recorder.ok.sum() + recorder.errors.sum()) + " completed");
            }
            System.out.printf("%,10.0f/s  p50 %7.2f ms  p99 %7.2f ms  (warm-up %4.1f s%s, JIT %4d ms in window)  %s%n",
                    window.completed() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
                    window.warmupSeconds(), retakes == 0 ? "" : " with " + retakes + " window" + (retakes > 1 ? "s" : "") + " retaken",
                    window.jitNanos() / 1_000_000, recorder.errors.sum() == 0 ? ""
                            : recorder.errors.sum() + " errors, first: " + recorder.firstError.get());
            return window;
        }
    }

    /** Prints a window's client-side CPU per exchange thread by thread, and where the window lies in JVM uptime. */
    private static void printThreadCpu(Meter.Snapshot before, Meter.Snapshot after, long completed,
                                       double idleCpuPerNano) {
        long exchanges = Math.max(1, completed);
        long windowMillis = (after.nanos() - before.nanos()) / 1_000_000;
        long endUptime = ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - after.nanos()) / 1_000_000;
        StringBuilder line = new StringBuilder("\n    CPU us/ex by thread:");
        Meter.clientCpuByThreadName(before, after).forEach((name, nanos) -> {
            if (nanos / 1e3 / exchanges >= 0.5) {
                line.append(String.format(Locale.ROOT, " %s=%.1f", name, nanos / 1e3 / exchanges));
            }
        });
        line.append(String.format(Locale.ROOT, " (idle %.1f us/ex; window at JVM uptime %d-%d ms)%n    ",
                idleCpuPerNano * (after.nanos() - before.nanos()) / 1e3 / exchanges, endUptime - windowMillis,
                endUptime));
        System.out.print(line);
    }

    /**
     * When a cell's warm-up is over: after the configured seconds, once the JIT compilers worked less than
     * {@link #JIT_QUIET_NANOS} in each of the last {@link #QUIET_SECONDS} seconds (a cold JVM is not what is measured; the compilers' CPU is
     * left out of the client's and reported apart), and at the latest {@code maxExtraSeconds} later.
     */
    static final class WarmUp {
        static final long JIT_QUIET_NANOS = 20_000_000L;
        static final int QUIET_SECONDS = 2;
        /**
         * How many times a window is measured again when the JIT compilers were busy in it: a quiet warm-up can end
         * between a deoptimisation's first recompilation and its last (which waits for the recompiled code's counters).
         */
        static final int MAX_RETAKES = 2;
        private static final long CHECK_NANOS = 1_000_000_000L;

        private final long earliest;
        private final long latest;
        private long nextCheck;
        private long jitAtLastCheck;
        private int quietSeconds;

        WarmUp(long start, double warmupSeconds, double maxExtraSeconds) {
            earliest = start + (long) (warmupSeconds * 1e9);
            latest = earliest + (long) (maxExtraSeconds * 1e9);
            nextCheck = Math.max(start, earliest - QUIET_SECONDS * CHECK_NANOS);
            jitAtLastCheck = Long.MIN_VALUE;
        }

        long nextCheck() {
            return nextCheck;
        }

        /** Whether the JIT compilers worked, on average, as much as a second the warm-up would not call quiet. */
        static boolean jitBusy(long jitNanos, long windowNanos) {
            return jitNanos >= 0 && (double) jitNanos >= JIT_QUIET_NANOS * (windowNanos / 1e9);
        }

        boolean over(long now) {
            if (now < nextCheck) {
                return false;
            }
            long jit = Meter.jitCpu();
            boolean quietSecond = jit < 0 || (jitAtLastCheck != Long.MIN_VALUE && jit - jitAtLastCheck < JIT_QUIET_NANOS);
            quietSeconds = quietSecond ? quietSeconds + 1 : 0;
            if (now >= earliest && (quietSeconds >= QUIET_SECONDS || now >= latest)) {
                return true;
            }
            jitAtLastCheck = jit;
            nextCheck = now + CHECK_NANOS;
            return false;
        }
    }

    private static double share(long part, long whole) {
        return whole <= 0 ? Double.NaN : (double) part / whole;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : nearestRank(sorted, p) / 1e6;
    }

    /** The {@code p} percentile of non-empty {@code sorted} values, by nearest rank. */
    static long nearestRank(long[] sorted, double p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)];
    }
}
