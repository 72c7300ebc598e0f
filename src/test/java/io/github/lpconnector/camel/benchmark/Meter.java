package io.github.lpconnector.camel.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Snapshots of what a cell costs: process CPU, the emulator's own CPU (by thread name), bytes allocated by every
 * other thread, and the machine's busy CPU (from /proc/stat, to show what other processes took).
 */
final class Meter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static {
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    /** Threads of the emulator: its pools and the JDK HttpServer's dispatcher and timer. */
    static boolean isEmulatorThread(String name) {
        return name != null && (name.startsWith("le-emulator") || name.startsWith("HTTP-Dispatcher")
                                || name.startsWith("server-timer"));
    }

    private static final java.lang.management.CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    record Snapshot(long nanos, long processCpu, long emulatorCpu, Map<Long, Long> allocatedByThread,
                    long machineBusyTicks, long machineTotalTicks, long jitCpu) {
    }

    /** CPU nanoseconds of all the process's threads and of its JIT compiler threads, at one instant. */
    private record ProcessCpu(long all, long jit) {
    }

    /**
     * Reads the CPU time of every thread of the process from /proc/self/task/N/schedstat (nanoseconds; the JVM's
     * process CPU time comes from times(2), in 10 ms ticks, too coarse for a cell of 20 exchanges/s). The JIT
     * compilers are not Java threads, so they are found by their native names. Off Linux: the JVM's figures.
     */
    private static ProcessCpu processCpu() {
        Path tasks = Path.of("/proc/self/task");
        if (Files.isDirectory(tasks)) {
            long all = 0;
            long jit = 0;
            try (java.nio.file.DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
                for (Path task : threads) {
                    try {
                        String schedstat = Files.readString(task.resolve("schedstat"));
                        long nanos = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                        all += nanos;
                        String comm = Files.readString(task.resolve("comm"));
                        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                            jit += nanos;
                        }
                    } catch (java.io.IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
                return new ProcessCpu(all, jit);
            } catch (java.io.IOException e) {
                // fall through
            }
        }
        return new ProcessCpu(OS.getProcessCpuTime(), JIT != null && JIT.isCompilationTimeMonitoringSupported()
                ? JIT.getTotalCompilationTime() * 1_000_000L : -1);
    }

    /** CPU nanoseconds the JIT compiler threads spent so far, or -1 when unknown. */
    static long jitCpu() {
        return processCpu().jit();
    }

    static Snapshot snapshot() {
        long emulatorCpu = 0;
        Map<Long, Long> allocated = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (isEmulatorThread(t.getName())) {
                long cpu = THREADS.getThreadCpuTime(t.getId());
                emulatorCpu += Math.max(0, cpu);
            } else {
                long bytes = THREADS.getThreadAllocatedBytes(t.getId());
                if (bytes >= 0) {
                    allocated.put(t.getId(), bytes);
                }
            }
        }
        long[] machine = machineTicks();
        ProcessCpu cpu = processCpu();
        return new Snapshot(System.nanoTime(), cpu.all(), emulatorCpu, allocated, machine[0], machine[1], cpu.jit());
    }

    /**
     * Client-side CPU nanoseconds between two snapshots: the process minus the emulator's threads and minus the JIT
     * compilers (which compile the emulator's code as well as the client's, and only until the JVM is warm; they
     * are reported apart).
     */
    static long clientCpu(Snapshot a, Snapshot b) {
        return (b.processCpu - a.processCpu) - (b.emulatorCpu - a.emulatorCpu) - jitCpu(a, b);
    }

    /** JIT compiler CPU nanoseconds between two snapshots (0 when unknown). */
    static long jitCpu(Snapshot a, Snapshot b) {
        return a.jitCpu < 0 || b.jitCpu < 0 ? 0 : Math.max(0, b.jitCpu - a.jitCpu);
    }

    /** Bytes allocated by non-emulator threads between two snapshots (threads born in between count from 0). */
    static long clientAllocated(Snapshot a, Snapshot b) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : b.allocatedByThread.entrySet()) {
            sum += e.getValue() - a.allocatedByThread.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** CPU cores the other processes of the machine kept busy between two snapshots; NaN off Linux. */
    static double otherProcessesCores(Snapshot a, Snapshot b) {
        long total = b.machineTotalTicks - a.machineTotalTicks;
        if (a.machineTotalTicks < 0 || total <= 0) {
            return Double.NaN;
        }
        double cores = Runtime.getRuntime().availableProcessors();
        double machineBusyCores = cores * (b.machineBusyTicks - a.machineBusyTicks) / total;
        double ourCores = (b.processCpu - a.processCpu) / (double) (b.nanos - a.nanos);
        return Math.max(0, machineBusyCores - ourCores);
    }

    /** Ids of the live threads that are not the emulator's. */
    static Set<Long> clientThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !isEmulatorThread(t.getName())) {
                ids.add(t.getId());
            }
        }
        return ids;
    }

    /** Live non-emulator threads not in {@code baseline}: those a contender started (ids are never reused). */
    static int clientThreadsBesides(Set<Long> baseline) {
        int n = 0;
        for (long id : clientThreadIds()) {
            if (!baseline.contains(id)) {
                n++;
            }
        }
        return n;
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** {busy, total} jiffies of all CPUs, or {-1, -1}. */
    private static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v; // idle, iowait
                }
            }
            return new long[] { total - idle, total };
        } catch (Exception e) {
            return new long[] { -1, -1 };
        }
    }

    private Meter() {
    }
}
