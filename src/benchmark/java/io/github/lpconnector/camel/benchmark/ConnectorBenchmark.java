package io.github.lpconnector.camel.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.lpconnector.camel.LivePersonConnectorConstants;

/**
 * The CREATE benchmark: the component, a hand-written camel-http route and a bare async HTTP client, against the
 * LiveEngage emulator on loopback, over a grid of emulator latency × exchanges in flight, then one cell with very
 * many exchanges in flight. Run it with {@code mvn -Pbenchmark -q test-compile exec:exec@benchmark}; every knob is
 * a {@code bench.*} system property (see {@link Config#fromSystemProperties()}).
 */
public final class ConnectorBenchmark {

    /** Connections of the grid's cells: the component's default pool, which no grid cell outgrows. */
    static final int GRID_CONNECTIONS = LivePersonConnectorConstants.DEFAULT_MAX_CONNECTIONS;

    /**
     * Latency of the many-in-flight cell: what it measures is holding that many exchanges at once, so their answers
     * come slowly (2,048 a second at most on {@link #BIG_CONNECTIONS}) rather than as fast as the CPU allows.
     */
    static final int BIG_LATENCY_MS = 2000;

    /** Connections of the many-in-flight cell: 4,096 on the wire at once, the rest waiting for one in the pool. */
    static final int BIG_CONNECTIONS = 4096;

    /** The hand route needs a thread per exchange in flight, so it stays out of the many-in-flight cell. */
    static final String NOT_IN_BIG_CELL = Report.HAND;

    /**
     * The knobs; durations in seconds.
     *
     * @param jvmWarmupSeconds   how long every contender runs before the first measured cell, so that the JIT has
     *                           compiled their paths (0 skips it)
     * @param warmupSeconds      how long each turn runs before its window is measured
     * @param measureSeconds     how long each contender is measured in each grid cell, over all rounds
     * @param rounds             turns each contender takes in each cell, in an order rotated from round to round
     * @param minWindowExchanges a window lasts at least as long as this many exchanges take at in flight ÷ latency
     * @param bigInFlight        exchanges in flight of the many-in-flight cell (0 skips it)
     * @param bigLatencyMs       emulator latency of the many-in-flight cell
     * @param bigConnections     connections of the many-in-flight cell
     * @param bigMeasureSeconds  how long each contender is measured in the many-in-flight cell, over all rounds
     * @param publish            a folder the Markdown report and the chart are also copied to, or null
     */
    public record Config(List<Integer> latenciesMs, List<Integer> inFlight, List<String> contenders,
                         double jvmWarmupSeconds, double warmupSeconds, double measureSeconds, int rounds,
                         int minWindowExchanges, int bigInFlight, int bigLatencyMs, int bigConnections,
                         double bigMeasureSeconds, int emulatorThreads, Path out, Path publish) {

        public Config {
            if (measureSeconds <= 0 || bigMeasureSeconds <= 0 || rounds < 1) {
                throw new IllegalArgumentException("measure, bigMeasure and rounds must be positive");
            }
        }

        /** The knobs from {@code bench.*} system properties; an unset or blank one takes its default. */
        public static Config fromSystemProperties() {
            String publish = prop("bench.publish", "");
            return new Config(ints("bench.latencies", "0,50"), ints("bench.inFlight", "1,16,64,256"),
                    Arrays.asList(prop("bench.contenders", "component,hand-route,raw-client").split("\\s*,\\s*")),
                    dbl("bench.jvmWarmup", "30"), dbl("bench.warmup", "6"), dbl("bench.measure", "12"),
                    integer("bench.rounds", "3"), integer("bench.minWindowExchanges", "400"),
                    integer("bench.bigInFlight", "10000"), BIG_LATENCY_MS, BIG_CONNECTIONS,
                    dbl("bench.bigMeasure", "48"), integer("bench.emulatorThreads", "2"),
                    Path.of(prop("bench.out", "target/benchmark")), publish.isEmpty() ? null : Path.of(publish));
        }

        private static String prop(String name, String def) {
            String v = System.getProperty(name);
            return v == null || v.isBlank() ? def : v.trim();
        }

        private static List<Integer> ints(String name, String def) {
            return Arrays.stream(prop(name, def).split(",")).map(String::trim).map(Integer::parseInt).toList();
        }

        private static int integer(String name, String def) {
            return Integer.parseInt(prop(name, def));
        }

        private static double dbl(String name, String def) {
            return Double.parseDouble(prop(name, def));
        }
    }

    private final Config config;

    public ConnectorBenchmark(Config config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Config config = Config.fromSystemProperties();
        publish(config, new ConnectorBenchmark(config).run(), System.out);
        System.exit(0);
    }

    /** Prints the machine, the table and the targets to {@code out}, and writes the reports. */
    static Report publish(Config config, List<CellResult> cells, PrintStream out) throws IOException {
        Report report = new Report(cells, config.bigInFlight(), config.bigLatencyMs(), note(config));
        out.println();
        out.println(Report.machine());
        out.println(report.console());
        out.println(report.targets());
        report.write(config.out(), config.publish());
        out.println("Written: " + config.out().resolve(Report.CSV) + ", " + config.out().resolve(Report.MARKDOWN)
                    + ", " + config.out().resolve(Report.PNG)
                    + (config.publish() != null ? " (and copied to " + config.publish() + ")" : ""));
        return report;
    }

