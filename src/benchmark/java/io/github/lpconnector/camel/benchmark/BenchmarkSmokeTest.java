package io.github.lpconnector.camel.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tiny run of the benchmark, so that it cannot rot: every contender, a small grid and a large in-flight cell. It
 * checks correctness (every exchange got its own conversation id, the emulator saw as many conversations as the
 * contenders counted, the reports are written), never speed.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path out;

    @Test
    void tinyRunIsCorrectAndWritesItsReports() throws Exception {
        System.setProperty("java.awt.headless", "true");
        ConnectorBenchmark.Config config = new ConnectorBenchmark.Config(0, List.of(0, 20), List.of(1, 8), 0.1, 0, 0.3,
                300, 100, 300, 0.2, 0.3,
                List.of("component", "hand-route", "raw-client"),
                List.of("component", "raw-client"), out, out.resolve("published"), 4, true, false, 2, 0, 0, 0.1);

        ConnectorBenchmark.Outcome outcome = new ConnectorBenchmark(config).run();

        List<CellResult> cells = outcome.cells();
        assertThat(cells).hasSize(2 * 2 * 3 + 2);
        long completed = 0;
        for (CellResult cell : cells) {
            assertThat(cell.errors()).as("errors of %s", cell).isZero();
            assertThat(cell.completed()).as("completed of %s", cell).isPositive();
            assertThat(cell.emulatorCreated()).as("emulator count of %s", cell).isEqualTo(cell.completed());
            assertThat(cell.throughput()).as("throughput of %s", cell).isPositive();
            assertThat(cell.p99Ms()).as("p99 of %s", cell).isGreaterThanOrEqualTo(cell.p50Ms());
            completed += cell.completed();
        }
        // the JVM warm-up cells are not reported, so at least as many ids as the reported cells completed
        assertThat(outcome.conversationIds()).hasSizeGreaterThanOrEqualTo((int) completed).doesNotContainNull();

        Report report = new Report(cells).withTargets(300);
        report.write(out, config.publish());
        assertThat(report.console()).contains("component", "hand-route", "raw-client");
        assertThat(Files.readAllLines(out.resolve(Report.CSV))).hasSize(cells.size() + 1);
        assertThat(Files.readString(out.resolve(Report.MARKDOWN))).contains("| 8 | component |");
        assertThat(Files.size(out.resolve(Report.PNG))).isPositive();
        assertThat(config.publish().resolve(Report.PNG)).exists();
        String targets = report.targets(300);
        assertThat(targets).contains("300 in flight: <= 16 client-side threads");
        // the grid's cells ran in 2 rounds: their ratios come with the rounds' lowest and highest
        assertThat(targets).containsPattern("8 in flight, 0 ms: >= 0\\.85 x raw +\\d+\\.\\d\\d  \\(\\d+\\.\\d\\d-\\d+\\.\\d\\d\\)");
        assertThat(targets).containsPattern("300 in flight: <= 256 MiB heap +\\d+\\.\\d\\d\\n");
        // the many-in-flight cell's CPU and allocation are judged too, in rounds like the grid's
        assertThat(targets).containsPattern(
                "300 in flight, 300 ms: CPU/exchange <= 1\\.2 x raw +\\d+\\.\\d\\d  \\(\\d+\\.\\d\\d-\\d+\\.\\d\\d\\)\\n");
        assertThat(Files.readString(out.resolve(Report.MARKDOWN))).contains(targets);
    }

    @Test
    void aWindowHoldsEnoughExchangesWhereTheLatencyCapsTheRate() {
        // 12 s in 3 rounds: 4 s a window, unless that holds fewer than 400 exchanges at in flight ÷ latency
        assertThat(ConnectorBenchmark.windowSeconds(12, 3, 400, 50, 1)).isEqualTo(20.0);   // 20/s: 400 take 20 s
        assertThat(ConnectorBenchmark.windowSeconds(12, 3, 400, 50, 64)).isEqualTo(4.0);   // 1,280/s: 4 s hold 5,120
        assertThat(ConnectorBenchmark.windowSeconds(12, 3, 400, 0, 1)).isEqualTo(4.0);     // no latency, no cap
        assertThat(ConnectorBenchmark.windowSeconds(12, 3, 0, 50, 1)).isEqualTo(4.0);      // no minimum
    }

    @Test
    void aCellOfSeveralRoundsReportsTheRoundsTotals() {
        // idle CPU: 1-3 ms/s, and one burst of 90 ms/s in the slow window's baseline
        ConnectorBenchmark.Window fast = new ConnectorBenchmark.Window("component", 50, 16, new long[] { 1_000_000,
                2_000_000, 3_000_000 }, 300, 1.0, 32_000_000, 3 * 1024 * 1024, 3, 20, 10, 40, 0.5, 300, 0, 300,
                2.0, 5_000_000, new double[] { 0.001, 0.002, 0.003 });
        ConnectorBenchmark.Window slow = new ConnectorBenchmark.Window("component", 50, 16, new long[] { 4_000_000,
                5_000_000 }, 100, 1.0, 1_000_000, 1024 * 1024, 5, 30, 30, 40, 0.1, 100, 1, 99, 3.0, 0,
                new double[] { 0.002, 0.090 });

        CellResult cell = ConnectorBenchmark.Window.combine(List.of(fast, slow));

        assertThat(cell.throughput()).isEqualTo(200.0);                // 400 exchanges in 2 s, not the mean of 300 and 100
        // idle: the median of all five samples, 2 ms/s, so 2 ms of each 1 s window; the burst does not count
        assertThat(cell.idleCpuMsPerSecond()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cell.cpuUsPerExchange()).isEqualTo(72.5);           // (30 - 1) ms net over 400 exchanges
        assertThat(cell.allocKbPerExchange()).isEqualTo(10.24);        // 4 MiB over 400 exchanges
        assertThat(cell.p50Ms()).isEqualTo(3.0);                       // the median of all five latencies
        assertThat(cell.p99Ms()).isEqualTo(5.0);
        assertThat(cell.threads()).isEqualTo(5);
        assertThat(cell.heapMiB()).isEqualTo(30.0);
        assertThat(cell.emulatorCpuShare()).isEqualTo(0.5);            // 40 of 80 ns
        assertThat(cell.otherCores()).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cell.completed()).isEqualTo(400);
        assertThat(cell.errors()).isEqualTo(1);
        assertThat(cell.emulatorCreated()).isEqualTo(399);
        assertThat(cell.warmupSeconds()).isEqualTo(5.0);
        assertThat(cell.jitMs()).isEqualTo(5);
        // each round on its own, in order; the slow round's over-subtracted CPU reads 0, not negative
        assertThat(cell.rounds()).containsExactly(new CellResult.Round(300.0, 100.0, 10.24),
                new CellResult.Round(100.0, 0.0, 10.24));
    }

    @Test
    void aMedianOfAnEvenNumberOfSamplesIsTheMeanOfTheMiddleTwo() {
        assertThat(ConnectorBenchmark.median(new double[] { 4, 1, 3, 2 })).isEqualTo(2.5);
        assertThat(ConnectorBenchmark.median(new double[] { 5, 1, 3 })).isEqualTo(3.0);
    }

    @Test
    void aWindowIsMeasuredAgainWhenTheJitWorkedInItAsInABusyWarmUpSecond() {
        long fourSeconds = 4_000_000_000L;
        assertThat(ConnectorBenchmark.WarmUp.jitBusy(80_000_000L, fourSeconds)).isTrue();   // 20 ms a second
        assertThat(ConnectorBenchmark.WarmUp.jitBusy(79_000_000L, fourSeconds)).isFalse();
        assertThat(ConnectorBenchmark.WarmUp.jitBusy(-1, fourSeconds)).as("no JIT CPU figure").isFalse();
    }

    @Test
    void theJvmsOwnThreadsAreToldFromTheClientsByTheirNativeNames() {
        Meter.Snapshot snapshot = Meter.snapshot();
        assumeTrue(snapshot.tasks() != null, "threads are read from /proc/self/task, on Linux only");
        Map<Meter.Kind, List<String>> names = snapshot.tasks().values().stream().collect(Collectors.groupingBy(
                Meter.TaskCpu::kind, Collectors.mapping(Meter.TaskCpu::name, Collectors.toList())));

        // a JDK that renamed these would have their CPU billed to every contender's exchanges
        assertThat(names.get(Meter.Kind.HOUSEKEEPING))
                .anyMatch(name -> name.startsWith("VM Periodic Tas"))
                .anyMatch(name -> name.startsWith("Service Thread"))
                .anyMatch(name -> name.startsWith("Signal Dispatch"))
                .anyMatch(name -> name.startsWith("Monitor Deflati"));
        assertThat(names.get(Meter.Kind.JIT)).anyMatch(name -> name.startsWith("C2 Compiler"));
        assertThat(snapshot.tasks().get(snapshot.reader().taskId()).kind())
                .as("the measuring thread, like any thread of the client").isEqualTo(Meter.Kind.CLIENT);
    }
}
