package io.github.lpconnector.camel.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Prints and writes the results: console table, CSV, Markdown and a PNG chart of throughput against in-flight. */
final class Report {

    static final String CSV = "results.csv";
    static final String MARKDOWN = "results.md";
    static final String PNG = "throughput.png";
    static final String RAW = "raw-client";
    static final String HAND = "hand-route";
    static final String COMPONENT = "component";

    private static final String[] HEAD = { "latency ms", "in flight", "contender", "exchanges/s", "p50 ms", "p99 ms",
            "CPU µs/ex", "alloc KiB/ex", "threads", "heap MiB", "÷ raw", "÷ hand", "CPU ÷ raw", "alloc ÷ raw",
            "emulator CPU", "others' cores", "warm-up s", "JIT ms", "idle ms/s", "errors" };

    private final List<CellResult> cells;

    private String note;
    private int bigInFlight = -1;

    /** A paragraph the Markdown report shows under the machine line (how the run was made). */
    Report note(String text) {
        this.note = text;
        return this;
    }

    /** Makes the Markdown report end with the {@link #targets} (the cells of {@code bigInFlight} judged apart). */
    Report withTargets(int bigInFlight) {
        this.bigInFlight = bigInFlight;
        return this;
    }

    Report(List<CellResult> cells) {
        this.cells = cells;
    }

    private Optional<CellResult> find(String contender, int latency, int inFlight) {
        return cells.stream().filter(c -> c.contender().equals(contender) && c.latencyMs() == latency
                                          && c.inFlight() == inFlight).findFirst();
    }

    private double ratio(CellResult c, String other, ToDoubleFunction<CellResult> metric) {
        return find(other, c.latencyMs(), c.inFlight()).map(o -> metric.applyAsDouble(c) / metric.applyAsDouble(o))
                .orElse(Double.NaN);
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (CellResult c : cells) {
            rows.add(new String[] { Integer.toString(c.latencyMs()), Integer.toString(c.inFlight()), c.contender(),
                    fmt("%,.0f", c.throughput()), fmt("%.2f", c.p50Ms()), fmt("%.2f", c.p99Ms()),
                    fmt("%.0f", c.cpuUsPerExchange()), fmt("%.1f", c.allocKbPerExchange()), Integer.toString(c.threads()),
                    fmt("%.0f", c.heapMiB()),
                    fmt("%.2f", ratio(c, RAW, CellResult::throughput)), fmt("%.2f", ratio(c, HAND, CellResult::throughput)),
                    fmt("%.2f", ratio(c, RAW, CellResult::cpuUsPerExchange)),
                    fmt("%.2f", ratio(c, RAW, CellResult::allocKbPerExchange)),
                    fmt("%.0f%%", 100 * c.emulatorCpuShare()), fmt("%.2f", c.otherCores()),
                    fmt("%.1f", c.warmupSeconds()), Long.toString(c.jitMs()), fmt("%.1f", c.idleCpuMsPerSecond()),
                    Long.toString(c.errors()) });
        }
        return rows;
    }

