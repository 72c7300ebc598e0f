package io.github.lpconnector.camel.mainjob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import org.apache.camel.main.Main;

/**
 * The README's first command ({@code mvn -q test-compile exec:java@main-job}): runs the YAML route
 * {@code routes-examples/crm-events-to-liveperson.yaml} over the sample CRM events, opening one conversation per
 * event, and ends by itself with a summary.
 * <p>
 * With no configuration it starts the embedded LiveEngage emulator and points the component at it. With
 * {@code LP_ACCOUNT_ID}, {@code LP_CLIENT_ID} and {@code LP_CLIENT_SECRET} in the environment it targets that
 * LiveEngage account instead ({@code LP_DOMAIN} optional: without it the Domain API finds the hosts).
 */
public final class MainJob {

    static final String ROUTE = "routes-examples/crm-events-to-liveperson.yaml";
    static final String EMULATOR_ACCOUNT = "90412345";
    private static final int MAX_SECONDS = 120;

    /** One line of results.jsonl. */
    public record Result(String eventFile, String status, String conversationId, String error) {
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
     * Runs the route once over the events of {@code eventsSource}.
     *
     * @param emulator the emulator to target in emulator mode; null starts (and stops) one
     */
    public static Summary run(Path workDir, Path eventsSource, Map<String, String> env, LiveEngageEmulator emulator)
            throws Exception {
        boolean realAccount = env.get("LP_ACCOUNT_ID") != null && env.get("LP_CLIENT_ID") != null
                              && env.get("LP_CLIENT_SECRET") != null;
        LiveEngageEmulator ownEmulator = realAccount || emulator != null ? null : LiveEngageEmulator.start();
        LiveEngageEmulator target = emulator != null ? emulator : ownEmulator;
        try {
            Path inbox = workDir.resolve("inbox");
            Path results = workDir.resolve("results");
            int events = prepare(eventsSource, inbox, results);

            Main main = new Main();
            main.configure().withRoutesIncludePattern("file:" + ROUTE)
                    .withDurationMaxMessages(events)
                    .withDurationMaxSeconds(MAX_SECONDS)
                    .withShutdownTimeout(10);
            main.addInitialProperty("camel.main.name", "liveperson-main-job");
            main.addInitialProperty("crm.events.dir", inbox.toAbsolutePath().toString());
            main.addInitialProperty("crm.results.dir", results.toAbsolutePath().toString());
            String where;
            if (realAccount) {
                main.addInitialProperty("camel.component.liveperson-connector.account-id", env.get("LP_ACCOUNT_ID"));
                main.addInitialProperty("camel.component.liveperson-connector.client-id", env.get("LP_CLIENT_ID"));
                main.addInitialProperty("camel.component.liveperson-connector.client-secret", env.get("LP_CLIENT_SECRET"));
                if (env.get("LP_DOMAIN") != null) {
                    main.addInitialProperty("camel.component.liveperson-connector.domain", env.get("LP_DOMAIN"));
                }
                where = "LiveEngage account " + env.get("LP_ACCOUNT_ID");
            } else {
                main.addInitialProperty("camel.component.liveperson-connector.account-id", EMULATOR_ACCOUNT);
                main.addInitialProperty("camel.component.liveperson-connector.base-uri", target.baseUri());
                main.addInitialProperty("camel.component.liveperson-connector.client-id", target.clientId());
                main.addInitialProperty("camel.component.liveperson-connector.client-secret", target.clientSecret());
                where = "LiveEngage emulator at " + target.baseUri() + ", account " + EMULATOR_ACCOUNT;
            }
            System.out.println("[main-job] " + events + " CRM events → " + where);
            main.run();
            return new Summary(events, readResults(results.resolve("results.jsonl")), where);
        } finally {
            if (ownEmulator != null) {
                ownEmulator.close();
            }
        }
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

    private static List<Result> readResults(Path file) throws IOException {
        List<Result> results = new ArrayList<>();
        if (!Files.exists(file)) {
            return results;
        }
        ObjectMapper mapper = new ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode node = mapper.readTree(line);
                results.add(new Result(node.path("eventFile").asText(), node.path("status").asText(),
                        node.path("conversationId").asText(null), node.path("error").asText(null)));
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
        }
        System.out.printf("[main-job] events read: %d, conversations opened: %d, failures: %d%n",
                summary.eventsRead(), summary.opened(), summary.failed());
    }
}
