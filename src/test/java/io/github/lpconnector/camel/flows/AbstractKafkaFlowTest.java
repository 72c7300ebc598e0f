package io.github.lpconnector.camel.flows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.support.SharedPostgres;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka → LiveEngage example route (YAML or Java DSL, loaded through camel-main) on a real KRaft broker against
 * the emulator: results, dead letters, commits, de-duplication and redelivery of a retryable failure.
 */
abstract class AbstractKafkaFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUN = new AtomicInteger();

    static KafkaTestBroker kafka;
    static LiveEngageEmulator emulator;

    Main main;
    String prefix;
    String events;
    String results;
    String deadLetters;
    String group;

    /** routes-include-pattern of the route under test, or null. */
    abstract String routes();

    /** package of the Java DSL route under test, or null. */
    abstract String javaPackage();

    abstract String routeId();

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
        if (main != null) {
            main.stop();
        }
        emulator.reset();
    }

    void start(int partitions, Map<String, String> extra) throws Exception {
        prefix = getClass().getSimpleName().toLowerCase() + RUN.incrementAndGet();
        events = prefix + "-events";
        results = prefix + "-results";
        deadLetters = prefix + "-dead-letters";
        group = prefix + "-group";
        kafka.createTopic(events, partitions);
        kafka.createTopic(results, partitions);
        kafka.createTopic(deadLetters, 1);
        Map<String, String> props = new HashMap<>(flowProperties(kafka, prefix));
        props.putAll(extra);
        main = FlowMain.start(routes(), javaPackage(), emulator, props, Map.of());
        assertThat(main.getCamelContext().getRoute(routeId())).isNotNull();
        assertThat(main.getCamelContext().getRoutes()).hasSize(1);
    }

    /** The properties of one flow run: its topics and group, short retry delays and a 1 s request timeout. */
    static Map<String, String> flowProperties(KafkaTestBroker kafka, String prefix) {
        Map<String, String> props = new HashMap<>();
        props.put("kafka.brokers", kafka.bootstrapServers());
        props.put("flows.kafka.events-topic", prefix + "-events");
        props.put("flows.kafka.results-topic", prefix + "-results");
        props.put("flows.kafka.dead-letter-topic", prefix + "-dead-letters");
        props.put("flows.kafka.group", prefix + "-group");
        // the event ids in a PostgreSQL server every instance reaches, as in production
        props.put("flows.kafka.idempotent-processor", prefix);
        props.put("camel.beans.lpDataSource", "#class:org.postgresql.ds.PGSimpleDataSource");
        props.put("camel.beans.lpDataSource.url", SharedPostgres.get().jdbcUrl());
        props.put("camel.beans.lpDataSource.user", "postgres");
        props.put("flows.kafka.idempotent-jdbc-url", SharedPostgres.get().jdbcUrl());
        props.put("flows.redelivery-delay", "50");
        props.put("camel.component.liveperson-connector.retry-delay", "20");
        props.put("camel.component.liveperson-connector.max-retry-delay", "100");
        props.put("camel.component.liveperson-connector.request-timeout", "1000");
        return props;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eventsBecomeConversationsResultsAndDeadLetters() throws Exception {
        start(3, Map.of());
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String id = KafkaEvents.eventId(prefix, i);
            records.add(KafkaEvents.record(id, KafkaEvents.valid(id, KafkaEvents.customerId(prefix, i))));
        }
        // the CRM sent event 3 twice: one conversation, one result
        records.add(records.get(2));
        records.add(KafkaEvents.record("bad-json", "{\"eventId\":"));
        records.add(KafkaEvents.record("no-id", "{\"customerId\":\"x\",\"request\":{}}"));
        String invalid = KafkaEvents.eventId(prefix, 101);
        records.add(KafkaEvents.record(invalid, KafkaEvents.invalidProfile(invalid, KafkaEvents.customerId(prefix, 101))));
        String wrongBrand = KafkaEvents.eventId(prefix, 102);
        records.add(KafkaEvents.record(wrongBrand, KafkaEvents.wrongBrand(wrongBrand, KafkaEvents.customerId(prefix, 102))));
        kafka.send(events, records);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(kafka.readAll(results)).hasSize(20);
            assertThat(kafka.readAll(deadLetters)).hasSize(4);
            long committed = kafka.committedOffsets(group).values().stream().mapToLong(Long::longValue).sum();
            assertThat(committed).isEqualTo(records.size());
        });

        Map<String, String> conversationByCustomer = emulator.conversations().stream()
                .collect(Collectors.toMap(EmulatedConversation::extConsumerId, EmulatedConversation::conversationId));
        assertThat(conversationByCustomer).hasSize(20);
        for (ConsumerRecord<String, String> r : kafka.readAll(results)) {
            JsonNode result = json(r.value());
            assertThat(r.key()).isEqualTo(result.get("eventId").asText());
            assertThat(result.get("status").asText()).isEqualTo("CREATED");
            assertThat(result.get("conversationId").asText())
                    .isEqualTo(conversationByCustomer.get(result.get("customerId").asText()));
        }
        Map<String, String> errorTypeByKey = kafka.readAll(deadLetters).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> header(r, "lp-error-type")));
        assertThat(errorTypeByKey).containsOnlyKeys("bad-json", "no-id", invalid, wrongBrand);
        assertThat(errorTypeByKey.get(invalid)).endsWith("LivePersonValidationException");
        assertThat(errorTypeByKey.get(wrongBrand)).endsWith("LivePersonHttpException");
        assertThat(errorTypeByKey.get("no-id")).endsWith("PredicateValidationException");
        assertThat(header(kafka.readAll(deadLetters).stream().filter(r -> r.key().equals(wrongBrand)).findFirst()
                .orElseThrow(), "lp-error")).contains("HTTP 400");
        // the dead letter is the original record, ready to be fixed and replayed
        assertThat(kafka.readAll(deadLetters).stream().filter(r -> r.key().equals(invalid)).findFirst().orElseThrow()
                .value()).isEqualTo(KafkaEvents.invalidProfile(invalid, KafkaEvents.customerId(prefix, 101)));
        new FlowFigures(getClass().getSimpleName() + ".functional").put("events", records.size())
                .put("results", 20).put("deadLetters", 4).put("conversations", conversationByCustomer.size())
                .put("duplicatesPublished", 1).print();
    }

    @Test
    void aRetryableFailureIsRedeliveredAndNotCommittedUntilItSucceeds() throws Exception {
        start(1, Map.of("flows.redeliveries", "1"));
        emulator.faults().statusShare(503, 1.0);
        String id = KafkaEvents.eventId(prefix, 1);
        kafka.send(events, List.of(KafkaEvents.record(id, KafkaEvents.valid(id, KafkaEvents.customerId(prefix, 1)))));

        // one exchange = 2 calls (1 redelivery) x 4 HTTP attempts (3 component retries): more than 8 answers of 503
        // means camel-kafka read the record again after the exchange failed
        await().atMost(Duration.ofSeconds(60)).until(() -> emulator.count("create", 503) > 16);
        assertThat(kafka.committedOffsets(group).getOrDefault(0, 0L)).isZero();
        assertThat(kafka.readAll(results)).isEmpty();
        assertThat(kafka.readAll(deadLetters)).isEmpty();
        long failedAnswers = emulator.count("create", 503);

        emulator.faults().clear();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(kafka.readAll(results)).hasSize(1);
            assertThat(kafka.committedOffsets(group)).containsEntry(0, 1L);
        });
        assertThat(emulator.conversations()).hasSize(1);
        assertThat(kafka.readAll(deadLetters)).isEmpty();
        new FlowFigures(getClass().getSimpleName() + ".redelivery").put("events", 1)
                .put("http503Answers", failedAnswers).put("kafkaReads", ">= " + (failedAnswers / 8 + 1))
                .put("conversations", 1).put("lost", 0).print();
    }
}
