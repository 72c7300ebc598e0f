package io.github.lpconnector.camel.flows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes-examples/file-to-liveperson.camel.yaml through camel-main under the same faults as the Kafka flow (2 %
 * 429, 5 % 503, 2 % dropped connections, 2 % answers stalled 2 s past a 1 s timeout), with duplicate event files and
 * events that can never succeed: every event ends as one conversation with one result file, or in .error.
 */
class FileFlowTest {

    static LiveEngageEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = LiveEngageEmulator.start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    private static void drop(Path inbox, String name, String content) throws IOException {
        Path tmp = inbox.getParent().resolve(name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void everyEventFileEndsAsOneConversationOrInError(@TempDir Path dir) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        String prefix = "file";
        int valid = 150;
        Set<String> validIds = new HashSet<>();
        Set<String> invalidIds = new HashSet<>();
        int files = 0;
        for (int i = 1; i <= valid; i++) {
            String id = KafkaEvents.eventId(prefix, i);
            validIds.add(id);
            drop(inbox, id + ".json", KafkaEvents.valid(id, KafkaEvents.customerId(prefix, i)));
            files++;
            if (i % 15 == 0) {
                // the CRM exported the same event again under another file name
                drop(inbox, id + "-again.json", KafkaEvents.valid(id, KafkaEvents.customerId(prefix, i)));
                files++;
            }
        }
        for (int i = 201; i <= 205; i++) {
            String id = KafkaEvents.eventId(prefix, i);
            invalidIds.add(id);
            drop(inbox, id + ".json", i % 2 == 0 ? KafkaEvents.invalidProfile(id, KafkaEvents.customerId(prefix, i))
                    : KafkaEvents.wrongBrand(id, KafkaEvents.customerId(prefix, i)));
            files++;
        }
        drop(inbox, "not-json.json", "{\"eventId\":");
        files++;
        emulator.faults().seed(5).dropShare(0.02).stallShare(0.02, Duration.ofSeconds(2))
                .statusShare(429, FlowMain.RANDOM_429_SHARE).statusShare(503, 0.05);

        Map<String, String> props = Map.of(
                "flows.file.inbox", inbox.toString(),
                "flows.file.outbox", outbox.toString(),
                "flows.file.idempotent-store", dir.resolve("ids.dat").toString(),
                "flows.redelivery-delay", "50",
                "camel.component.liveperson-connector.retry-delay", "20",
                "camel.component.liveperson-connector.max-retry-delay", "100",
                "camel.component.liveperson-connector.request-timeout", "1000");
        Main main = FlowMain.start("file:routes-examples/file-to-liveperson.camel.yaml", null, emulator, props, Map.of());
        int expectedFiles = files;
        try {
            FlowCounters counters = FlowCounters.install(main.getCamelContext());
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                    list(inbox.resolve(".done"), ".json").size() + list(inbox.resolve(".error"), ".json").size()
                    == expectedFiles);

            Map<String, JsonNode> results = new java.util.HashMap<>();
            for (Path p : list(outbox, ".json")) {
                JsonNode r = AbstractKafkaFlowTest.json(Files.readString(p));
                results.put(r.get("eventId").asText(), r);
            }
            Map<String, List<EmulatedConversation>> byCustomer = emulator.conversations().stream()
                    .collect(Collectors.groupingBy(EmulatedConversation::extConsumerId));
            Set<String> errorIds = list(inbox.resolve(".error"), ".json").stream()
                    .map(p -> p.getFileName().toString().replace(".json", "")).collect(Collectors.toSet());
            int lost = (int) validIds.stream().filter(id -> !results.containsKey(id)).count()
                       + (int) invalidIds.stream().filter(id -> !errorIds.contains(id)).count();
            long duplicated = byCustomer.values().stream().filter(l -> l.size() > 1).count();
            long alreadyOpen = results.values().stream().filter(r -> "ALREADY_OPEN".equals(r.get("status").asText()))
                    .count();
            new FlowFigures("FileFlowTest").put("events", validIds.size() + invalidIds.size() + 1)
                    .put("files", expectedFiles).put("duplicateFiles", valid / 15)
                    .put("faultsInjected", emulator.faults().injected())
                    .put("componentRetries", emulator.count("create") - counters.livePersonCalls.sum())
                    .put("camelRedeliveries", counters.redeliveries.sum())
                    .put("conversations", byCustomer.values().stream().mapToInt(List::size).sum())
                    .put("alreadyOpenRecovered", alreadyOpen).put("errors", errorIds.size())
                    .put("lost", lost).put("duplicatedConversations", duplicated).print();

            assertThat(lost).isZero();
            assertThat(duplicated).isZero();
            assertThat(results.keySet()).isEqualTo(validIds);
            assertThat(errorIds).containsAll(invalidIds).contains("not-json").hasSize(invalidIds.size() + 1);
            assertThat(byCustomer).hasSize(validIds.size());
            for (JsonNode r : results.values()) {
                if ("CREATED".equals(r.get("status").asText())) {
                    assertThat(r.get("conversationId").asText())
                            .isEqualTo(byCustomer.get(r.get("customerId").asText()).get(0).conversationId());
                }
            }
            for (String id : invalidIds) {
                assertThat(inbox.resolve(".error").resolve(id + ".json.error.txt")).exists();
            }
            assertThat(list(inbox, ".json")).isEmpty();
        } finally {
            main.stop();
            emulator.reset();
        }
    }
}
