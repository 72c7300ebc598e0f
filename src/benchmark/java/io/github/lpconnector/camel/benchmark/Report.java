package io.github.lpconnector.camel.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The results as a console table, CSV, Markdown and a PNG chart of throughput against exchanges in flight, and the
 * targets the component is held to, each MET or NOT MET.
 */
final class Report {

    static final String CSV = "results.csv";
    static final String MARKDOWN = "results.md";
    static final String PNG = "throughput.png";
    static final String COMPONENT = "component";
    static final String HAND = "hand-route";
    static final String RAW = "raw-client";

    private static final String[] HEAD = { "latency ms", "in flight", "contender", "exchanges/s", "p50 ms", "p99 ms",
            "CPU µs/ex", "alloc KiB/ex", "threads", "heap MiB", "÷ raw", "÷ hand", "CPU ÷ raw", "alloc ÷ raw",
            "emulator CPU", "errors" };

    private final List<CellResult> cells;
    private final int bigInFlight;
    private final int bigLatencyMs;
    private final String note;

    /**
     * @param bigInFlight  in flight of the cells judged on threads and heap
     * @param bigLatencyMs their latency
     * @param note         how the run was made, shown in the Markdown report
     */
    Report(List<CellResult> cells, int bigInFlight, int bigLatencyMs, String note) {
        this.cells = cells;
        this.bigInFlight = bigInFlight;
        this.bigLatencyMs = bigLatencyMs;
        this.note = note;
    }

    /** The component's targets, each with the measured value. */
    String targets() {
        StringBuilder out = new StringBuilder("Targets:\n");
        find(COMPONENT, 50, 64).ifPresent(c -> {
            check(out, at(c) + ">= 0.95 x 1,280/s", c.throughput() / 1280.0, 0.95, true);
            check(out, at(c) + ">= 0.95 x raw client", ratio(c, RAW, CellResult::throughput), 0.95, true);
        });
        components().filter(c -> c.latencyMs() == 0).forEach(c -> {
            check(out, at(c) + ">= 0.75 x raw client", ratio(c, RAW, CellResult::throughput), 0.75, true);
            check(out, at(c) + ">= 1.5 x hand route", ratio(c, HAND, CellResult::throughput), 1.5, true);
        });
        components().forEach(c -> check(out, at(c) + "CPU/exchange <= 1.5 x raw client",
                ratio(c, RAW, CellResult::cpuUsPerExchange), 1.5, false));
        components().filter(c -> c.inFlight() == bigInFlight && c.latencyMs() == bigLatencyMs).forEach(c -> {
            check(out, at(c) + "<= 16 client-side threads", c.threads(), 16, false);
            check(out, at(c) + "<= 256 MiB heap", c.heapMiB(), 256, false);
        });
        return out.toString();
    }

    private Stream<CellResult> components() {
        return cells.stream().filter(c -> c.contender().equals(COMPONENT));
    }

    private static String at(CellResult c) {
        return String.format(Locale.ROOT, "%d in flight, %d ms: component ", c.inFlight(), c.latencyMs());
    }

    private static void check(StringBuilder out, String what, double value, double bound, boolean atLeast) {
        String verdict = Double.isNaN(value) ? "n/a" : (atLeast ? value >= bound : value <= bound) ? "MET" : "NOT MET";
        out.append(String.format(Locale.ROOT, "  %-7s  %-68s %8.2f%n", verdict, what, value));
    }

    private Optional<CellResult> find(String contender, int latency, int inFlight) {
        return cells.stream().filter(c -> c.contender().equals(contender) && c.latencyMs() == latency
                                          && c.inFlight() == inFlight).findFirst();
    }

