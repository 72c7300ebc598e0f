package io.github.lpconnector.camel.mainjob;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import org.apache.camel.main.Main;

/**
 * The README's first command ({@code mvn -q test-compile exec:java@main-job}): a round trip through LiveEngage. The
 * YAML route {@code routes-examples/crm-events-to-liveperson.yaml} opens one conversation per sample CRM event (the
 * case id as {@code LivePersonCorrelationId}); {@code routes-examples/liveperson-replies-to-results.yaml} receives
 * the agents' answers through {@code liveperson-connector:notifications}; the job prints each case with its answer
 * and ends by itself.
 * <p>
 * With no configuration it starts the embedded LiveEngage emulator, whose agent answers every new conversation and
 * whose webhooks point at the job. With {@code LP_ACCOUNT_ID}, {@code LP_CLIENT_ID} and {@code LP_CLIENT_SECRET} in
 * the environment it targets that LiveEngage account instead ({@code LP_DOMAIN} optional: without it the Domain API
 * finds the hosts), listens for the account's webhooks on {@code LP_WEBHOOK_PORT} (default 8080) and waits at most
 * {@code LP_REPLY_WAIT_SECONDS} (default 60) for the agents' answers.
 */
public final class MainJob {

    static final String ROUTES = "file:routes-examples/crm-events-to-liveperson.yaml,"
                                 + "file:routes-examples/liveperson-replies-to-results.yaml";
    static final String EMULATOR_ACCOUNT = "90412345";
    private static final Duration MAX_RUN = Duration.ofSeconds(120);
    private static final Duration EMULATOR_REPLY_WAIT = Duration.ofSeconds(30);

    /** One line of results.jsonl, with the agent's answer from replies.jsonl when one came. */
    public record Result(String eventFile, String status, String conversationId, String error, String caseId,
            String answer) {
    }

    /**
     * What the job did.
     *
     * @param eventsRead event files handed to the route
     * @param results    one result per event, in file order
     * @param target     where the conversations were opened
     */
    public record Summary(int eventsRead, List<Result> results, String target) {
        public long opened() {
            return results.stream().filter(r -> "OPENED".equals(r.status())).count();
        }

        public long failed() {
            return results.size() - opened();
        }

        public long answered() {
            return results.stream().filter(r -> r.answer() != null).count();
        }
    }

    private MainJob() {
    }

    public static void main(String[] args) throws Exception {
        Summary summary = run(Path.of("target/main-job"), Path.of("routes-examples/crm-events"), System.getenv(), null);
        print(summary);
        if (summary.results().size() != summary.eventsRead()) {
            throw new IllegalStateException(summary.eventsRead() + " events read but " + summary.results().size()
                                            + " results written: events were lost");
        }
    }

