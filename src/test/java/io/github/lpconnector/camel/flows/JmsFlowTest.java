package io.github.lpconnector.camel.flows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes-examples/jms-to-liveperson.xml (XML DSL) through camel-main, on an embedded ActiveMQ Artemis broker reached
 * over its TCP acceptor, against the emulator: results, the route's dead-letter queue, broker redelivery and the
 * broker's DLA, de-duplication (idempotent repository and Artemis duplicate detection), and a counting run under
 * injected faults with a restart of the whole application mid-stream.
 */
class JmsFlowTest {

    private static final String ROUTES = "file:routes-examples/jms-to-liveperson.xml";
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path dir;

    static ArtemisTestBroker broker;
    static LiveEngageEmulator emulator;

    Main main;
    String prefix;

    @BeforeAll
    static void startBrokers() throws Exception {
        broker = ArtemisTestBroker.start(dir.resolve("artemis"));
        emulator = LiveEngageEmulator.start();
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void stopRoutes() {
        if (main != null) {
            main.stop();
        }
        emulator.reset();
    }

    private String events() {
        return prefix + ".events";
    }

    private String results() {
        return prefix + ".results";
    }

    private String deadLetters() {
        return prefix + ".dead-letters";
    }

    /** A new run: its own queues, broker redelivery settings for its events queue, and an idempotent store. */
    private void newRun(int maxDeliveryAttempts) {
        prefix = "jmsflow" + RUN.incrementAndGet();
        broker.redelivery(events(), 50, maxDeliveryAttempts);
    }

    private Main startFlow() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("flows.jms.broker-url", broker.url());
        props.put("flows.jms.events-queue", events());
        props.put("flows.jms.results-queue", results());
        props.put("flows.jms.dead-letter-queue", deadLetters());
        props.put("flows.jms.idempotent-store", dir.resolve(prefix + "-ids.dat").toString());
        props.put("camel.component.liveperson-connector.retry-delay", "20");
        props.put("camel.component.liveperson-connector.max-retry-delay", "100");
        props.put("camel.component.liveperson-connector.request-timeout", "1000");
        Main started = FlowMain.start(ROUTES, null, emulator, props, Map.of());
        assertThat(started.getCamelContext().getRoute("jms-to-liveperson-xml")).isNotNull();
        assertThat(started.getCamelContext().getRoutes()).hasSize(1);
        return started;
    }

    private static Map<String, String> dupId(String eventId) {
        return Map.of(DUPLICATE_ID, eventId);
    }

    private static String text(Message m) {
        try {
            return ((TextMessage) m).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Message> dla() {
        return broker.browse(ArtemisTestBroker.DLA).stream()
                .filter(m -> events().equals(property(m, "_AMQ_ORIG_ADDRESS"))).toList();
    }

    @Test
    void eventsBecomeConversationsResultsAndDeadLetters() throws Exception {
        newRun(10);
        main = startFlow();
        List<String> bodies = new ArrayList<>();
        List<Map<String, String>> props = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String id = KafkaEvents.eventId(prefix, i);
            bodies.add(KafkaEvents.valid(id, KafkaEvents.customerId(prefix, i)));
            props.add(dupId(id));
        }
        // event 5 sent again with the same _AMQ_DUPL_ID: Artemis drops the copy
        bodies.add(bodies.get(4));
        props.add(dupId(KafkaEvents.eventId(prefix, 5)));
        // event 3 sent again without it: it reaches the route, whose idempotent repository skips it
        bodies.add(bodies.get(2));
        props.add(Map.of());
        bodies.add("{\"eventId\":");
        props.add(Map.of());
        bodies.add("{\"customerId\":\"x\",\"request\":{}}");
        props.add(Map.of());
        String invalid = KafkaEvents.eventId(prefix, 101);
        String invalidEvent = KafkaEvents.invalidProfile(invalid, KafkaEvents.customerId(prefix, 101));
        bodies.add(invalidEvent);
        props.add(dupId(invalid));
        String wrongBrand = KafkaEvents.eventId(prefix, 102);
        bodies.add(KafkaEvents.wrongBrand(wrongBrand, KafkaEvents.customerId(prefix, 102)));
        props.add(dupId(wrongBrand));
        FlowCounters counters = FlowCounters.install(main.getCamelContext());
        broker.send(events(), bodies, props);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(broker.browse(results())).hasSize(10);
            assertThat(broker.browse(deadLetters())).hasSize(4);
            assertThat(broker.messageCount(events())).isZero();
            assertThat(counters.exchangesCreated.sum()).isEqualTo(bodies.size() - 1);
            assertThat(broker.messagesAdded(events())).isEqualTo(bodies.size() - 1);
        });

