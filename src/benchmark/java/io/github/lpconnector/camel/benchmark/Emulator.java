package io.github.lpconnector.camel.benchmark;

import java.time.Duration;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;

/**
 * What a cell needs of the LiveEngage emulator, whether it runs in the benchmark's JVM ({@link #inProcess}) or in
 * one of its own ({@link EmulatorProcess}).
 */
interface Emulator extends AutoCloseable {

    /**
     * How often the emulator forgets the conversations it opened: kept, they would grow by tens of thousands a second
     * at 0 ms, and collecting them would cost the client side more the faster a contender runs.
     */
    Duration FORGET_CONVERSATIONS_EVERY = Duration.ofMillis(200);

    /** The tokens and address every contender uses. */
    Workload workload();

    /** Forgets conversations, counters and faults, then adds {@code latencyMs} to every answer. */
    void reset(int latencyMs) throws Exception;

    /** CREATE answers with status 200 since the last reset. */
    long created() throws Exception;

    void forgetConversations() throws Exception;

    /** CPU nanoseconds of the emulator's own JVM so far, or -1 when it runs in this one (its threads are measured). */
    long separateCpuNanos();

    /** An emulator for the benchmark: one consumer may open any number of conversations, no request is kept. */
    static LiveEngageEmulator startEmulator(int threads) {
        return LiveEngageEmulator.builder().threads(threads).multipleOpenConversations(true).recordRequests(false)
                .forgetConversationsEvery(FORGET_CONVERSATIONS_EVERY).start();
    }

    /** What {@link #reset(int)} does, wherever the emulator runs. */
    static void reset(LiveEngageEmulator emulator, long latencyMs) {
        emulator.reset();
        emulator.faults().latency(Duration.ofMillis(latencyMs));
    }

    /** The emulator in this JVM; its threads are all named {@code le-emulator-*}, which {@link Meter} leaves out. */
    static Emulator inProcess(int threads) {
        LiveEngageEmulator emulator = startEmulator(threads);
        Workload workload = new Workload(emulator);
        return new Emulator() {
            @Override
            public Workload workload() {
                return workload;
            }

            @Override
            public void reset(int latencyMs) {
                Emulator.reset(emulator, latencyMs);
            }

            @Override
            public long created() {
                return emulator.count("create", 200);
            }

            @Override
            public void forgetConversations() {
                emulator.forgetConversations();
            }

            @Override
            public long separateCpuNanos() {
                return -1;
            }

            @Override
            public void close() {
                emulator.close();
            }
        };
    }
}
