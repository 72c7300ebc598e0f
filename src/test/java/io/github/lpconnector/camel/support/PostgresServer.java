package io.github.lpconnector.camel.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import static org.awaitility.Awaitility.await;

/**
 * A throw-away PostgreSQL server for tests: a new cluster (initdb) in a temporary directory, started on a free loopback
 * port as a child process, and removed on close. PostgreSQL refuses to run as root, so as root it runs as the
 * {@code postgres} user (runuser), which owns the directory. The server binaries come from the build machine's
 * {@code postgresql-15} package.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;
    private Process server;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Whether the server binaries are on this machine. */
    public static boolean installed() {
        return Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(BIN.resolve("initdb"));
    }

    public static PostgresServer start() throws Exception {
        Path dir = Files.createTempDirectory("lp-pg-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer pg = new PostgresServer(dir, port);
        if (asRoot()) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        pg.run(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                "-U", "postgres", "--no-sync", "-E", "UTF8"));
        pg.startServer();
        return pg;
    }

    /** Stops the server as a crash would (SIGKILL), then starts it again on the same port and data. */
    public void killAndRestart() throws Exception {
        crash();
        startAgain();
    }

    /**
     * Stops the server as a crash would: SIGKILL to the postmaster and its backends (the pid in
     * {@code postmaster.pid}: as root, the child process is runuser, which a SIGKILL would end without its child).
     * Connections are cut, nothing is shut down cleanly.
     */
    public void crash() throws Exception {
        ProcessHandle postmaster = postmaster().orElseThrow(() -> new IllegalStateException("no postmaster running"));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** The running postmaster, by the pid on the first line of its {@code postmaster.pid}. */
    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dir.resolve("data").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
    }

    /** Starts the server again after {@link #crash()}, on the same port and data (it recovers from its WAL). */
    public void startAgain() throws Exception {
        startServer();
    }

    private void startServer() throws Exception {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("postgres").toString(), "-D",
                dir.resolve("data").toString(), "-p", String.valueOf(port), "-k", dir.toString(), "-c",
                "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"));
        server = new ProcessBuilder(asUser(command)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    try (Connection c = dataSource().getConnection()) {
                        return c.isValid(1);
                    }
                });
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A new DataSource on the server (each its own connections, as another instance's would be). */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl());
        ds.setUser("postgres");
        return ds;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(asUser(command)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("initdb.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("initdb failed: " + Files.readString(dir.resolve("initdb.log")));
        }
    }

    private static List<String> asUser(List<String> command) {
        if (!asRoot()) {
            return command;
        }
        List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asPostgres.addAll(command);
        return asPostgres;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        // a postmaster that outlived its runuser parent
        for (ProcessHandle left : postmaster().stream().toList()) {
            left.descendants().forEach(ProcessHandle::destroyForcibly);
            left.destroyForcibly();
            left.onExit().join();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** For assertions: a connection to the server. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }
}
