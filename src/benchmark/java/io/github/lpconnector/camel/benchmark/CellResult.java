package io.github.lpconnector.camel.benchmark;

/**
 * What one contender did in one cell: the totals of its measurement windows (warm-up excluded).
 *
 * @param contender          component, hand-route or raw-client
 * @param latencyMs          latency the emulator added to each answer
 * @param inFlight           exchanges kept in flight
 * @param throughput         exchanges completed per second
 * @param p50Ms              median latency, ms
 * @param p99Ms              99th percentile latency, ms
 * @param cpuUsPerExchange   client-side CPU per exchange, µs (see {@link Meter})
 * @param allocKbPerExchange bytes allocated by the client side's threads per exchange, KiB
 * @param threads            live threads the contender added (the most of any window)
 * @param heapMiB            heap used after a full GC at the end of the window, exchanges still in flight, MiB (the
 *                           most of any window; the emulator's own included when it runs in the benchmark's JVM)
 * @param emulatorCpuShare   the emulator's share of the CPU both sides used
 * @param completed          exchanges that got a conversation id, warm-up and drain included
 * @param errors             exchanges that failed or got no conversation id
 * @param emulatorCreated    CREATE answers with status 200 the emulator counted
 */
record CellResult(String contender, int latencyMs, int inFlight, double throughput, double p50Ms, double p99Ms,
                  double cpuUsPerExchange, double allocKbPerExchange, int threads, double heapMiB,
                  double emulatorCpuShare, long completed, long errors, long emulatorCreated) {
}
