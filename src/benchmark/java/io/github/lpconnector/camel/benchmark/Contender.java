package io.github.lpconnector.camel.benchmark;

/** One way of running the CREATE workload: the component, a hand-written camel-http route, or a bare client. */
interface Contender extends AutoCloseable {

    /** Called exactly once per submitted exchange. */
    interface Completion {
        /** @param conversationId the id LivePerson gave, null on failure; @param failure null on success */
        void done(String conversationId, Throwable failure);
    }

    String name();

    /**
     * Starts whatever the contender needs to keep {@code inFlight} exchanges going against the emulator, with at most
     * {@code connections} connections (a blocking contender uses at most that many threads too).
     */
    void start(Workload workload, int inFlight, int connections) throws Exception;

    /** Starts one exchange without waiting for its answer. */
    void submit(Completion completion);

    @Override
    void close() throws Exception;
}