    /** Every cell of the grid, then the many-in-flight cell. */
    public List<CellResult> run() throws Exception {
        List<CellResult> cells = new ArrayList<>();
        try (Emulator emulator = Emulator.inProcess(config.emulatorThreads())) {
            warmUp(emulator, config.contenders());
            for (int latency : config.latenciesMs()) {
                for (int inFlight : config.inFlight()) {
                    cells.addAll(cell(emulator, config.contenders(), latency, inFlight,
                            Math.max(GRID_CONNECTIONS, inFlight), config.warmupSeconds(), config.measureSeconds()));
                }
            }
        }
        List<String> big = config.contenders().stream().filter(name -> !name.equals(NOT_IN_BIG_CELL)).toList();
        if (config.bigInFlight() > 0 && !big.isEmpty()) {
            // the emulator in a JVM of its own: heap, threads and allocation are the client's only
            try (Emulator emulator = EmulatorProcess.start(config.emulatorThreads())) {
                warmUp(emulator, List.of(Report.RAW)); // the emulator's JVM is new
                // the warm-up lasts one latency more: by then every exchange started is in flight
                cells.addAll(cell(emulator, big, config.bigLatencyMs(), config.bigInFlight(), config.bigConnections(),
                        config.warmupSeconds() + config.bigLatencyMs() / 1000.0, config.bigMeasureSeconds()));
            }
        }
        return cells;
    }

    /** Runs each contender for a share of {@link Config#jvmWarmupSeconds()}, unmeasured. */
    private void warmUp(Emulator emulator, List<String> names) throws Exception {
        if (config.jvmWarmupSeconds() <= 0) {
            return;
        }
        for (String name : names) {
            System.out.print("(JVM warm-up) ");
            Window.run(emulator, contender(name), 0, 64, GRID_CONNECTIONS, 0, config.jvmWarmupSeconds() / names.size());
        }
    }

    /**
     * One cell in {@link Config#rounds()} rounds: every round runs each contender for a window, in an order rotated
     * from round to round, so that the machine's drift (other tenants, frequency, where the threads land) is spread
     * over all contenders rather than billed to whichever ran at a bad moment.
     */
    private List<CellResult> cell(Emulator emulator, List<String> names, int latencyMs, int inFlight, int connections,
                                  double warmupSeconds, double measureSeconds) throws Exception {
        int rounds = config.rounds();
        double window = windowSeconds(measureSeconds / rounds, config.minWindowExchanges(), latencyMs, inFlight);
        Map<String, List<Window>> windows = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                System.out.printf("[%d/%d] ", round + 1, rounds);
                windows.computeIfAbsent(name, n -> new ArrayList<>()).add(Window.run(emulator, contender(name),
                        latencyMs, inFlight, connections, warmupSeconds, window));
            }
        }
        return windows.values().stream().map(Window::combine).toList();
    }

    /**
     * How long one window lasts: its share of the measured seconds, or, where the emulator's latency caps the rate
     * (in flight ÷ latency) so low that the share would hold fewer than {@code minExchanges} exchanges, as long as
     * that many take at that rate (20 s for 400 at 50 ms with 1 in flight, where 4 s would hold 80).
     */
    static double windowSeconds(double share, int minExchanges, int latencyMs, int inFlight) {
        return latencyMs <= 0 ? share : Math.max(share, minExchanges * (latencyMs / 1000.0) / inFlight);
    }

    static Contender contender(String name) {
        return switch (name) {
            case Report.COMPONENT -> new ComponentContender();
            case Report.HAND -> new HandRouteContender();
            case Report.RAW -> new RawClientContender();
            default -> throw new IllegalArgumentException("unknown contender " + name
                                                          + "; expected component, hand-route or raw-client");
        };
    }

    /** How the run was made, for the Markdown report. */
    static String note(Config c) {
        String note = String.format(Locale.ROOT, "Each cell runs every contender in %d rounds, taking turns in an"
                + " order rotated each round; a turn starts a fresh contender, warms it up for %s s and measures it"
                + " for %s s of the cell's %s s (at least as long as %d exchanges take at in flight ÷ latency). A"
                + " cell's figures are its windows' totals. \"CPU µs/ex\" is the client side's threads (every thread"
                + " but the emulator's, the JIT compilers' and the JVM's timer-driven housekeeping; GC included),"
                + " \"alloc KiB/ex\" what they allocated, \"emulator CPU\" the emulator's share of the CPU both sides"
                + " used. The Camel contenders run %s JMX management and %s a Micrometer registry.",
                c.rounds(), fmt(c.warmupSeconds()), fmt(c.measureSeconds() / c.rounds()), fmt(c.measureSeconds()),
                c.minWindowExchanges(), CamelRouteContender.CAMEL_JMX ? "with" : "without",
                CamelRouteContender.MICROMETER ? "with" : "without");
        if (c.bigInFlight() > 0) {
            note += String.format(Locale.ROOT, " The %,d-in-flight cells (%,d ms latency, %,d connections, %s s a"
                    + " contender, each turn warmed up one latency longer) run the emulator in a JVM of its own, so"
                    + " that their threads and heap (used, after a full GC at the end of the window) are the client's"
                    + " only.",
                    c.bigInFlight(), c.bigLatencyMs(), c.bigConnections(), fmt(c.bigMeasureSeconds()));
        }
        return note;
    }

    private static String fmt(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
