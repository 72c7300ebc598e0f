package io.github.lpconnector.camel.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny run of the benchmark, so that it cannot rot: every contender in a small grid, then in a many-in-flight
 * cell against an emulator in a JVM of its own, and the rate-limit scenario with the governor. It checks correctness (every exchange got a conversation id, the
 * emulator saw as many conversations as the contenders counted, the reports and the targets come out), never speed.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path out;

    @Test
    void everyContenderCompletesItsExchangesAndTheReportsAreWritten() throws Exception {
        System.setProperty("java.awt.headless", "true");
        // no JVM warm-up, 0.2 s warm-up and 0.3 s measured per turn, 1 round; 200 in flight at 100 ms on 50 connections
        ConnectorBenchmark.Config config = new ConnectorBenchmark.Config(List.of(0, 20), List.of(1, 8),
                List.of("component", "hand-route", "raw-client"), 0, 0.2, 0.3, 1, 0, 200, 100, 50, 0.3, 2, out,
                out.resolve("published"));

        List<CellResult> cells = new ConnectorBenchmark(config).run();

        // 2 latencies x 2 in flight x 3 contenders, then the big cell without the hand route
        assertThat(cells).hasSize(2 * 2 * 3 + 2);
        for (CellResult cell : cells) {
            assertThat(cell.errors()).as("errors of %s", cell).isZero();
            assertThat(cell.completed()).as("completed of %s", cell).isPositive();
            assertThat(cell.emulatorCreated()).as("emulator count of %s", cell).isEqualTo(cell.completed());
        }
        // on a cold JVM a window this short may see no exchange complete; some must
        assertThat(cells).anyMatch(cell -> cell.throughput() > 0 && cell.p99Ms() >= cell.p50Ms());
        assertThat(cells.subList(12, 14)).extracting(CellResult::contender).containsExactly("component", "raw-client");
        assertThat(cells.subList(12, 14)).allSatisfy(cell -> assertThat(cell.threads()).isPositive());

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConnectorBenchmark.publish(config, cells, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String console = printed.toString(StandardCharsets.UTF_8);
        // n/a where a window was too short to complete any exchange
        String verdict = "\\n  (MET|NOT MET|n/a) +";
        assertThat(console).containsPattern(verdict + "8 in flight, 0 ms: component >= 0\\.75 x raw client ");
        assertThat(console).containsPattern(verdict + "200 in flight, 100 ms: component <= 16 client-side threads ");
        assertThat(Files.readAllLines(out.resolve(Report.CSV))).hasSize(cells.size() + 1);
        assertThat(Files.readString(out.resolve(Report.MARKDOWN))).contains("| 8 | component |", "CPU/exchange <= 1.5");
        assertThat(Files.size(out.resolve(Report.PNG))).isPositive();
        assertThat(config.publish().resolve(Report.MARKDOWN)).exists();
        assertThat(config.publish().resolve(Report.PNG)).exists();
    }

    /** The rate-limit scenario in miniature: the governor's burst and steady offer open all, the report comes out. */
    @Test
    void theRateLimitScenarioOpensEveryConversationWithTheGovernorAndReportsTheTargets() throws Exception {
        RateLimitBenchmark.Config config = new RateLimitBenchmark.Config(50, 30, 20, 1, List.of("governor"), out,
                out.resolve("published"));

        List<RateLimitBenchmark.Run> runs = new RateLimitBenchmark(config).run();

        assertThat(runs).extracting(RateLimitBenchmark.Run::scenario).containsExactly("burst", "steady");
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.opened()).as("opened of %s", run).isEqualTo(run.offered());
            assertThat(run.requests()).as("requests of %s", run).isEqualTo(run.offered() + run.tooMany());
        });
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RateLimitBenchmark.publish(config, runs, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("\\n  MET +burst: 30 of 30 opened ")
                .containsPattern("\\n  (MET|NOT MET) +steady: goodput >= 0\\.95 x 50/s ");
        assertThat(config.publish().resolve(RateLimitReport.MARKDOWN)).content().contains("| governor | burst | 30 | 30 |");
    }

    @Test
    void aCellReportsItsWindowsTotals() {
        Window fast = new Window("component", 50, 16, new long[] { 1_000_000, 2_000_000, 3_000_000 }, 300, 1.0,
                30_000_000, 3 * 1024 * 1024, 10_000_000, 3, 20, 300, 0, 300);
        Window slow = new Window("component", 50, 16, new long[] { 4_000_000, 5_000_000 }, 100, 1.0,
                10_000_000, 1024 * 1024, 30_000_000, 5, 30, 100, 1, 99);

        CellResult cell = Window.combine(List.of(fast, slow));

        assertThat(cell.throughput()).isEqualTo(200.0);       // 400 exchanges in 2 s, not the mean of 300 and 100
        assertThat(cell.cpuUsPerExchange()).isEqualTo(100.0); // 40 ms over 400 exchanges
        assertThat(cell.allocKbPerExchange()).isEqualTo(10.24);
        assertThat(cell.p50Ms()).isEqualTo(3.0);              // the median of all five latencies
        assertThat(cell.p99Ms()).isEqualTo(5.0);
        assertThat(cell.threads()).isEqualTo(5);
        assertThat(cell.heapMiB()).isEqualTo(30.0);
        assertThat(cell.emulatorCpuShare()).isEqualTo(0.5);   // 40 of 80 ms
        assertThat(cell.completed()).isEqualTo(400);
        assertThat(cell.errors()).isEqualTo(1);
        assertThat(cell.emulatorCreated()).isEqualTo(399);
    }

    @Test
    void aWindowHoldsEnoughExchangesWhereTheLatencyCapsTheRate() {
        assertThat(ConnectorBenchmark.windowSeconds(4, 400, 50, 1)).isEqualTo(20.0);  // 20/s: 400 take 20 s
        assertThat(ConnectorBenchmark.windowSeconds(4, 400, 50, 64)).isEqualTo(4.0);  // 1,280/s: 4 s hold 5,120
        assertThat(ConnectorBenchmark.windowSeconds(4, 400, 0, 1)).isEqualTo(4.0);    // no latency, no cap
    }
}
