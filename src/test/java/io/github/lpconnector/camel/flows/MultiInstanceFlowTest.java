package io.github.lpconnector.camel.flows;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.WebhookEndpoint;
import io.github.lpconnector.camel.emulator.WebhookRegistrations;
import io.github.lpconnector.camel.inbound.WebhookClientAccess;
import io.github.lpconnector.camel.support.PostgresServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three connector instances, each a JVM of its own, behind one round-robin of webhook URLs, sharing one PostgreSQL
 * (conversation store, the webhook changes handed on, the Kafka event ids) and one Kafka consumer group: CRM events
 * open one conversation each (the event id as correlation id), the emulator's agent answers each, and every change
 * of those conversations comes back to a results topic keyed by its event. Meanwhile: one instance is killed
 * (SIGKILL) and started again, PostgreSQL crashes and restarts, the Kafka broker restarts, and LiveEngage duplicates
 * and reorders its deliveries. Nothing may be lost, nothing handed on twice, every agent reply carries its event.
 * {@code -Dscale.large=true} runs 10,000 events.
 */
class MultiInstanceFlowTest {

    private static final boolean LARGE = Boolean.getBoolean("scale.large");
    private static final int EVENTS = LARGE ? 10_000 : 400;
    private static final int INSTANCES = 3;
    private static final String PREFIX = "multi";
    private static final String EVENTS_TOPIC = PREFIX + "-events";
    private static final String CREATED_TOPIC = PREFIX + "-created";
    private static final String DEAD_TOPIC = PREFIX + "-dead-letters";
    private static final String REPLIES_TOPIC = PREFIX + "-replies";
    private static final String OUTBOX = PREFIX + "-outbox";
    /** How long a killed instance's keys stay its own: longer than the database's outage. */
    private static final long LEASE_MILLIS = 8_000;

