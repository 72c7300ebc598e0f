package io.github.lpconnector.camel.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;

/**
 * The emulator in a JVM of its own, so that a cell's heap, threads and allocation are the client's only. The parent
 * starts it with its own classpath and drives it over stdin/stdout, one command a line: {@code reset <latencyMs>},
 * {@code count} (CREATE answers with status 200), {@code forget} (stored conversations); each is answered by one
 * line. The child exits when its stdin closes, so it never outlives the benchmark.
 */
final class EmulatorProcess implements Emulator {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Workload workload;

    private EmulatorProcess(int threads) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseParallelGC",
                "-Djava.awt.headless=true"));
        String log4j = System.getProperty("log4j2.configurationFile");
        if (log4j != null) {
            command.add("-Dlog4j2.configurationFile=" + log4j);
        }
        command.addAll(List.of("-classpath", System.getProperty("java.class.path"), EmulatorProcess.class.getName(),
                Integer.toString(threads)));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        workload = new Workload(line(), line(), line());
    }

    static EmulatorProcess start(int threads) throws IOException {
        return new EmulatorProcess(threads);
    }

    @Override
    public Workload workload() {
        return workload;
    }

    @Override
    public void reset(int latencyMs) throws IOException {
        command("reset " + latencyMs);
    }

    @Override
    public long created() throws IOException {
        return Long.parseLong(command("count"));
    }

    @Override
    public void forgetConversations() throws IOException {
        command("forget");
    }

    @Override
    public long separateCpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private String command(String line) throws IOException {
        in.println(line);
        return line();
    }

    private String line() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the emulator process ended (exit " + process.onExit().join().exitValue() + ")");
        }
        return line;
    }

    @Override
    public void close() throws InterruptedException {
        in.close(); // the child exits on end of input
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The child: {@code EmulatorProcess <threads>}. */
    public static void main(String[] args) throws IOException {
        PrintStream stdout = System.out;
        System.setOut(System.err); // stdout is the protocol
        try (LiveEngageEmulator emulator = Emulator.startEmulator(Integer.parseInt(args[0]))) {
            Workload workload = new Workload(emulator);
            stdout.println(workload.baseUri);
            stdout.println(workload.appJwt);
            stdout.println(workload.consumerJws);
            stdout.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "reset" -> {
                        Emulator.reset(emulator, Long.parseLong(words[1]));
                        stdout.println("ok");
                    }
                    case "count" -> stdout.println(emulator.count("create", 200));
                    case "forget" -> {
                        emulator.forgetConversations();
                        stdout.println("ok");
                    }
                    default -> stdout.println("unknown command " + line);
                }
                stdout.flush();
            }
        }
        System.exit(0);
    }
}