    private static String fmt(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%s; %s %s (%s); %d CPUs; Java %s (%s); max heap %d MiB; load average %.2f",
                LocalDate.now(), os.getName(), os.getVersion(), os.getArch(), os.getAvailableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), os.getSystemLoadAverage());
    }

    String console() {
        List<String[]> rows = rows();
        int[] width = new int[HEAD.length];
        for (int i = 0; i < HEAD.length; i++) {
            width[i] = HEAD[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, HEAD, width);
        for (String[] r : rows) {
            appendRow(out, r, width);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cols, int[] width) {
        for (int i = 0; i < cols.length; i++) {
            out.append(i == 2 ? String.format("%-" + width[i] + "s", cols[i]) : String.format("%" + width[i] + "s", cols[i]))
                    .append(i < cols.length - 1 ? "  " : "\n");
        }
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine()).append("\n\n");
        if (note != null) {
            out.append(note).append("\n\n");
        }
        out.append("| ").append(String.join(" | ", HEAD)).append(" |\n|");
        for (int i = 0; i < HEAD.length; i++) {
            out.append(i == 2 ? " --- |" : " ---: |");
        }
        out.append('\n');
        for (String[] r : rows()) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (bigInFlight >= 0) {
            out.append("\n```\n").append(targets(bigInFlight)).append("```\n");
        }
        return out.toString();
    }

    String csv() {
        StringBuilder out = new StringBuilder("latency_ms,in_flight,contender,throughput_per_s,p50_ms,p99_ms,"
                                              + "cpu_us_per_exchange,alloc_kib_per_exchange,threads,heap_mib,"
                                              + "throughput_vs_raw,throughput_vs_hand,cpu_vs_raw,alloc_vs_raw,"
                                              + "emulator_cpu_share,other_processes_cores,warmup_s,jit_ms,idle_cpu_ms_per_s,completed,errors,emulator_created\n");
        for (CellResult c : cells) {
            out.append(String.format(Locale.ROOT, "%d,%d,%s,%.1f,%.3f,%.3f,%.1f,%.2f,%d,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%.2f,%.1f,%d,%.2f,%d,%d,%d%n",
                    c.latencyMs(), c.inFlight(), c.contender(), c.throughput(), c.p50Ms(), c.p99Ms(),
                    c.cpuUsPerExchange(), c.allocKbPerExchange(), c.threads(), c.heapMiB(),
                    ratio(c, RAW, CellResult::throughput), ratio(c, HAND, CellResult::throughput),
                    ratio(c, RAW, CellResult::cpuUsPerExchange), ratio(c, RAW, CellResult::allocKbPerExchange),
                    c.emulatorCpuShare(), c.otherCores(), c.warmupSeconds(), c.jitMs(), c.idleCpuMsPerSecond(), c.completed(), c.errors(), c.emulatorCreated()));
        }
        return out.toString();
    }

    /**
     * The targets, each with the measured value (from the cell's totals, what is judged) and, for a ratio
     * of a cell measured in rounds, the lowest and highest of the rounds' own ratios: contenders that ran in the same
     * round are compared, so the spread shows how far the machine moved the ratio within the run.
     */
    String targets(int bigInFlight) {
        StringBuilder out = new StringBuilder("Targets (same run; in brackets the lowest and highest of the rounds' own ratios):\n");
        find(COMPONENT, 50, 64).ifPresent(c -> {
            check(out, "64 in flight, 50 ms: >= 0.95 x 1,280/s", c.throughput() / 1280.0, 0.95, true,
                    c.rounds().stream().map(r -> r.throughput() / 1280.0).toList());
            check(out, "64 in flight, 50 ms: >= 0.95 x raw", ratio(c, RAW, CellResult::throughput), 0.95, true,
                    roundRatios(c, RAW, CellResult.Round::throughput));
        });
        cells.stream().filter(c -> c.contender().equals(COMPONENT) && c.latencyMs() == 0).forEach(c -> {
            check(out, c.inFlight() + " in flight, 0 ms: >= 0.85 x raw", ratio(c, RAW, CellResult::throughput), 0.85,
                    true, roundRatios(c, RAW, CellResult.Round::throughput));
            check(out, c.inFlight() + " in flight, 0 ms: >= 1.5 x hand route", ratio(c, HAND, CellResult::throughput),
                    1.5, true, roundRatios(c, HAND, CellResult.Round::throughput));
        });
        cells.stream().filter(c -> c.contender().equals(COMPONENT) && c.inFlight() == bigInFlight).forEach(c -> {
            check(out, bigInFlight + " in flight: <= 16 client-side threads", c.threads(), 16, false, List.of());
            check(out, bigInFlight + " in flight: <= 256 MiB heap", c.heapMiB(), 256, false, List.of());
        });
        // every cell's CPU and allocation, the many-in-flight cell's included
        cells.stream().filter(c -> c.contender().equals(COMPONENT)).forEach(c -> {
            String at = c.inFlight() + " in flight, " + c.latencyMs() + " ms: ";
            check(out, at + "CPU/exchange <= 1.2 x raw", ratio(c, RAW, CellResult::cpuUsPerExchange), 1.2, false,
                    roundRatios(c, RAW, CellResult.Round::cpuUsPerExchange));
            check(out, at + "alloc/exchange <= 1.2 x raw", ratio(c, RAW, CellResult::allocKbPerExchange), 1.2, false,
                    roundRatios(c, RAW, CellResult.Round::allocKbPerExchange));
        });
        return out.toString();
    }

    /** Round by round, {@code c}'s figure over {@code other}'s of the same round; empty unless both ran in rounds. */
    private List<Double> roundRatios(CellResult c, String other, ToDoubleFunction<CellResult.Round> metric) {
        Optional<CellResult> o = find(other, c.latencyMs(), c.inFlight());
        if (o.isEmpty() || o.get().rounds().size() != c.rounds().size()) {
            return List.of();
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < c.rounds().size(); i++) {
            ratios.add(metric.applyAsDouble(c.rounds().get(i)) / metric.applyAsDouble(o.get().rounds().get(i)));
        }
        return ratios;
    }

    private static String spread(List<Double> ratios) {
        if (ratios.size() < 2) {
            return "";
        }
        DoubleSummaryStatistics s = ratios.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return String.format(Locale.ROOT, "  (%.2f-%.2f)", s.getMin(), s.getMax());
    }

    private static void check(StringBuilder out, String what, double value, double bound, boolean atLeast,
                              List<Double> roundValues) {
        boolean met = atLeast ? value >= bound : value <= bound;
        out.append(String.format(Locale.ROOT, "  %-4s %-48s %.2f%s%n", Double.isNaN(value) ? "n/a" : met ? "MET" : "MISS",
                what, value, spread(roundValues)));
    }

    void write(Path dir, Path publish) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CSV), csv());
        Files.writeString(dir.resolve(MARKDOWN), markdown());
        BitmapEncoder.saveBitmap(chart(), dir.resolve(PNG).toString(), BitmapEncoder.BitmapFormat.PNG);
        if (publish != null) {
            Files.createDirectories(publish);
            Files.copy(dir.resolve(MARKDOWN), publish.resolve(MARKDOWN), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve(PNG), publish.resolve(PNG), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    XYChart chart() {
        XYChart chart = new XYChartBuilder().width(1000).height(560)
                .title("CREATE throughput against exchanges in flight (emulator on loopback)")
                .xAxisTitle("exchanges in flight").yAxisTitle("exchanges/s").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<Integer> latencies = cells.stream().map(CellResult::latencyMs).distinct().sorted().toList();
        for (int latency : latencies) {
            for (String contender : List.of(COMPONENT, HAND, RAW)) {
                List<CellResult> line = cells.stream()
                        .filter(c -> c.contender().equals(contender) && c.latencyMs() == latency && c.throughput() > 0)
                        .sorted(java.util.Comparator.comparingInt(CellResult::inFlight)).toList();
                if (line.isEmpty()) {
                    continue;
                }
                var series = chart.addSeries(contender + ", " + latency + " ms",
                        line.stream().mapToDouble(CellResult::inFlight).toArray(),
                        line.stream().mapToDouble(CellResult::throughput).toArray());
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }
}
