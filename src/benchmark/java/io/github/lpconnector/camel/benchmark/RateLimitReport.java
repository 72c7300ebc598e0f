package io.github.lpconnector.camel.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.github.lpconnector.camel.benchmark.RateLimitBenchmark.BURST;
import static io.github.lpconnector.camel.benchmark.RateLimitBenchmark.GOVERNOR;
import static io.github.lpconnector.camel.benchmark.RateLimitBenchmark.STEADY;

/** The rate-limit runs as a console table and a Markdown page, and the governor's targets, each MET or NOT MET. */
final class RateLimitReport {

    static final String MARKDOWN = "rate-limit.md";
    private static final String[] HEAD = { "contender", "scenario", "offered", "opened", "failed", "requests", "429s",
            "429 share", "duration s", "goodput/s", "p99 queue wait ms", "p99 latency ms", "threads" };

    private final RateLimitBenchmark.Config config;
    private final List<RateLimitBenchmark.Run> runs;

    RateLimitReport(RateLimitBenchmark.Config config, List<RateLimitBenchmark.Run> runs) {
        this.config = config;
        this.runs = runs;
    }

    /** The targets for the governor, each with the measured value. */
    String targets() {
        StringBuilder out = new StringBuilder("Targets (component with the governor, default options):\n");
        double limit = config.limit();
        find(BURST).ifPresent(r -> {
            check(out, String.format(Locale.ROOT, "burst: %,d of %,d opened", r.opened(), r.offered()),
                    r.opened(), r.offered(), true);
            check(out, "burst: <= 5 % of requests answered 429", 100 * r.tooManyShare(), 5, false);
            double bound = 1.15 * r.offered() / limit;
            check(out, String.format(Locale.ROOT, "burst: done in <= 1.15 x %,d / %.0f s = %.1f s", r.offered(),
                    limit, bound), r.seconds(), bound, false);
            check(out, String.format(Locale.ROOT, "burst: no thread per waiting exchange (<= 16 threads, %,d"
                                                  + " waiting)", r.offered()), r.threads(), 16, false);
            out.append(String.format(Locale.ROOT, "  (info)   burst: p99 queue wait %.0f ms%n", r.p99WaitMs()));
        });
        find(STEADY).ifPresent(r -> {
            check(out, String.format(Locale.ROOT, "steady: goodput >= 0.95 x %.0f/s", limit), r.goodput(),
                    0.95 * limit, true);
            check(out, "steady: <= 5 % of requests answered 429", 100 * r.tooManyShare(), 5, false);
            out.append(String.format(Locale.ROOT, "  (info)   steady: p99 queue wait %.0f ms%n", r.p99WaitMs()));
        });
        return out.toString();
    }

    private Optional<RateLimitBenchmark.Run> find(String scenario) {
        return runs.stream().filter(r -> r.contender().equals(GOVERNOR) && r.scenario().equals(scenario)).findFirst();
    }

    private static void check(StringBuilder out, String what, double value, double bound, boolean atLeast) {
        String verdict = Double.isNaN(value) ? "n/a" : (atLeast ? value >= bound : value <= bound) ? "MET" : "NOT MET";
        out.append(String.format(Locale.ROOT, "  %-7s  %-66s %9.2f%n", verdict, what, value));
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (RateLimitBenchmark.Run r : runs) {
            rows.add(new String[] { r.contender(), r.scenario(), fmt("%,.0f", r.offered()), fmt("%,.0f", r.opened()),
                    fmt("%,.0f", r.failed()), fmt("%,.0f", r.requests()), fmt("%,.0f", r.tooMany()),
                    fmt("%.1f %%", 100 * r.tooManyShare()), fmt("%.1f", r.seconds()), fmt("%.1f", r.goodput()),
                    fmt("%.0f", r.p99WaitMs()), fmt("%.0f", r.p99LatencyMs()), Integer.toString(r.threads()) });
        }
        return rows;
    }

    private static String fmt(String format, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    String console() {
        List<String[]> rows = rows();
        rows.add(0, HEAD);
        int[] width = new int[HEAD.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(String.format("%" + (i < 2 ? "-" : "") + width[i] + "s", r[i]))
                        .append(i < r.length - 1 ? "  " : "\n");
            }
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# Under LiveEngage's rate limit\n\n");
        out.append("Machine: ").append(Report.machine()).append("\n\n");
        out.append(String.format(Locale.ROOT, "The emulator limits the account to %d requests a second (a token bucket"
                + " of one second's worth, 429 with `Retry-After` beyond it). Each contender gets a burst of %,d"
                + " CREATEs handed over at once, then a steady offer of %.0f a second for %.0f s, each against the"
                + " emulator reset (its bucket full). `governor` is the component with default options,"
                + " `no-governor` the same with `rateGovernor=false` (each exchange retries a 429 on its own clock),"
                + " `%s` a camel-http route with `onException(HttpOperationFailedException)` redelivering 3 times"
                + " after 1, 2 and 4 s (256 threads, as the component's 256 connections). \"requests\" and \"429s\""
                + " are what the emulator answered, retries included; \"goodput\" is conversations opened a second"
                + " while the offer lasted (the burst: over its duration); \"threads\" the most client-side threads a"
                + " contender added; \"p99 queue wait\" the governor's wait for the account's turn.%n%n",
                config.limit(), config.burst(), config.offerPerSecond(), config.offerSeconds(),
                RateLimitBenchmark.HAND));
        out.append("| ").append(String.join(" | ", HEAD)).append(" |\n|");
        for (int i = 0; i < HEAD.length; i++) {
            out.append(i < 2 ? " --- |" : " ---: |");
        }
        out.append('\n');
        for (String[] r : rows()) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return out.append("\n```\n").append(targets()).append("```\n").toString();
    }

    /** Writes the Markdown to {@code dir} and copies it to {@code publish}; returns the file written. */
    Path write(Path dir, Path publish) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(MARKDOWN);
        Files.writeString(file, markdown());
        if (publish != null) {
            Files.createDirectories(publish);
            Files.copy(file, publish.resolve(MARKDOWN), StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
