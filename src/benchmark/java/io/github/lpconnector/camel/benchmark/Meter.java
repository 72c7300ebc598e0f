package io.github.lpconnector.camel.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
    private static final Path TASKS = Path.of("/proc/self/task");

    /** Whose CPU a thread's is. */
    enum Kind { CLIENT, EMULATOR, JIT, HOUSEKEEPING }

    /**
     * Native names (15 characters at most) of the JVM's timer-driven threads, which do the same work whatever is in
     * flight: performance-data sampling every 50 ms, G1's periodic service tasks, monitor deflation, the service and
     * notification threads, signals, attach, and JFR when it records. GC workers and the VM thread (which runs the
     * collections' safepoints) are the client's: their work follows its allocation.
     */
    private static final List<String> HOUSEKEEPING_THREADS = List.of("VM Periodic Tas", "G1 Service", "Monitor Deflati",
            "Service Thread", "Notification Th", "Signal Dispatch", "Attach Listener", "Sweeper thread", "JFR ");

    static boolean isHousekeepingThread(String nativeName) {
        for (String prefix : HOUSEKEEPING_THREADS) {
            if (nativeName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** One thread's CPU nanoseconds so far, whose they are, and its native name. */
    record TaskCpu(Kind kind, long nanos, String name) {
    }

    /**
     * @param tasks CPU per thread id from /proc, or null off Linux (then {@code processCpu} and
     *              {@code emulatorCpu} are the JVM's figures)
     */
    record Snapshot(long nanos, Map<Long, TaskCpu> tasks, long processCpu, long emulatorCpu,
                    Map<Long, Long> allocatedByThread, long machineBusyTicks, long machineTotalTicks,
                    Reader reader) {
    }

    /**
     * The thread that took a snapshot, with its own CPU and allocated bytes when it started and when it finished:
     * between two snapshots by one thread, its CPU and allocation count from the end of the first to the start of the
     * second, so that reading /proc (milliseconds, and kilobytes of strings) is billed neither to the window nor to
     * the idle baseline.
     */
    record Reader(long taskId, long javaId, long cpuAtStart, long cpuAtEnd, long allocatedAtStart,
                  long allocatedAtEnd) {
    }

    /** The calling thread's id in /proc/self/task (its native id), or -1. */
    private static long currentTaskId() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            return Long.parseLong(self.getFileName().toString());
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Every live thread, without the safepoint that {@code Thread.getAllStackTraces()} costs. */
    private static Thread[] liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.copyOf(threads, n);
    }

    /**
     * Every thread of the process with its CPU nanoseconds, from /proc/self/task/N/schedstat (the JVM's process CPU
     * time comes from times(2) in 10 ms ticks, too coarse for a cell of 20 exchanges/s). Threads are told apart by
     * their native names: the JIT compilers are not Java threads, and the emulator's all start with "le-emulator"
     * (or are the JDK HttpServer's). Null off Linux.
     */
    private static Map<Long, TaskCpu> tasks() {
        if (!Files.isDirectory(TASKS)) {
            return null;
        }
        Map<Long, TaskCpu> tasks = new HashMap<>();
        try (java.nio.file.DirectoryStream<Path> threads = Files.newDirectoryStream(TASKS)) {
            for (Path task : threads) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    long nanos = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                    String comm = Files.readString(task.resolve("comm")).trim();
                    Kind kind = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? Kind.JIT
                            : isEmulatorThread(comm) ? Kind.EMULATOR
                            : isHousekeepingThread(comm) ? Kind.HOUSEKEEPING : Kind.CLIENT;
                    tasks.put(Long.parseLong(task.getFileName().toString()), new TaskCpu(kind, nanos, comm));
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return tasks;
    }

    /** CPU nanoseconds the JIT compiler threads spent so far, or -1 when unknown. */
    static long jitCpu() {
        Map<Long, TaskCpu> tasks = tasks();
        if (tasks == null) {
            return JIT != null && JIT.isCompilationTimeMonitoringSupported()
                    ? JIT.getTotalCompilationTime() * 1_000_000L : -1;
        }
        return tasks.values().stream().filter(t -> t.kind() == Kind.JIT).mapToLong(TaskCpu::nanos).sum();
    }

    static Snapshot snapshot() {
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        long allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
        long emulatorCpu = 0;
        Map<Long, Long> allocated = new HashMap<>();
        for (Thread t : liveThreads()) {
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
        Map<Long, TaskCpu> tasks = tasks();
        long now = System.nanoTime();
        return new Snapshot(now, tasks, OS.getProcessCpuTime(), emulatorCpu, allocated, machine[0], machine[1],
                new Reader(currentTaskId(), Thread.currentThread().getId(), cpuAtStart, THREADS.getCurrentThreadCpuTime(),
                        allocatedAtStart, THREADS.getCurrentThreadAllocatedBytes()));
    }

    /**
     * CPU nanoseconds of one kind of thread between two snapshots, thread by thread: a thread born in between counts
     * from 0, one that ended in between is left out (so no delta can turn negative).
     */
    static long cpu(Snapshot a, Snapshot b, Kind kind) {
        if (a.tasks == null || b.tasks == null) {
            return switch (kind) {
                case CLIENT -> (b.processCpu - a.processCpu) - (b.emulatorCpu - a.emulatorCpu);
                case EMULATOR -> b.emulatorCpu - a.emulatorCpu;
                case JIT, HOUSEKEEPING -> 0;
            };
        }
        long sum = 0;
        for (Map.Entry<Long, TaskCpu> e : b.tasks.entrySet()) {
            if (e.getValue().kind() == kind) {
                sum += taskCpu(a, b, e.getKey());
            }
        }
        return sum;
    }

    /** One thread's CPU nanoseconds between two snapshots; the snapshots' own reading is left out. */
    private static long taskCpu(Snapshot a, Snapshot b, long taskId) {
        if (a.reader.taskId() == b.reader.taskId() && taskId == a.reader.taskId()) {
            return b.reader.cpuAtStart() - a.reader.cpuAtEnd();
        }
        TaskCpu before = a.tasks.get(taskId);
        return b.tasks.get(taskId).nanos() - (before != null ? before.nanos() : 0);
    }

    /**
     * Client-side CPU nanoseconds between two snapshots: every thread but the emulator's, the JIT compilers' (which
     * compile the emulator's code as well as the client's, and only until the JVM is warm; they are reported apart)
     * and the JVM's housekeeping threads' (timers, the same with nothing in flight: at 20 exchanges/s their ~1.5 ms
     * a second would be ~75 us of every exchange, and the idle baseline's estimate of it, taken in another second,
     * moved single cells by ±20 %). GC threads count.
     */
    static long clientCpu(Snapshot a, Snapshot b) {
        return cpu(a, b, Kind.CLIENT);
    }

    /**
     * Client-side CPU nanoseconds between two snapshots by thread name, numbers taken out of the names (so that a
     * pool's threads add up), the largest first; empty off Linux. The snapshot reader's own reading is left out.
     */
    static Map<String, Long> clientCpuByThreadName(Snapshot a, Snapshot b) {
        Map<String, Long> byName = new HashMap<>();
        if (a.tasks == null || b.tasks == null) {
            return byName;
        }
        for (Map.Entry<Long, TaskCpu> e : b.tasks.entrySet()) {
            if (e.getValue().kind() == Kind.CLIENT) {
                byName.merge(e.getValue().name().replaceAll("[0-9]+", "N"), taskCpu(a, b, e.getKey()), Long::sum);
            }
        }
        Map<String, Long> sorted = new java.util.LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** JIT compiler CPU nanoseconds between two snapshots (0 when unknown). */
    static long jitCpu(Snapshot a, Snapshot b) {
        return cpu(a, b, Kind.JIT);
    }

    /** The emulator's CPU nanoseconds between two snapshots. */
    static long emulatorCpu(Snapshot a, Snapshot b) {
        return cpu(a, b, Kind.EMULATOR);
    }

    /** The whole process's CPU nanoseconds between two snapshots. */
    static long processCpu(Snapshot a, Snapshot b) {
        return cpu(a, b, Kind.CLIENT) + cpu(a, b, Kind.EMULATOR) + cpu(a, b, Kind.JIT) + cpu(a, b, Kind.HOUSEKEEPING);
    }

    /** Bytes allocated by non-emulator threads between two snapshots (threads born in between count from 0). */
    static long clientAllocated(Snapshot a, Snapshot b) {
        long sum = 0;
        long reader = a.reader.javaId() == b.reader.javaId() ? a.reader.javaId() : -1;
        for (Map.Entry<Long, Long> e : b.allocatedByThread.entrySet()) {
            sum += e.getKey() == reader ? b.reader.allocatedAtStart() - a.reader.allocatedAtEnd()
                    : e.getValue() - a.allocatedByThread.getOrDefault(e.getKey(), 0L);
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
        double ourCores = processCpu(a, b) / (double) (b.nanos - a.nanos);
        return Math.max(0, machineBusyCores - ourCores);
    }

    /** Ids of the live threads that are not the emulator's. */
    static Set<Long> clientThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : liveThreads()) {
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
