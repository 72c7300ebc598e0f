package io.github.lpconnector.camel.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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
                300, 100, 300, 0.2, 0.3, List.of("component", "hand-route", "raw-client"),
                List.of("component", "raw-client"), out, out.resolve("published"), 4, true, false);

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

        Report report = new Report(cells);
        report.write(out, config.publish());
        assertThat(report.console()).contains("component", "hand-route", "raw-client");
        assertThat(Files.readAllLines(out.resolve(Report.CSV))).hasSize(cells.size() + 1);
        assertThat(Files.readString(out.resolve(Report.MARKDOWN))).contains("| 8 | component |");
        assertThat(Files.size(out.resolve(Report.PNG))).isPositive();
        assertThat(config.publish().resolve(Report.PNG)).exists();
        assertThat(report.targets(300)).contains("300 in flight: <= 16 client-side threads");
    }
}