        Map<String, String> conversationByCustomer = emulator.conversations().stream()
                .collect(Collectors.toMap(EmulatedConversation::extConsumerId, EmulatedConversation::conversationId));
        assertThat(conversationByCustomer).hasSize(10);
        Set<String> resultIds = new HashSet<>();
        for (Message m : broker.browse(results())) {
            JsonNode result = AbstractKafkaFlowTest.json(text(m));
            assertThat(resultIds.add(result.get("eventId").asText())).isTrue();
            assertThat(property(m, "lpEventId")).isEqualTo(result.get("eventId").asText());
            assertThat(property(m, "lpStatus")).isEqualTo("CREATED");
            assertThat(result.get("status").asText()).isEqualTo("CREATED");
            assertThat(result.get("conversationId").asText())
                    .isEqualTo(conversationByCustomer.get(result.get("customerId").asText()));
            assertThat(property(m, DUPLICATE_ID)).isNull();
        }
        Map<String, Message> deadByBody = broker.browse(deadLetters()).stream()
                .collect(Collectors.toMap(JmsFlowTest::text, m -> m));
        assertThat(deadByBody).containsOnlyKeys("{\"eventId\":", "{\"customerId\":\"x\",\"request\":{}}", invalidEvent,
                KafkaEvents.wrongBrand(wrongBrand, KafkaEvents.customerId(prefix, 102)));
        // the dead letter is the original message, ready to be fixed and replayed, with its error
        Message invalidDead = deadByBody.get(invalidEvent);
        assertThat(property(invalidDead, "lpErrorType")).endsWith("LivePersonValidationException");
        assertThat(property(invalidDead, "lpError")).contains("firstName");
        assertThat(property(invalidDead, "lpEventId")).isEqualTo(invalid);
        Message refused = deadByBody.get(KafkaEvents.wrongBrand(wrongBrand, KafkaEvents.customerId(prefix, 102)));
        assertThat(property(refused, "lpErrorType")).endsWith("LivePersonHttpException");
        assertThat(property(refused, "lpError")).contains("HTTP 400");
        assertThat(property(deadByBody.get("{\"customerId\":\"x\",\"request\":{}}"), "lpErrorType"))
                .endsWith("PredicateValidationException");
        assertThat(property(deadByBody.get("{\"eventId\":"), "lpErrorType")).startsWith("com.fasterxml.jackson.core");
        assertThat(dla()).isEmpty();
        new FlowFigures("JmsFlowTest.functional").put("messages", bodies.size())
                .put("droppedByBrokerDuplicateDetection", 1).put("replayedWithoutDuplicateId", 1)
                .put("results", 10).put("deadLetters", 4).put("conversations", conversationByCustomer.size())
                .put("dla", 0).print();
    }

    @Test
    void aRetryableFailureRollsBackIsRedeliveredByTheBrokerAndEndsInItsDlaReadyToReplay() throws Exception {
        newRun(3);
        main = startFlow();
        emulator.faults().statusShare(503, 1.0);
        String id = KafkaEvents.eventId(prefix, 1);
        String event = KafkaEvents.valid(id, KafkaEvents.customerId(prefix, 1));
        FlowCounters counters = FlowCounters.install(main.getCamelContext());
        broker.send(events(), List.of(event), List.of(dupId(id)));

        // 3 deliveries (max-delivery-attempts), each rolled back after the component's own retries of the 503
        await().atMost(Duration.ofSeconds(60)).until(() -> dla().size() == 1);
        assertThat(counters.exchangesCreated.sum()).isEqualTo(3);
        assertThat(broker.browse(results())).isEmpty();
        assertThat(broker.browse(deadLetters())).isEmpty();
        assertThat(broker.messageCount(events())).isZero();
        assertThat(emulator.conversations()).isEmpty();
        Message exhausted = dla().get(0);
        assertThat(text(exhausted)).isEqualTo(event);
        long failedAnswers = emulator.count("create", 503);
        assertThat(failedAnswers).isGreaterThanOrEqualTo(3);

        // LivePerson is back: the operator replays the DLA message as is; the idempotent repository forgot the failed
        // event, so it opens its conversation (a new _AMQ_DUPL_ID: the broker remembers the first one)
        emulator.faults().clear();
        broker.purge(ArtemisTestBroker.DLA);
        broker.send(events(), List.of(text(exhausted)), List.of(dupId(id + "#replay-1")));
        await().atMost(Duration.ofSeconds(60)).until(() -> broker.browse(results()).size() == 1);
        assertThat(emulator.conversations()).hasSize(1);
        assertThat(AbstractKafkaFlowTest.json(text(broker.browse(results()).get(0))).get("conversationId").asText())
                .isEqualTo(emulator.conversations().get(0).conversationId());
        new FlowFigures("JmsFlowTest.redelivery").put("events", 1).put("brokerDeliveries", 3)
                .put("http503Answers", failedAnswers).put("dla", 1).put("replayedConversations", 1).put("lost", 0)
                .print();
    }

    @Test
    void underFaultsAndARestartEveryEventEndsAsOneConversationOrADeadLetter() throws Exception {
        newRun(100);
        int valid = Integer.getInteger("flows.jms.events", 250);
        List<String> bodies = new ArrayList<>();
        List<Map<String, String>> props = new ArrayList<>();
        Set<String> validIds = new HashSet<>();
        Set<String> invalidIds = new HashSet<>();
        int brokerDuplicates = 0;
        int routeDuplicates = 0;
        for (int i = 1; i <= valid; i++) {
            String id = KafkaEvents.eventId(prefix, i);
            validIds.add(id);
            String event = KafkaEvents.valid(id, KafkaEvents.customerId(prefix, i));
            bodies.add(event);
            props.add(dupId(id));
            if (i % 25 == 0) {
                // sent again by a producer that retried: dropped by Artemis' duplicate detection
                bodies.add(event);
                props.add(dupId(id));
                brokerDuplicates++;
            }
            if (i % 25 == 10) {
                // replayed without the duplicate id: reaches the route, skipped by the idempotent repository
                bodies.add(event);
                props.add(Map.of());
                routeDuplicates++;
            }
        }
        for (int i = 1001; i <= 1005; i++) {
            String id = KafkaEvents.eventId(prefix, i);
            invalidIds.add(id);
            bodies.add(i % 2 == 0 ? KafkaEvents.invalidProfile(id, KafkaEvents.customerId(prefix, i))
                    : KafkaEvents.wrongBrand(id, KafkaEvents.customerId(prefix, i)));
            props.add(dupId(id));
        }
        bodies.add("{\"eventId\":");
        props.add(Map.of());
        emulator.faults().seed(11).dropShare(0.02).stallShare(0.02, Duration.ofSeconds(2))
                .statusShare(429, FlowMain.RANDOM_429_SHARE).statusShare(503, 0.05);
        broker.send(events(), bodies, props);

        // first instance: stopped mid-stream (in-flight messages finish or roll back), then a new one takes over
        main = startFlow();
        FlowCounters first = FlowCounters.install(main.getCamelContext());
        await().atMost(Duration.ofMinutes(2)).until(() -> broker.browse(results()).size() >= valid / 3);
        main.stop();
        main = null;
        main = startFlow();
        FlowCounters second = FlowCounters.install(main.getCamelContext());
        int expectedDeadLetters = invalidIds.size() + 1;
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250)).until(() ->
                broker.browse(results()).size() >= valid && broker.browse(deadLetters()).size() >= expectedDeadLetters
                && broker.messageCount(events()) == 0);

        Map<String, List<JsonNode>> resultsById = broker.browse(results()).stream()
                .map(m -> AbstractKafkaFlowTest.json(text(m)))
                .collect(Collectors.groupingBy(r -> r.get("eventId").asText()));
        Map<String, Message> deadById = new HashMap<>();
        for (Message m : broker.browse(deadLetters())) {
            deadById.put(property(m, "lpEventId") == null ? "not-json" : property(m, "lpEventId"), m);
        }
        Map<String, List<EmulatedConversation>> byCustomer = emulator.conversations().stream()
                .collect(Collectors.groupingBy(EmulatedConversation::extConsumerId));
        long lost = validIds.stream().filter(id -> !resultsById.containsKey(id)).count()
                    + invalidIds.stream().filter(id -> !deadById.containsKey(id)).count();
        long duplicated = byCustomer.values().stream().filter(l -> l.size() > 1).count();
        long duplicatedResults = resultsById.values().stream().filter(l -> l.size() > 1).count();
        long alreadyOpen = resultsById.values().stream().flatMap(List::stream)
                .filter(r -> "ALREADY_OPEN".equals(r.get("status").asText())).count();
        long deliveries = first.exchangesCreated.sum() + second.exchangesCreated.sum();
        long delivered = broker.messagesAdded(events());
        long calls = first.livePersonCalls.sum() + second.livePersonCalls.sum();
        int dla = dla().size();
        new FlowFigures("JmsFlowTest.reliability").put("events", validIds.size() + invalidIds.size() + 1)
                .put("messages", bodies.size()).put("droppedByBrokerDuplicateDetection", bodies.size() - delivered)
                .put("replayedWithoutDuplicateId", routeDuplicates)
                .put("faultsInjected", emulator.faults().injected())
                .put("componentRetries", emulator.count("create") - calls)
                .put("camelRedeliveries", first.redeliveries.sum() + second.redeliveries.sum())
                .put("brokerRedeliveries", deliveries - delivered).put("restarts", 1)
                .put("conversations", byCustomer.values().stream().mapToInt(List::size).sum())
                .put("alreadyOpenRecovered", alreadyOpen).put("deadLetters", deadById.size()).put("dla", dla)
                .put("lost", lost).put("duplicatedConversations", duplicated)
                .put("duplicatedResults", duplicatedResults).print();

        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(duplicatedResults).isZero();
        assertThat(dla).isZero();
        assertThat(resultsById.keySet()).isEqualTo(validIds);
        assertThat(deadById.keySet()).containsAll(invalidIds).contains("not-json").hasSize(expectedDeadLetters);
        for (String id : invalidIds) {
            assertThat(property(deadById.get(id), "lpError")).isNotBlank();
        }
        assertThat(byCustomer).hasSize(validIds.size());
        for (List<JsonNode> rs : resultsById.values()) {
            JsonNode r = rs.get(0);
            if ("CREATED".equals(r.get("status").asText())) {
                assertThat(r.get("conversationId").asText())
                        .isEqualTo(byCustomer.get(r.get("customerId").asText()).get(0).conversationId());
            }
        }
        assertThat(delivered).isEqualTo(bodies.size() - brokerDuplicates);
        assertThat(deliveries).isGreaterThan(delivered);
        assertThat(Files.exists(dir.resolve(prefix + "-ids.dat"))).isTrue();
    }
}