    /**
     * Runs the routes once over the events of {@code eventsSource}: opens the conversations, then waits for the
     * agents' answers.
     *
     * @param emulator the emulator to target in emulator mode (its agent must answer: auto-agent on); null starts (and
     *                 stops) one
     */
    public static Summary run(Path workDir, Path eventsSource, Map<String, String> env, LiveEngageEmulator emulator)
            throws Exception {
        boolean realAccount = env.get("LP_ACCOUNT_ID") != null && env.get("LP_CLIENT_ID") != null
                              && env.get("LP_CLIENT_SECRET") != null;
        int port = realAccount ? Integer.parseInt(env.getOrDefault("LP_WEBHOOK_PORT", "8080")) : freePort();
        LiveEngageEmulator ownEmulator = realAccount || emulator != null ? null
                : LiveEngageEmulator.builder().webhooks(w -> w.autoAgent(Duration.ofMillis(200))).start();
        LiveEngageEmulator target = emulator != null ? emulator : ownEmulator;
        try {
            Path inbox = workDir.resolve("inbox");
            Path results = workDir.resolve("results");
            int events = prepare(eventsSource, inbox, results);

            Main main = new Main();
            main.configure().withRoutesIncludePattern(ROUTES).withShutdownTimeout(10);
            main.addInitialProperty("camel.main.name", "liveperson-main-job");
            main.addInitialProperty("crm.events.dir", inbox.toAbsolutePath().toString());
            main.addInitialProperty("crm.results.dir", results.toAbsolutePath().toString());
            main.addInitialProperty("camel.server.enabled", "true");
            main.addInitialProperty("camel.server.port", String.valueOf(port));
            String where;
            Duration replyWait;
            if (realAccount) {
                main.addInitialProperty("camel.component.liveperson-connector.account-id", env.get("LP_ACCOUNT_ID"));
                main.addInitialProperty("camel.component.liveperson-connector.client-id", env.get("LP_CLIENT_ID"));
                main.addInitialProperty("camel.component.liveperson-connector.client-secret", env.get("LP_CLIENT_SECRET"));
                if (env.get("LP_DOMAIN") != null) {
                    main.addInitialProperty("camel.component.liveperson-connector.domain", env.get("LP_DOMAIN"));
                }
                where = "LiveEngage account " + env.get("LP_ACCOUNT_ID") + ", webhooks on port " + port;
                replyWait = Duration.ofSeconds(Long.parseLong(env.getOrDefault("LP_REPLY_WAIT_SECONDS", "60")));
            } else {
                main.addInitialProperty("camel.component.liveperson-connector.account-id", EMULATOR_ACCOUNT);
                main.addInitialProperty("camel.component.liveperson-connector.base-uri", target.baseUri());
                main.addInitialProperty("camel.component.liveperson-connector.client-id", target.clientId());
                main.addInitialProperty("camel.component.liveperson-connector.client-secret", target.clientSecret());
                target.webhooks().registerAll("http://127.0.0.1:" + port + "/liveperson/notifications");
                where = "LiveEngage emulator at " + target.baseUri() + ", account " + EMULATOR_ACCOUNT;
                replyWait = EMULATOR_REPLY_WAIT;
            }
            System.out.println("[main-job] " + events + " CRM events → " + where);
            main.start();
            try {
                Path resultsFile = results.resolve("results.jsonl");
                Path repliesFile = results.resolve("replies.jsonl");
                waitFor(MAX_RUN, () -> lines(resultsFile) >= events);
                long opened = readResults(resultsFile, Map.of()).stream().filter(r -> "OPENED".equals(r.status())).count();
                System.out.println("[main-job] " + opened + " conversations opened; waiting up to " + replyWait.toSeconds()
                                   + " s for the agents' answers");
                waitFor(replyWait, () -> lines(repliesFile) >= opened);
                return new Summary(events, readResults(resultsFile, readReplies(repliesFile)), where);
            } finally {
                main.stop();
            }
        } finally {
            if (ownEmulator != null) {
                ownEmulator.close();
            }
        }
    }

    /** Polls {@code done} until it holds or {@code limit} passed: the job's own patience, not a test's. */
    private static void waitFor(Duration limit, java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The agents' answers by conversation id (the first one of each). */
    private static Map<String, JsonNode> readReplies(Path file) throws IOException {
        Map<String, JsonNode> replies = new HashMap<>();
        if (Files.exists(file)) {
            ObjectMapper mapper = new ObjectMapper();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonNode node = mapper.readTree(line);
                    replies.putIfAbsent(node.path("conversationId").asText(), node);
                }
            }
        }
        return replies;
    }

    private static int prepare(Path eventsSource, Path inbox, Path results) throws IOException {
        deleteTree(inbox);
        deleteTree(results);
        Files.createDirectories(inbox);
        Files.createDirectories(results);
        int count = 0;
        try (Stream<Path> files = Files.list(eventsSource)) {
            for (Path event : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Files.copy(event, inbox.resolve(event.getFileName()));
                count++;
            }
        }
        return count;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<Result> readResults(Path file, Map<String, JsonNode> replies) throws IOException {
        List<Result> results = new ArrayList<>();
        if (!Files.exists(file)) {
            return results;
        }
        ObjectMapper mapper = new ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode node = mapper.readTree(line);
                String conversationId = node.path("conversationId").asText(null);
                JsonNode reply = conversationId != null ? replies.get(conversationId) : null;
                results.add(new Result(node.path("eventFile").asText(), node.path("status").asText(), conversationId,
                        node.path("error").asText(null), reply != null ? reply.path("caseId").asText(null) : null,
                        reply != null ? reply.path("text").asText(null) : null));
            }
        }
        results.sort(Comparator.comparing(Result::eventFile));
        return results;
    }

    static void print(Summary summary) {
        System.out.println();
        System.out.println("[main-job] target: " + summary.target());
        for (Result r : summary.results()) {
            System.out.printf("[main-job]   %-16s %-7s %s%n", r.eventFile(), r.status(),
                    r.conversationId() != null ? r.conversationId() : "");
            if (r.error() != null) {
                System.out.printf("[main-job]   %-16s         %s%n", "", r.error());
            }
            if (r.answer() != null) {
                System.out.printf("[main-job]   %-16s         %s, agent: %s%n", "", r.caseId(), r.answer());
            } else if ("OPENED".equals(r.status())) {
                System.out.printf("[main-job]   %-16s         no answer from an agent yet%n", "");
            }
        }
        System.out.printf("[main-job] events read: %d, conversations opened: %d, answered by an agent: %d, failures: %d%n",
                summary.eventsRead(), summary.opened(), summary.answered(), summary.failed());
    }
}