    @Test
    void severalInstancesUnderCrashesLoseNothingAndHandNothingOnTwice() throws Exception {
        long started = System.nanoTime();
        List<String> faults = new ArrayList<>();
        try (PostgresServer postgres = PostgresServer.start();
             KafkaTestBroker kafka = KafkaTestBroker.start(true)) {
            for (String topic : List.of(EVENTS_TOPIC, CREATED_TOPIC, REPLIES_TOPIC)) {
                kafka.createTopic(topic, 6);
            }
            kafka.createTopic(DEAD_TOPIC, 1);
            List<Integer> ports = new ArrayList<>();
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                ports.add(WebhookClientAccess.freePort());
                urls.add("http://127.0.0.1:" + ports.get(i) + "/liveperson/notifications");
            }
            try (LiveEngageEmulator emulator = LiveEngageEmulator.builder().threads(4).recordRequests(false)
                    .webhooks(w -> w.register(WebhookRegistrations.none()
                                    .withAllTypes(WebhookEndpoint.of(urls.toArray(String[]::new)))
                                    .withRetentionTime(Duration.ofMinutes(3)).withRetryInterval(Duration.ofMillis(500)))
                            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                            .autoAgent(Duration.ofMillis(100)))
                    .start()) {
                emulator.webhooks().faults().seed(20261203L).duplicateShare(0.10).reorderShare(0.10);
                Map<String, String> properties = properties(emulator, kafka, postgres);
                List<InstanceProcess> instances = new ArrayList<>();
                try {
                    for (int i = 0; i < INSTANCES; i++) {
                        instances.add(new InstanceProcess("instance-" + (i + 1), ports.get(i), properties).start());
                    }
                    instances.forEach(InstanceProcess::awaitReady);
                    int published = publish(kafka);

                    IntSupplier conversations = () -> emulator.conversations().size();
                    awaitShare(conversations, 0.25);
                    faults.add("instance-2 killed at " + conversations.getAsInt() + " conversations");
                    instances.get(1).kill();
                    instances.get(1).start(); // a new JVM, while the other two go on
                    awaitShare(conversations, 0.50);
                    faults.add("PostgreSQL crashed at " + conversations.getAsInt());
                    postgres.crash();
                    faults.add("down until " + awaitRefusals(emulator, 3) + " notifications were answered 503");
                    postgres.startAgain();
                    awaitShare(conversations, 0.75);
                    faults.add("Kafka broker restarted at " + conversations.getAsInt());
                    kafka.restartBroker();
                    instances.get(1).awaitReady();

                    await().atMost(Duration.ofMinutes(LARGE ? 30 : 4)).pollInterval(Duration.ofSeconds(1))
                            .until(() -> outcomes(kafka).size() >= EVENTS);
                    assertThat(emulator.webhooks().awaitIdle(Duration.ofMinutes(LARGE ? 10 : 4)))
                            .as("every notification delivered or given up").isTrue();
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                            .until(() -> unpublished(postgres) == 0);
                    check(kafka, emulator, published, faults, started);
                } finally {
                    for (InstanceProcess instance : instances) {
                        instance.stop();
                    }
                }
            }
        }
    }

    private static Map<String, String> properties(LiveEngageEmulator emulator, KafkaTestBroker kafka,
                                                  PostgresServer postgres) {
        Map<String, String> p = new HashMap<>();
        p.put("camel.component.liveperson-connector.account-id", FlowMain.ACCOUNT);
        p.put("camel.component.liveperson-connector.base-uri", emulator.baseUri());
        p.put("camel.component.liveperson-connector.client-id", emulator.clientId());
        p.put("camel.component.liveperson-connector.client-secret", emulator.clientSecret());
        p.put("kafka.brokers", kafka.bootstrapServers());
        p.put("flows.kafka.events-topic", EVENTS_TOPIC);
        p.put("flows.kafka.results-topic", CREATED_TOPIC);
        p.put("flows.kafka.dead-letter-topic", DEAD_TOPIC);
        p.put("flows.kafka.group", PREFIX + "-group");
        p.put("flows.kafka.consumers", "2");
        p.put("flows.kafka.idempotent-processor", PREFIX + "-events");
        p.put("flows.kafka.idempotent-jdbc-url", postgres.jdbcUrl());
        // a killed instance's keys go to another instance 8 s after its last renewal; longer than the database's
        // outage, during which no lease can be renewed
        p.put("flows.kafka.idempotent-lease-ms", String.valueOf(LEASE_MILLIS));
        p.put("flows.webhook.idempotent-lease-ms", String.valueOf(LEASE_MILLIS));
        p.put("flows.outbox.jdbc-url", postgres.jdbcUrl());
        p.put("flows.outbox.name", OUTBOX);
        p.put("flows.redelivery-delay", "100");
        p.put("lp.replies.topic", REPLIES_TOPIC);
        return p;
    }

    /** Every event once, 3 % of them published a second time a little later, as a CRM's retry would. */
    private static int publish(KafkaTestBroker kafka) throws Exception {
        Random random = new Random(31);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 1; i <= EVENTS; i++) {
            String id = KafkaEvents.eventId(PREFIX, i);
            Map.Entry<String, String> record = KafkaEvents.record(id, KafkaEvents.valid(id,
                    KafkaEvents.customerId(PREFIX, i)));
            records.add(record);
            if (random.nextDouble() < 0.03) {
                records.add(Math.min(records.size(), records.size() - 1 + random.nextInt(20)), record);
            }
        }
        kafka.send(EVENTS_TOPIC, records);
        return records.size();
    }

    private static void awaitShare(IntSupplier conversations, double share) {
        await().atMost(Duration.ofMinutes(LARGE ? 20 : 3)).pollInterval(Duration.ofMillis(100))
                .until(() -> conversations.getAsInt() >= EVENTS * share);
    }

    /**
     * Waits until the instances answered {@code refusals} more notifications 503 (at most 5 s: the outage lasts
     * until it is felt, whatever the machine's speed); the number they answered meanwhile.
     */
    private static long awaitRefusals(LiveEngageEmulator emulator, int refusals) {
        long before = emulator.webhooks().count("answer 503");
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> emulator.webhooks().count("answer 503") >= before + refusals);
        } catch (ConditionTimeoutException quiet) {
            // no notification came meanwhile: the outage was felt by the outbound side only
        }
        return emulator.webhooks().count("answer 503") - before;
    }

    /** The changes in the outbox not yet relayed to Kafka. */
    private static long unpublished(PostgresServer postgres) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM LP_OUTBOX WHERE NOT published AND outbox_name = '"
                                           + OUTBOX + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The event ids with an outcome: a result (CREATED or ALREADY_OPEN) or a dead letter. */
    private static Set<String> outcomes(KafkaTestBroker kafka) {
        Set<String> done = kafka.readAll(CREATED_TOPIC).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        kafka.readAll(DEAD_TOPIC).forEach(r -> done.add(r.key()));
        return done;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void check(KafkaTestBroker kafka, LiveEngageEmulator emulator, int published, List<String> faults,
                              long started) {
        // outbound: one outcome per event, one conversation per event
        List<JsonNode> created = kafka.readAll(CREATED_TOPIC).stream()
                .map(r -> AbstractKafkaFlowTest.json(r.value())).toList();
        Map<String, Long> outcomesPerEvent = created.stream()
                .collect(Collectors.groupingBy(n -> n.get("eventId").asText(), Collectors.counting()));
        long deadLetters = kafka.readAll(DEAD_TOPIC).size();
        long alreadyOpen = created.stream().filter(n -> "ALREADY_OPEN".equals(n.get("status").asText())).count();
        Map<String, List<EmulatedConversation>> byCustomer = emulator.conversations().stream()
                .collect(Collectors.groupingBy(EmulatedConversation::extConsumerId));
        Map<String, String> eventOfConversation = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        for (int i = 1; i <= EVENTS; i++) {
            String event = KafkaEvents.eventId(PREFIX, i);
            eventIds.add(event);
            byCustomer.getOrDefault(KafkaEvents.customerId(PREFIX, i), List.of())
                    .forEach(c -> eventOfConversation.put(c.conversationId(), event));
        }
        long eventsWithoutOutcome = eventIds.stream().filter(id -> !outcomesPerEvent.containsKey(id)).count();
        long eventsWithTwoOutcomes = outcomesPerEvent.values().stream().filter(n -> n > 1).count();
        // an instance killed after writing an event's result and before confirming its id leaves the event to the
        // instance that reads it again: LiveEngage refuses its create as already open, and that is its second result
        Map<String, List<String>> statusesPerEvent = created.stream().collect(Collectors.groupingBy(
                n -> n.get("eventId").asText(), Collectors.mapping(n -> n.get("status").asText(), Collectors.toList())));
        long createdThenAlreadyOpen = statusesPerEvent.values().stream()
                .filter(l -> l.size() == 2 && l.contains("CREATED") && l.contains("ALREADY_OPEN")).count();
        statusesPerEvent.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .forEach(e -> System.out.println("[FLOWS] MultiInstanceFlowTest outcomes of " + e.getKey() + ": "
                                                 + e.getValue()));
        long customersWithTwoConversations = byCustomer.values().stream().filter(l -> l.size() > 1).count();

        // inbound: every change of those conversations once on the replies topic, keyed by its event
        List<ConsumerRecord<String, String>> replies = kafka.readAll(REPLIES_TOPIC);
        Map<String, Long> copies = replies.stream().collect(Collectors.groupingBy(
                r -> header(r, "lp-conversation-id") + "|" + header(r, "lp-event-type") + "|" + r.value(),
                Collectors.counting()));
        long handedOnTwice = copies.values().stream().filter(n -> n > 1).count();
        copies.entrySet().stream().filter(e -> e.getValue() > 1)
                .forEach(e -> System.out.println("[FLOWS] MultiInstanceFlowTest written " + e.getValue() + " times: "
                                                 + e.getKey()));
        Map<String, Map<String, Long>> kindsPerConversation = new HashMap<>();
        for (String identity : copies.keySet()) {
            String[] parts = identity.split("\\|", 3);
            kindsPerConversation.computeIfAbsent(parts[0], c -> new TreeMap<>()).merge(kind(parts[1], parts[2]), 1L,
                    Long::sum);
        }
        Map<Map<String, Long>, Long> shapes = kindsPerConversation.values().stream()
                .collect(Collectors.groupingBy(m -> m, Collectors.counting()));
        System.out.println("[FLOWS] MultiInstanceFlowTest change shapes per conversation: " + shapes);
        List<ConsumerRecord<String, String>> agentReplies = replies.stream()
                .filter(r -> "ContentEvent".equals(header(r, "lp-event-type"))
                             && "ASSIGNED_AGENT".equals(header(r, "lp-originator-role")))
                .toList();
        long correlated = agentReplies.stream()
                .filter(r -> r.key().equals(eventOfConversation.get(header(r, "lp-conversation-id")))).count();
        Set<String> answered = agentReplies.stream().map(r -> header(r, "lp-conversation-id"))
                .collect(Collectors.toSet());
        long conversationsWithoutReply = eventOfConversation.keySet().stream().filter(c -> !answered.contains(c))
                .count();
        long changesCorrelated = replies.stream()
                .filter(r -> r.key().equals(eventOfConversation.get(header(r, "lp-conversation-id")))).count();
        Map<String, Long> changesUncorrelated = replies.stream()
                .filter(r -> !r.key().equals(eventOfConversation.get(header(r, "lp-conversation-id"))))
                .collect(Collectors.groupingBy(r -> kind(header(r, "lp-event-type"), r.value()), TreeMap::new,
                        Collectors.counting()));
        Map<String, Long> deliveries = emulator.webhooks().counters();
        long delivered = deliveries.getOrDefault("delivered", 0L);
        new FlowFigures("MultiInstanceFlowTest").put("instances", INSTANCES).put("events", EVENTS)
                .put("recordsPublished", published).put("conversations", eventOfConversation.size())
                .put("alreadyOpenRecovered", alreadyOpen).put("deadLetters", deadLetters)
                .put("notificationsDelivered", delivered)
                .put("deliveryAttempts", deliveries.getOrDefault("attempts", 0L))
                .put("webhookRetries", deliveries.getOrDefault("retries", 0L))
                .put("duplicatesDropped", deliveries.getOrDefault("answer 200", 0L) - delivered)
                .put("givenUp", deliveries.getOrDefault("given up", 0L))
                .put("answered503", deliveries.getOrDefault("answer 503", 0L))
                .put("faultsInjected", emulator.webhooks().faults().injected()).put("faults", faults)
                .put("handedOn", copies.size()).put("agentReplies", agentReplies.size())
                .put("eventsWithoutOutcome", eventsWithoutOutcome).put("eventsWithTwoOutcomes", eventsWithTwoOutcomes)
                .put("ofWhichCreatedThenAlreadyOpen", createdThenAlreadyOpen)
                .put("conversationsWithoutReply", conversationsWithoutReply).put("handedOnTwice", handedOnTwice)
                .put("correlationPercent", agentReplies.isEmpty() ? 0 : 100.0 * correlated / agentReplies.size())
                .put("allChangesCorrelatedPercent", replies.isEmpty() ? 0 : 100.0 * changesCorrelated / replies.size())
                .put("uncorrelatedChanges", changesUncorrelated)
                .put("seconds", (System.nanoTime() - started) / 1_000_000_000L).print();

        assertThat(eventsWithoutOutcome).as("events lost").isZero();
        assertThat(eventsWithTwoOutcomes).as("events with two outcomes other than CREATED then ALREADY_OPEN (the"
                                             + " kill between result and confirmation)")
                .isEqualTo(createdThenAlreadyOpen);
        assertThat(createdThenAlreadyOpen).as("events taken over after the kill, at most the killed instance's"
                                              + " Kafka consumers").isLessThanOrEqualTo(2);
        assertThat(deadLetters).as("dead letters: every event is valid").isZero();
        assertThat(customersWithTwoConversations).as("events with two conversations").isZero();
        assertThat(eventOfConversation).as("one conversation per event").hasSize(EVENTS);
        assertThat(deliveries.getOrDefault("given up", 0L)).as("notifications LiveEngage gave up on").isZero();
        assertThat(handedOnTwice).as("changes on the replies topic twice").isZero();
        assertThat(conversationsWithoutReply).as("agent replies lost").isZero();
        assertThat(agentReplies.stream().map(r -> header(r, "lp-conversation-id") + "|" + r.value()).distinct())
                .as("one agent reply per conversation").hasSize(EVENTS);
        assertThat(agentReplies).as("agent replies written").hasSize(EVENTS);
        assertThat(correlated).as("agent replies keyed by their event").isEqualTo(agentReplies.size());
        assertThat(emulator.webhooks().faults().injected("duplicate")).isPositive();
        assertThat(emulator.webhooks().faults().injected("reorder")).isPositive();
    }

    /** A change's kind for the shape of a conversation: its type, and for a conversation change its state. */
    private static String kind(String eventType, String value) {
        JsonNode json = AbstractKafkaFlowTest.json(value);
        if ("ExConversationChangeNotification".equals(eventType)) {
            return eventType + ":" + json.path("state").asText() + ":" + json.path("participants").size();
        }
        return eventType;
    }
}
