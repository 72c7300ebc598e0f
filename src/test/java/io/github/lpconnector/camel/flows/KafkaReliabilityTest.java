package io.github.lpconnector.camel.flows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka flow under faults: the emulator answers 2 % 429, 5 % 503, drops 2 % of the connections and stalls 2 %
 * of the answers for 2 s (longer than the 1 s request timeout: the conversation is opened but the answer is lost),
 * while the consuming route is stopped and restarted mid-stream, and 5 % of the events are published twice.
 * Every event must end as exactly one conversation with one result record, or on the dead-letter topic.
 * {@code -Dreliability.large=true} runs 10,000 events instead of 2,000.
 */
class KafkaReliabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String YAML = "file:routes-examples/kafka-to-liveperson.camel.yaml";
    private static final String ROUTE = "kafka-to-liveperson-yaml";

    static KafkaTestBroker kafka;
    static LiveEngageEmulator emulator;
    private final List<Main> mains = new ArrayList<>();

    @BeforeAll
    static void startBrokers() throws Exception {
        kafka = KafkaTestBroker.start();
        emulator = LiveEngageEmulator.start();
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopRoutes() {
        mains.forEach(Main::stop);
        mains.clear();
        emulator.reset();
    }

    /** What was published: unique events by id, and which of them can never succeed. */
    record Published(List<Map.Entry<String, String>> records, Set<String> valid, Set<String> invalid, int duplicates) {
        int events() {
            return valid.size() + invalid.size();
        }
    }

    private static Published publish(String prefix, int events, long seed) {
        Random random = new Random(seed);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        Set<String> valid = new HashSet<>();
        Set<String> invalid = new HashSet<>();
        int duplicates = 0;
        for (int i = 1; i <= events; i++) {
            String id = KafkaEvents.eventId(prefix, i);
            String customer = KafkaEvents.customerId(prefix, i);
            double r = random.nextDouble();
            String value;
            if (r < 0.02) {
                value = KafkaEvents.invalidProfile(id, customer);
                invalid.add(id);
            } else if (r < 0.03) {
                value = KafkaEvents.wrongBrand(id, customer);
                invalid.add(id);
            } else {
                value = KafkaEvents.valid(id, customer);
                valid.add(id);
            }
            records.add(KafkaEvents.record(id, value));
            if (random.nextDouble() < 0.05) {
                // the CRM published it again a little later (producer retry, replay)
                int at = Math.min(records.size() + random.nextInt(40), records.size());
                records.add(at, KafkaEvents.record(id, value));
                duplicates++;
            }
        }
        return new Published(records, valid, invalid, duplicates);
    }

    private void injectFaults(long seed) {
        emulator.faults().seed(seed)
                .dropShare(0.02)
                .stallShare(0.02, Duration.ofSeconds(2))
                .statusShare(429, FlowMain.RANDOM_429_SHARE)
                .statusShare(503, 0.05);
    }

    private Main startContext(String prefix, int consumers) throws Exception {
        Map<String, String> props = new HashMap<>(AbstractKafkaFlowTest.flowProperties(kafka, prefix));
        props.put("flows.kafka.consumers", String.valueOf(consumers));
        Main main = FlowMain.start(YAML, null, emulator, props, Map.of());
        mains.add(main);
        return main;
    }

    private void createTopics(String prefix, int partitions) throws Exception {
        kafka.createTopic(prefix + "-events", partitions);
        kafka.createTopic(prefix + "-results", partitions);
        kafka.createTopic(prefix + "-dead-letters", 1);
    }

    private static Set<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static long handled(String prefix) {
        Set<String> done = new HashSet<>(keys(kafka.readAll(prefix + "-results")));
        done.addAll(keys(kafka.readAll(prefix + "-dead-letters")));
        return done.size();
    }

    @Test
    void faultsAndARestartMidStreamLoseNothingAndDuplicateNothing() throws Exception {
        int events = Boolean.getBoolean("reliability.large") ? 10_000 : 1_000;
        String prefix = "rel";
        createTopics(prefix, 6);
        Published published = publish(prefix, events, 7);
        injectFaults(11);
        kafka.send(prefix + "-events", published.records());

        Main main = startContext(prefix, 6);
        FlowCounters counters = FlowCounters.install(main.getCamelContext());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> handled(prefix) >= published.events() / 3);
        main.getCamelContext().getRouteController().stopRoute(ROUTE);
        assertThat(main.getCamelContext().getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
        long handledAtStop = handled(prefix);
        main.getCamelContext().getRouteController().startRoute(ROUTE);

        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> handled(prefix) >= published.events());
        // let the last in-flight commits land, then look at everything
        await().atMost(Duration.ofMinutes(1)).until(() -> committed(prefix) == published.records().size());

        Outcome outcome = check(prefix, published);
        new FlowFigures("KafkaReliabilityTest.restart")
                .put("events", published.events()).put("recordsPublished", published.records().size())
                .put("duplicatesPublished", published.duplicates())
                .put("faultsInjected", emulator.faults().injected())
                .put("http429", emulator.faults().injected("status 429"))
                .put("http503", emulator.faults().injected("status 503"))
                .put("dropped", emulator.faults().injected("drop")).put("stalled", emulator.faults().injected("stall"))
                .put("createRequests", emulator.count("create"))
                .put("componentRetries", emulator.count("create") - counters.livePersonCalls.sum())
                .put("camelRedeliveries", counters.redeliveries.sum())
                .put("kafkaRecordsRead", counters.exchangesCreated.sum())
                .put("handledAtStop", handledAtStop)
                .put("conversations", outcome.conversations).put("alreadyOpenRecovered", outcome.alreadyOpen)
                .put("deadLetters", outcome.deadLetters).put("lost", outcome.lost)
                .put("duplicatedConversations", outcome.duplicatedConversations)
                .put("duplicatedResults", outcome.duplicatedResults).print();
        outcome.assertClean(published);
    }

    @Test
    void twoContextsInOneConsumerGroupHandleEveryEventOnce() throws Exception {
        int events = 1_000;
        String prefix = "two";
        createTopics(prefix, 6);
        Published published = publish(prefix, events, 23);
        injectFaults(29);
        Main first = startContext(prefix, 3);
        Main second = startContext(prefix, 3);
        FlowCounters firstCounters = FlowCounters.install(first.getCamelContext());
        FlowCounters secondCounters = FlowCounters.install(second.getCamelContext());
        kafka.send(prefix + "-events", published.records());

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> handled(prefix) >= published.events());
        await().atMost(Duration.ofMinutes(1)).until(() -> committed(prefix) == published.records().size());

        Outcome outcome = check(prefix, published);
        new FlowFigures("KafkaReliabilityTest.twoContexts")
                .put("events", published.events()).put("recordsPublished", published.records().size())
                .put("duplicatesPublished", published.duplicates()).put("partitions", 6)
                .put("readByFirst", firstCounters.exchangesCreated.sum())
                .put("readBySecond", secondCounters.exchangesCreated.sum())
                .put("faultsInjected", emulator.faults().injected())
                .put("camelRedeliveries", firstCounters.redeliveries.sum() + secondCounters.redeliveries.sum())
                .put("conversations", outcome.conversations).put("alreadyOpenRecovered", outcome.alreadyOpen)
                .put("deadLetters", outcome.deadLetters).put("lost", outcome.lost)
                .put("duplicatedConversations", outcome.duplicatedConversations)
                .put("duplicatedResults", outcome.duplicatedResults).print();
        outcome.assertClean(published);
        assertThat(firstCounters.exchangesCreated.sum()).isPositive();
        assertThat(secondCounters.exchangesCreated.sum()).isPositive();
    }

    private static long committed(String prefix) throws Exception {
        return kafka.committedOffsets(prefix + "-group").values().stream().mapToLong(Long::longValue).sum();
    }

    record Outcome(int conversations, long alreadyOpen, int deadLetters, int lost, long duplicatedConversations,
                   long duplicatedResults, Map<String, List<JsonNode>> resultsById,
                   Map<String, List<ConsumerRecord<String, String>>> deadById,
                   Map<String, List<EmulatedConversation>> conversationsByCustomer) {

        void assertClean(Published published) {
            assertThat(lost).as("lost events").isZero();
            assertThat(duplicatedConversations).as("customers with more than one conversation").isZero();
            assertThat(duplicatedResults).as("events with more than one result or dead letter").isZero();
            assertThat(resultsById.keySet()).isEqualTo(published.valid());
            assertThat(deadById.keySet()).isEqualTo(published.invalid());
            assertThat(conversations).isEqualTo(published.valid().size());
            for (Map.Entry<String, List<JsonNode>> e : resultsById.entrySet()) {
                JsonNode result = e.getValue().get(0);
                List<EmulatedConversation> own = conversationsByCustomer.get(result.get("customerId").asText());
                assertThat(own).as("conversations of " + e.getKey()).hasSize(1);
                if ("CREATED".equals(result.get("status").asText())) {
                    assertThat(result.get("conversationId").asText()).isEqualTo(own.get(0).conversationId());
                } else {
                    assertThat(result.get("status").asText()).isEqualTo("ALREADY_OPEN");
                }
            }
            for (List<ConsumerRecord<String, String>> dead : deadById.values()) {
                assertThat(AbstractKafkaFlowTest.header(dead.get(0), "lp-error")).isNotBlank();
            }
        }
    }

    private static Outcome check(String prefix, Published published) {
        Map<String, List<JsonNode>> resultsById = kafka.readAll(prefix + "-results").stream()
                .map(r -> AbstractKafkaFlowTest.json(r.value()))
                .collect(Collectors.groupingBy(n -> n.get("eventId").asText()));
        Map<String, List<ConsumerRecord<String, String>>> deadById = kafka.readAll(prefix + "-dead-letters").stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        Map<String, List<EmulatedConversation>> byCustomer = emulator.conversations().stream()
                .collect(Collectors.groupingBy(EmulatedConversation::extConsumerId));
        Set<String> all = new HashSet<>(published.valid());
        all.addAll(published.invalid());
        int lost = (int) all.stream().filter(id -> !resultsById.containsKey(id) && !deadById.containsKey(id)).count();
        long duplicatedConversations = byCustomer.values().stream().filter(l -> l.size() > 1).count();
        long duplicatedResults = all.stream()
                .filter(id -> resultsById.getOrDefault(id, List.of()).size()
                              + deadById.getOrDefault(id, List.of()).size() > 1)
                .count();
        all.stream().filter(id -> resultsById.getOrDefault(id, List.of()).size()
                                  + deadById.getOrDefault(id, List.of()).size() > 1)
                .forEach(id -> System.out.println("[FLOWS] more than one outcome for " + id + ": results="
                                                  + resultsById.get(id) + " deadLetters="
                                                  + deadById.getOrDefault(id, List.of()).stream()
                                                          .map(r -> AbstractKafkaFlowTest.header(r, "lp-error")).toList()));
        long alreadyOpen = resultsById.values().stream().flatMap(List::stream)
                .filter(n -> "ALREADY_OPEN".equals(n.get("status").asText())).count();
        int conversations = byCustomer.values().stream().mapToInt(List::size).sum();
        return new Outcome(conversations, alreadyOpen, deadById.size(), lost, duplicatedConversations,
                duplicatedResults, resultsById, deadById, byCustomer);
    }
}
