package io.github.lpconnector.camel.benchmark;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.flows.FlowMain;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * How fast {@code liveperson-connector:notifications} acknowledges LiveEngage's webhooks when the route's first step
 * writes to Kafka ({@code routes-examples/liveperson-replies-to-kafka.camel.yaml}, a KRaft broker in this JVM):
 * signed agent texts offered open-loop at fixed rates (each request sent on its schedule, whatever the answers), the
 * time from sending to the 200 measured per request. The fixed rates are 200 and 1,000 per second; then the rate
 * doubles until p99 passes {@value #RAMP_P99_LIMIT_MS} ms, an answer is not 200, or less than 95 % of the offer is
 * answered: the last rate before that is the highest sustained.
 * <p>
 * {@code mvn -Pbenchmark -q test-compile exec:exec@notification-benchmark}; {@code -Dbench.publish=docs/benchmark}
 * also writes {@code docs/benchmark/notifications.md}.
 */
public final class NotificationBenchmark {

    static final long RAMP_P99_LIMIT_MS = 100;
    private static final String PATH = "/liveperson/notifications";
    private static final int CONVERSATIONS = 1000;
    /** The heap of the connector's and of Kafka's JVM. */
    private static final String CHILD_HEAP = "512m";

    /** One rate's figures. */
    record Run(int offered, double answered, long errors, double p50Ms, double p99Ms, double maxMs) {

        boolean sustained() {
            return errors == 0 && answered >= 0.95 * offered && p99Ms <= RAMP_P99_LIMIT_MS;
        }
    }

    private static final String FLOOR_ROUTE = "file:src/benchmark/resources/notifications-without-kafka.camel.yaml";

    /**
     * A JVM of its own on this class path, as the connector and Kafka are deployed; its output in
     * {@code target/benchmark/<name>.log}.
     *
     * @param ready the log line it prints once started, with what follows it
     */
    record ChildJvm(Process process, String ready) implements AutoCloseable {

        /** Starts {@code main} and returns once it printed {@code marker}. */
        static ChildJvm start(Class<?> main, String marker, String name, List<String> jvmArgs) throws Exception {
            Path log = Path.of("target", "benchmark", name + ".log");
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", "")));
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (true) {
                Optional<String> line = Files.readAllLines(log).stream().filter(l -> l.startsWith(marker)).findFirst();
                if (line.isPresent()) {
                    return new ChildJvm(process, line.get());
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException(main.getSimpleName() + " did not start, see " + log);
                }
                TimeUnit.MILLISECONDS.sleep(200); // polling a child's log while it starts
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The connector ({@link NotificationConnectorMain}) in a JVM of its own, and the load aimed at it, which stays in
     * this JVM with the emulator.
     */
    private static final class Connector implements AutoCloseable {
        final ChildJvm jvm;
        final Load load;

        /** Starts it with {@code route} (null: the example's) and returns once its routes started. */
        Connector(String route, LiveEngageEmulator emulator, String brokers) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> args = new ArrayList<>(List.of("-Xmx" + CHILD_HEAP,
                    "-Dcamel.server.enabled=true", "-Dcamel.server.port=" + port,
                    "-Dcamel.component.liveperson-connector.account-id=" + FlowMain.ACCOUNT,
                    "-Dcamel.component.liveperson-connector.base-uri=" + emulator.baseUri(),
                    "-Dcamel.component.liveperson-connector.client-id=" + emulator.clientId(),
                    "-Dcamel.component.liveperson-connector.client-secret=" + emulator.clientSecret(),
                    "-Dkafka.brokers=" + brokers));
            String chosen = route != null ? route : System.getProperty("bench.route", "");
            if (!chosen.isBlank()) {
                args.add("-Dbench.route=" + chosen);
            }
            String name = route == null ? "notification-connector" : "notification-connector-floor";
            String jvmArg = System.getProperty("bench.connectorJvmArg", "");
            if (!jvmArg.isBlank()) {
                // e.g. -Xlog:gc or a flight recording of the connector; {name} tells the two connectors' files apart
                args.add(jvmArg.replace("{name}", name));
            }
            jvm = ChildJvm.start(NotificationConnectorMain.class, NotificationConnectorMain.READY, name, args);
            load = new Load(URI.create("http://127.0.0.1:" + port + PATH), FlowMain.ACCOUNT, emulator.clientId(),
                    emulator.clientSecret());
        }

        @Override
        public void close() throws InterruptedException {
            load.close();
            jvm.close();
        }
    }

    /** A store holding the conversations the load notifies, as {@code create} would have recorded them. */
    static ConversationStore recordedConversations() {
        ConversationStore store = ConversationStore.inMemory(10_000);
        for (int i = 0; i < CONVERSATIONS; i++) {
            store.save(new ConversationStore.Conversation(conversation(i), FlowMain.ACCOUNT, "case-" + i, null));
        }
        return store;
    }

    private static String conversation(long i) {
        return "bench-" + i;
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.notifications.seconds", 20);
        int warmup = Integer.getInteger("bench.notifications.warmup", 60);
        int rampTo = Integer.getInteger("bench.notifications.rampTo", 32_000);
        List<Integer> rates = Arrays.stream(System.getProperty("bench.notifications.rates", "200,1000").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        String publish = System.getProperty("bench.publish", "");
        List<Run> fixed = new ArrayList<>();
        List<Run> ramp = new ArrayList<>();
        List<Run> floor = new ArrayList<>();
        try (ChildJvm kafka = ChildJvm.start(KafkaBrokerMain.class, KafkaBrokerMain.READY, "notification-kafka",
                List.of("-Xmx" + CHILD_HEAP));
             LiveEngageEmulator emulator = LiveEngageEmulator.start()) {
            String brokers = kafka.ready().substring(KafkaBrokerMain.READY.length()).trim();
            try (Connector connector = new Connector(null, emulator, brokers)) {
                connector.load.run(500, warmup);
                for (int rate : rates) {
                    Run run = connector.load.run(rate, seconds);
                    fixed.add(run);
                    print(run);
                }
                for (int rate = 2_000; rate <= rampTo; rate *= 2) {
                    Run run = connector.load.run(rate, seconds);
                    ramp.add(run);
                    print(run);
                    if (!run.sustained()) {
                        break;
                    }
                }
            }
            try (Connector connector = new Connector(FLOOR_ROUTE, emulator, brokers)) {
                connector.load.run(500, warmup);
                Run run = connector.load.run(200, seconds);
                floor.add(run);
                System.out.print("without Kafka: ");
                print(run);
            }
        }
        String report = markdown(warmup, fixed, ramp, floor);
        System.out.println(report);
        if (!publish.isBlank()) {
            Files.createDirectories(Path.of(publish));
            Files.writeString(Path.of(publish, "notifications.md"), report, StandardCharsets.UTF_8);
        }
    }

    private static void print(Run run) {
        System.out.printf(Locale.ROOT, "%6d/s offered: %8.1f/s answered, %d errors, p50 %.2f ms, p99 %.2f ms, max %.1f ms%n",
                run.offered(), run.answered(), run.errors(), run.p50Ms(), run.p99Ms(), run.maxMs());
    }

    static String markdown(int warmupSeconds, List<Run> fixed, List<Run> ramp, List<Run> floor) {
        StringBuilder md = new StringBuilder("# Notification acknowledgement latency\n\n");
        md.append("Run ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version"))
                .append(". Signed agent texts POSTed open-loop over HTTP/1.1 to `liveperson-connector:notifications`"
                        + " (camel-main's platform-http), whose route writes each to Kafka before the 200. The connector runs in a JVM of its own (camel-main,"
                        + " `routes-examples/liveperson-replies-to-kafka.camel.yaml`, default GC, -Xmx"
                        + CHILD_HEAP + "), Kafka (KRaft, one node) in"
                        + " another; the emulator and the load (Apache HttpClient 5, one I/O thread) in the benchmark's"
                        + " JVM; all three share the cores. First " + warmupSeconds + " s at 500/s, so that the three"
                        + " JVMs' compilers are done and the figures are the steady state a deployed connector runs in."
                        + " At most " + Load.MAX_IN_FLIGHT + " unanswered (a connection each); a request due while that"
                        + " many wait counts as non-200. Latency: from sending a request to its answer.\n\n");
        md.append("| offered/s | answered/s | non-200 | p50 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|---:|\n");
        List<Run> all = new ArrayList<>(fixed);
        all.addAll(ramp);
        for (Run r : all) {
            md.append(String.format(Locale.ROOT, "| %,d | %,.0f | %d | %.2f | %.2f | %.1f |%n", r.offered(), r.answered(),
                    r.errors(), r.p50Ms(), r.p99Ms(), r.maxMs()));
        }
        int highest = all.stream().filter(Run::sustained).mapToInt(Run::offered).max().orElse(0);
        md.append("\nHighest rate sustained (every answer 200, ≥ 95 % of the offer answered, p99 ≤ ")
                .append(RAMP_P99_LIMIT_MS).append(" ms): **").append(String.format(Locale.ROOT, "%,d", highest))
                .append("/s**.\n\n");
        fixed.stream().filter(r -> r.offered() == 200).findFirst().ifPresent(r -> md.append(String.format(Locale.ROOT,
                "Target p99 ≤ 10 ms at 200/s: **%s** (%.2f ms).%n", r.p99Ms() <= 10 ? "MET" : "NOT MET", r.p99Ms())));
        floor.forEach(r -> md.append(String.format(Locale.ROOT, "%nWithout Kafka (the same route but the Kafka write,"
                + " `src/benchmark/resources/notifications-without-kafka.camel.yaml`), at %d/s: p50 %.2f ms, p99 %.2f"
                + " ms, max %.1f ms, %d non-200: the HTTP server, the component and the route's other steps.%n",
                r.offered(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.errors())));
        return md.toString();
    }

    /**
     * Sends signed notifications open-loop, each at its scheduled time, and times their answers. HTTP/1.1 on
     * Apache HttpClient 5's async client with one I/O thread, as webhook senders post: the sender is another machine
     * in production, so it should take as little of the connector's cores as it can.
     */
    static final class Load implements AutoCloseable {
        /** At most this many requests unanswered, so connections (one per request in flight) stay bounded. */
        static final int MAX_IN_FLIGHT = 256;
        private final CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_IN_FLIGHT).setMaxConnPerRoute(MAX_IN_FLIGHT)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5)).build())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
                .disableAutomaticRetries()
                .build();
        private final Semaphore connections = new Semaphore(MAX_IN_FLIGHT);
        private final URI uri;
        private final String account;
        private final String clientId;
        private final Mac mac;
        private final AtomicLong sequence = new AtomicLong();

        Load(URI uri, String account, String clientId, String secret) throws Exception {
            this.uri = uri;
            this.account = account;
            this.clientId = clientId;
            this.mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            http.start();
        }

        Run run(int rate, int seconds) throws Exception {
            int total = rate * seconds;
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            List<CompletableFuture<?>> answers = new ArrayList<>(total);
            long start = System.nanoTime();
            long intervalNanos = 1_000_000_000L / rate;
            try {
                for (int i = 0; i < total; i++) {
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        TimeUnit.NANOSECONDS.sleep(wait); // the generator's own pacing, not a test's sleep
                    }
                    if (!connections.tryAcquire()) {
                        errors.incrementAndGet(); // MAX_IN_FLIGHT unanswered: the server is not keeping up
                        continue;
                    }
                    SimpleHttpRequest request = request(sequence.incrementAndGet());
                    CompletableFuture<Void> answered = new CompletableFuture<>();
                    answers.add(answered);
                    long sent = System.nanoTime();
                    http.execute(request, new FutureCallback<SimpleHttpResponse>() {
                        @Override
                        public void completed(SimpleHttpResponse answer) {
                            long latency = System.nanoTime() - sent;
                            connections.release();
                            if (answer.getCode() == 200) {
                                latencies.add(latency);
                            } else {
                                errors.incrementAndGet();
                            }
                            answered.complete(null);
                        }

                        @Override
                        public void failed(Exception failure) {
                            connections.release();
                            errors.incrementAndGet();
                            answered.complete(null);
                        }

                        @Override
                        public void cancelled() {
                            failed(null);
                        }
                    });
                }
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                errors.addAndGet(answers.stream().filter(a -> !a.isDone()).count());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Run(rate, sorted.length / elapsed, errors.get(), percentile(sorted, 0.50),
                    percentile(sorted, 0.99), sorted.length > 0 ? sorted[sorted.length - 1] / 1e6 : Double.NaN);
        }

        @Override
        public void close() {
            http.close(CloseMode.GRACEFUL);
        }

        private SimpleHttpRequest request(long n) {
            String conversation = conversation(n % CONVERSATIONS);
            String body = "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":["
                          + "{\"sequence\":" + n + ",\"originatorId\":\"agent\",\"originatorMetadata\":{\"id\":\"agent\","
                          + "\"role\":\"ASSIGNED_AGENT\"},\"serverTimestamp\":" + System.currentTimeMillis()
                          + ",\"event\":{\"type\":\"ContentEvent\",\"message\":\"reply " + n
                          + "\",\"contentType\":\"text/plain\"},\"conversationId\":\"" + conversation
                          + "\",\"dialogId\":\"" + conversation + "\"}]}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String signature;
            synchronized (mac) {
                signature = "sha1=" + Base64.getEncoder().encodeToString(mac.doFinal(bytes));
            }
            return SimpleRequestBuilder.post(uri).setHeader("x-liveperson-account-id", account)
                    .setHeader("x-liveperson-client-id", clientId).setHeader("x-liveperson-signature", signature)
                    .setBody(bytes, ContentType.APPLICATION_JSON).build();
        }

        /** Nearest-rank percentile in milliseconds. */
        static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