    /** {@code c}'s figure over {@code other}'s in the same cell; NaN when {@code other} did not run there. */
    private double ratio(CellResult c, String other, ToDoubleFunction<CellResult> metric) {
        return find(other, c.latencyMs(), c.inFlight()).map(o -> metric.applyAsDouble(c) / metric.applyAsDouble(o))
                .orElse(Double.NaN);
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (CellResult c : cells) {
            rows.add(new String[] { Integer.toString(c.latencyMs()), Integer.toString(c.inFlight()), c.contender(),
                    fmt("%,.0f", c.throughput()), fmt("%.2f", c.p50Ms()), fmt("%.2f", c.p99Ms()),
                    fmt("%.0f", c.cpuUsPerExchange()), fmt("%.1f", c.allocKbPerExchange()),
                    Integer.toString(c.threads()), fmt("%.0f", c.heapMiB()),
                    fmt("%.2f", ratio(c, RAW, CellResult::throughput)),
                    fmt("%.2f", ratio(c, HAND, CellResult::throughput)),
                    fmt("%.2f", ratio(c, RAW, CellResult::cpuUsPerExchange)),
                    fmt("%.2f", ratio(c, RAW, CellResult::allocKbPerExchange)),
                    fmt("%.0f%%", 100 * c.emulatorCpuShare()), Long.toString(c.errors()) });
        }
        return rows;
    }

    private static String fmt(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    static String machine() {
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
        for (String[] r : Stream.concat(Stream.<String[]>of(HEAD), rows.stream()).toList()) {
            for (int i = 0; i < r.length; i++) {
                // the contender's name left-aligned, every figure right-aligned
                out.append(String.format("%" + (i == 2 ? "-" : "") + width[i] + "s", r[i]))
                        .append(i < r.length - 1 ? "  " : "\n");
            }
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("Machine: ").append(machine()).append("\n\n");
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
        return out.append("\n```\n").append(targets()).append("```\n").toString();
    }

    String csv() {
        StringBuilder out = new StringBuilder("latency_ms,in_flight,contender,throughput_per_s,p50_ms,p99_ms,"
                                              + "cpu_us_per_exchange,alloc_kib_per_exchange,threads,heap_mib,"
                                              + "throughput_vs_raw,throughput_vs_hand,cpu_vs_raw,alloc_vs_raw,"
                                              + "emulator_cpu_share,completed,errors,emulator_created\n");
        for (CellResult c : cells) {
            out.append(String.format(Locale.ROOT,
                    "%d,%d,%s,%.1f,%.3f,%.3f,%.1f,%.2f,%d,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d,%d%n",
                    c.latencyMs(), c.inFlight(), c.contender(), c.throughput(), c.p50Ms(), c.p99Ms(),
                    c.cpuUsPerExchange(), c.allocKbPerExchange(), c.threads(), c.heapMiB(),
                    ratio(c, RAW, CellResult::throughput), ratio(c, HAND, CellResult::throughput),
                    ratio(c, RAW, CellResult::cpuUsPerExchange), ratio(c, RAW, CellResult::allocKbPerExchange),
                    c.emulatorCpuShare(), c.completed(), c.errors(), c.emulatorCreated()));
        }
        return out.toString();
    }

    /** Writes the CSV, Markdown and PNG to {@code dir}, and copies the Markdown and PNG to {@code publish}. */
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
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int latency : cells.stream().map(CellResult::latencyMs).distinct().sorted().toList()) {
            for (String contender : List.of(COMPONENT, HAND, RAW)) {
                List<CellResult> line = cells.stream()
                        .filter(c -> c.contender().equals(contender) && c.latencyMs() == latency && c.throughput() > 0)
                        .sorted(Comparator.comparingInt(CellResult::inFlight)).toList();
                if (!line.isEmpty()) {
                    chart.addSeries(contender + ", " + latency + " ms",
                                    line.stream().mapToDouble(CellResult::inFlight).toArray(),
                                    line.stream().mapToDouble(CellResult::throughput).toArray())
                            .setMarker(SeriesMarkers.CIRCLE);
                }
            }
        }
        return chart;
    }
}
