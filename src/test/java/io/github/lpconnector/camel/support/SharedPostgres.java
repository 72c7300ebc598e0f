package io.github.lpconnector.camel.support;

/**
 * One throw-away PostgreSQL server for the whole test JVM, started on first use and stopped when the JVM ends: the
 * flows that share state between instances use it, each under names of its own.
 */
public final class SharedPostgres {

    private static PostgresServer server;

    private SharedPostgres() {
    }

    public static synchronized PostgresServer get() {
        if (server == null) {
            try {
                server = PostgresServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start PostgreSQL for the tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    // the JVM is ending: the directory is temporary
                }
            }, "postgres-stop"));
        }
        return server;
    }
}
