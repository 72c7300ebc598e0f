package io.github.lpconnector.camel.flows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A connector instance ({@link InstanceMain}) in a JVM the test starts, on the test's own class path, its output in
 * {@code target/multi-instance/<name>-<start>.log}. {@link #kill()} is SIGKILL (a crash: no shutdown hook runs),
 * {@link #stop()} SIGTERM (graceful).
 */
final class InstanceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Map<String, String> properties;
    private Process process;
    private Path log;
    private int starts;

    InstanceProcess(String name, int port, Map<String, String> properties) {
        this.name = name;
        this.port = port;
        this.properties = properties;
    }

    int port() {
        return port;
    }

    /** Starts the JVM and waits until its routes are started (generous: 2 CPUs shared by several JVMs). */
    InstanceProcess start() throws IOException {
        starts++;
        Path dir = Path.of("target", "multi-instance");
        Files.createDirectories(dir);
        log = dir.resolve(name + "-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + Path.of("src/test/resources/log4j2-instance.xml").toAbsolutePath(),
                "-Dcamel.server.enabled=true", "-Dcamel.server.port=" + port));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), InstanceMain.class.getName()));
        process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return this;
    }

    void awaitReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with " + process.exitValue() + ", see " + log);
            }
            return Files.readString(log).contains(InstanceMain.READY);
        });
    }

    /** SIGKILL, as the kernel's OOM killer or a node failure would: nothing is closed, nothing committed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    @Override
    public String toString() {
        return name + " (port " + port + ", log " + log + ")";
    }
}
