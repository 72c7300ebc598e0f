package io.github.lpconnector.camel.benchmark;

import java.util.List;

/**
 * What one contender did in one cell of the grid (measurement windows only, warm-up excluded): the totals of its
 * rounds' windows, or of its one window.
 *
 * @param contender         component, hand-route or raw-client
 * @param latencyMs         latency the emulator added to each answer
 * @param inFlight          exchanges kept in flight
 * @param throughput        exchanges completed per second
 * @param p50Ms             median latency, ms
 * @param p99Ms             99th percentile latency, ms
 * @param cpuUsPerExchange  client-side CPU (process minus emulator threads and JIT compilers) per exchange, less
 *                          the client side's idle CPU over the window, µs
 * @param allocKbPerExchange bytes allocated by non-emulator threads per exchange, KiB
 * @param threads           live threads the contender added (non-emulator threads minus the baseline; the most
 *                          of any round)
 * @param heapMiB           heap used after a GC at the end of the window, MiB (the most of any round; emulator
 *                          state included when it runs in the benchmark's JVM)
 * @param emulatorCpuShare  the emulator's share of the process CPU
 * @param otherCores        CPU cores other processes of the machine kept busy meanwhile
 * @param completed         exchanges that got a conversation id, warm-up and drain included
 * @param errors            exchanges that failed or got no conversation id
 * @param emulatorCreated   CREATE answers with status 200 the emulator counted
 * @param warmupSeconds     how long the cell warmed up before its windows, all rounds together (longer while the
 *                          JIT was busy)
 * @param jitMs             CPU milliseconds of the JIT compilers inside the window (not in the CPU figure)
 * @param idleCpuMsPerSecond client-side CPU with nothing in flight, ms per second (not in the CPU figure)
 * @param rounds            each round's own figures, in the order the rounds ran (one entry for a single window)
 */
record CellResult(String contender, int latencyMs, int inFlight, double throughput, double p50Ms, double p99Ms,
                  double cpuUsPerExchange, double allocKbPerExchange, int threads, double heapMiB,
                  double emulatorCpuShare, double otherCores, long completed, long errors, long emulatorCreated,
                  double warmupSeconds, long jitMs, double idleCpuMsPerSecond, List<Round> rounds) {

    /**
     * One round's window on its own: what the spread of a same-round ratio is read from.
     *
     * @param cpuUsPerExchange as the cell's, but not below 0 (one short window can over-subtract the idle CPU)
     */
    record Round(double throughput, double cpuUsPerExchange, double allocKbPerExchange) {
    }
}
