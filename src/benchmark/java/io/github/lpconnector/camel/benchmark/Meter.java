package io.github.lpconnector.camel.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Snapshots of what the client side and the emulator cost: CPU nanoseconds and allocated bytes, thread by thread,
 * so that a thread born between two snapshots counts from zero and one that ended is left out.
 * <p>
 * On Linux, CPU is read from {@code /proc/self/task/<tid>/schedstat}, which covers every thread of the process,
 * the GC's and the VM thread's included (the JVM's own process CPU comes in 10 ms ticks, too coarse for a cell of
 * 20 exchanges a second). Elsewhere it is the Java threads' CPU from the {@code ThreadMXBean}, without the GC's.
 */
final class Meter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Path TASKS = Path.of("/proc/self/task");

    /**
     * Native names (15 characters at most) of threads whose CPU is neither the client's nor the emulator's: the JIT
     * compilers (they compile both sides, and only while the JVM warms up) and the JVM's timer-driven housekeeping,
     * which does the same work whatever is in flight (at 20 exchanges a second its ~1.5 ms a second would be ~75 µs
     * of every exchange).
     */
    private static final List<String> LEFT_OUT = List.of("C1 CompilerThre", "C2 CompilerThre", "VM Periodic Tas",
            "G1 Service", "Monitor Deflati", "Service Thread", "Notification Th", "Signal Dispatch", "Attach Listener",
            "Sweeper thread", "JFR ");

    static {
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    /** CPU nanoseconds and allocated bytes so far, by thread id, and when they were read. */
    record Snapshot(long nanos, Map<Long, Long> clientCpu, Map<Long, Long> emulatorCpu,
                    Map<Long, Long> clientAllocated) {
    }

    /** The emulator names every thread of its own {@code le-emulator-*}. */
    static boolean isEmulatorThread(String name) {
        return name != null && name.startsWith("le-emulator");
    }

    static Snapshot snapshot() {
        List<Long> client = new ArrayList<>();
        List<Long> emulator = new ArrayList<>();
        for (Thread t : liveThreads()) {
            (isEmulatorThread(t.getName()) ? emulator : client).add(t.getId());
        }
        Map<Long, Long> allocated = byId(client, THREADS.getThreadAllocatedBytes(ids(client)));
        Map<Long, Long> clientCpu = new HashMap<>();
        Map<Long, Long> emulatorCpu = new HashMap<>();
        if (!readTasks(clientCpu, emulatorCpu)) {
            clientCpu = byId(client, THREADS.getThreadCpuTime(ids(client)));
            emulatorCpu = byId(emulator, THREADS.getThreadCpuTime(ids(emulator)));
        }
        return new Snapshot(System.nanoTime(), clientCpu, emulatorCpu, allocated);
    }

    /** Client-side CPU nanoseconds between two snapshots. */
    static long clientCpu(Snapshot a, Snapshot b) {
        return delta(a.clientCpu(), b.clientCpu());
    }

    /** The in-process emulator's CPU nanoseconds between two snapshots. */
    static long emulatorCpu(Snapshot a, Snapshot b) {
        return delta(a.emulatorCpu(), b.emulatorCpu());
    }

    /** Bytes the client side's threads allocated between two snapshots. */
    static long clientAllocated(Snapshot a, Snapshot b) {
        return delta(a.clientAllocated(), b.clientAllocated());
    }

    /** Ids of the live threads that are not the emulator's. */
    static Set<Long> clientThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : liveThreads()) {
            if (!isEmulatorThread(t.getName())) {
                ids.add(t.getId());
            }
        }
        return ids;
    }

    /** Live client-side threads not in {@code baseline}: those a contender started (Java thread ids are not reused). */
    static int clientThreadsBesides(Set<Long> baseline) {
        return (int) clientThreadIds().stream().filter(id -> !baseline.contains(id)).count();
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long delta(Map<Long, Long> a, Map<Long, Long> b) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : b.entrySet()) {
            sum += Math.max(0, e.getValue() - a.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /** Every task's CPU from /proc, sorted into the client's and the emulator's by native name; false off Linux. */
    private static boolean readTasks(Map<Long, Long> client, Map<Long, Long> emulator) {
        if (!Files.isDirectory(TASKS)) {
            return false;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    long nanos = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                    String name = Files.readString(task.resolve("comm")).trim();
                    long tid = Long.parseLong(task.getFileName().toString());
                    if (isEmulatorThread(name)) {
                        emulator.put(tid, nanos);
                    } else if (LEFT_OUT.stream().noneMatch(name::startsWith)) {
                        client.put(tid, nanos);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
            return true;
        } catch (IOException e) {
            return false;
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

    private static long[] ids(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** {@code values[i]} by {@code ids.get(i)}, leaving out threads that ended meanwhile (-1). */
    private static Map<Long, Long> byId(List<Long> ids, long[] values) {
        Map<Long, Long> byId = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= 0) {
                byId.put(ids.get(i), values[i]);
            }
        }
        return byId;
    }

    private Meter() {
    }
}
