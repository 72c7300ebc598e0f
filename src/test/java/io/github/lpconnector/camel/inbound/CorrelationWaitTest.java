package io.github.lpconnector.camel.inbound;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.flows.FlowMain;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent's event that arrives before {@code create} recorded its conversation: it waits for the record
 * ({@code correlationWait}), re-reading the store, and a conversation change naming the consumer records the
 * conversation for the events after it. Over loopback, on camel-main's platform-http server.
 */
class CorrelationWaitTest {

    static final String ACCOUNT = FlowMain.ACCOUNT;
    static LiveEngageEmulator emulator;
    static Main main;
    static final CountingStore store = new CountingStore();
    static final ConcurrentLinkedQueue<Exchange> received = new ConcurrentLinkedQueue<>();
    static int port;

    @BeforeAll
    static void start() throws Exception {
        emulator = LiveEngageEmulator.start();
        port = WebhookClient.freePort();
        main = FlowMain.start(null, null, emulator, Map.of("camel.server.enabled", "true",
                "camel.server.port", String.valueOf(port)), Map.of("countingStore", store));
        main.getCamelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveperson-connector:notifications").routeId("default-store").process(e -> received.add(e.copy()));
                from("liveperson-connector:notifications?webhookPath=/patient&conversationStore=#countingStore"
                     + "&correlationWait=30000").process(e -> received.add(e.copy()));
                from("liveperson-connector:notifications?webhookPath=/brief&conversationStore=#countingStore"
                     + "&correlationWait=300").process(e -> received.add(e.copy()));
                from("liveperson-connector:notifications?webhookPath=/impatient&conversationStore=#countingStore"
                     + "&correlationWait=0").process(e -> received.add(e.copy()));
                from("direct:create").to("liveperson-connector:create");
            }
        });
    }

    @AfterAll
    static void stop() {
        main.stop();
        emulator.close();
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    private static WebhookClient liveEngage(String path) {
        return new WebhookClient(URI.create("http://127.0.0.1:" + port + path), ACCOUNT, emulator.clientId(),
                emulator.clientSecret());
    }

    /** An agent's text as LiveEngage notifies it, stamped {@code serverTimestamp}. */
    private static String agentText(String conversationId, long serverTimestamp) {
        return WebhookClient.agentText(conversationId, 1, "Hello").replace("\"serverTimestamp\":1700000000001",
                "\"serverTimestamp\":" + serverTimestamp);
    }

    @Test
    void anAgentsEventBeforeTheRecordWaitsForItAndCarriesItsCorrelationId() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> post("/patient",
                agentText("recorded-late", System.currentTimeMillis())));

        // the handler has looked and found nothing: the record comes now, as create's late answer would bring it
        store.firstFind("recorded-late").get(30, TimeUnit.SECONDS);
        assertThat(answer).as("not answered before the record came").isNotDone();
        store.save(new ConversationStore.Conversation("recorded-late", ACCOUNT, "CASE-LATE", "customer-late"));

        assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
        assertThat(received.peek().getMessage().getHeaders()).containsEntry("conversationId", "recorded-late")
                .containsEntry("LivePersonCorrelationId", "CASE-LATE")
                .containsEntry("LivePersonExtConsumerId", "customer-late");
        assertThat(store.finds("recorded-late")).as("read again after the first miss").isGreaterThan(1);
        assertThat(waits("/patient", "recorded")).isEqualTo(1);
        assertThat(waits("/patient", "not_recorded")).isZero();
    }

    @Test
    void anAgentsEventWhoseRecordNeverComesIsHandedOnWithoutItAfterTheWait() throws Exception {
        HttpResponse<String> answer = post("/brief", agentText("never-recorded", System.currentTimeMillis()));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
        assertThat(received.peek().getMessage().getHeaders()).containsEntry("conversationId", "never-recorded")
                .doesNotContainKey("LivePersonCorrelationId");
        assertThat(store.finds("never-recorded")).as("re-read while waiting").isGreaterThan(1);
        assertThat(waits("/brief", "not_recorded")).isEqualTo(1);
    }

    @Test
    void anOldEventOrAWaitOfZeroIsHandedOnAfterOneRead() throws Exception {
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        assertThat(post("/patient", agentText("old-event", hourAgo)).statusCode()).isEqualTo(200);
        assertThat(post("/impatient", agentText("no-wait", System.currentTimeMillis())).statusCode()).isEqualTo(200);

        assertThat(received).hasSize(2)
                .allSatisfy(e -> assertThat(e.getMessage().getHeaders()).doesNotContainKey("LivePersonCorrelationId"));
        assertThat(store.finds("old-event")).isEqualTo(1);
        assertThat(store.finds("no-wait")).isEqualTo(1);
        assertThat(waits("/impatient", "not_recorded")).as("no wait counted").isZero();
    }

    @Test
    void anOpenConversationChangeFoundByItsConsumerRecordsTheConversationForTheAgentsEvents() throws Exception {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        Exchange created = template.send("direct:create", e -> {
            e.getMessage().setBody("My parcel is late");
            e.getMessage().setHeader("LivePersonCorrelationId", "CASE-9");
            e.setProperty("LivePersonExtConsumerId", "customer-9");
        });
        assertThat(created.getException()).isNull();
        String lpConsumerId = emulator.lpConsumerId(ACCOUNT, "customer-9");
        long old = 1_700_000_000_000L; // no wait: the record must already be there

        // the instance that opened these conversations could not record them (killed before create's answer)
        assertThat(post("/liveperson/notifications", conversationChange("unrecorded-open", lpConsumerId, "OPEN"))
                .statusCode()).isEqualTo(200);
        assertThat(post("/liveperson/notifications", agentText("unrecorded-open", old)).statusCode()).isEqualTo(200);
        assertThat(post("/liveperson/notifications", conversationChange("unrecorded-closed", lpConsumerId, "CLOSE"))
                .statusCode()).isEqualTo(200);
        assertThat(post("/liveperson/notifications", agentText("unrecorded-closed", old)).statusCode()).isEqualTo(200);

        assertThat(received).hasSize(4);
        Exchange[] exchanges = received.toArray(Exchange[]::new);
        assertThat(exchanges[0].getMessage().getHeaders()).containsEntry("LivePersonCorrelationId", "CASE-9");
        assertThat(exchanges[1].getMessage().getHeaders()).as("the agent's event, which names no consumer")
                .containsEntry("conversationId", "unrecorded-open").containsEntry("LivePersonCorrelationId", "CASE-9")
                .containsEntry("LivePersonExtConsumerId", "customer-9");
        assertThat(exchanges[2].getMessage().getHeaders()).as("found by its consumer, as before")
                .containsEntry("LivePersonCorrelationId", "CASE-9");
        assertThat(exchanges[3].getMessage().getHeaders()).as("a closed conversation is not recorded by its change")
                .containsEntry("conversationId", "unrecorded-closed").doesNotContainKey("LivePersonCorrelationId");
    }

    private static String conversationChange(String conversationId, String lpConsumerId, String state) {
        return "{\"kind\":\"notification\",\"type\":\"cqm.ExConversationChangeNotification\",\"body\":{\"changes\":"
               + "[{\"type\":\"UPSERT\",\"result\":{\"convId\":\"" + conversationId + "\",\"conversationDetails\":{"
               + "\"participants\":[{\"id\":\"" + lpConsumerId + "\",\"role\":\"CONSUMER\"}],\"state\":\"" + state
               + "\",\"stage\":\"" + state + "\",\"metaDataLastUpdateTs\":1700000000123}}}]}}";
    }

    /** The dev console's count of correlation waits with {@code outcome} of the endpoint on {@code path}. */
    private static long waits(String path, String outcome) {
        DevConsole console = DevConsoleRegistry.get(main.getCamelContext()).resolveById("liveperson-connector");
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        JsonObject endpoint = json.getCollection("endpoints").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("uri").contains("webhookPath=" + path)
                             || e.getString("uri").contains("webhookPath=%2F" + path.substring(1)))
                .findFirst().orElseThrow();
        Object counts = endpoint.get("correlationWaits");
        Object value = counts instanceof Map<?, ?> m ? m.get(outcome) : null;
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static HttpResponse<String> post(String path, String body) {
        try {
            return liveEngage(path).post(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The in-memory store, counting the reads of each conversation. */
    static final class CountingStore implements ConversationStore {
        private final ConversationStore delegate = ConversationStore.inMemory(1000);
        private final Map<String, AtomicInteger> finds = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Void>> firstFinds = new ConcurrentHashMap<>();

        CompletableFuture<Void> firstFind(String conversationId) {
            return firstFinds.computeIfAbsent(conversationId, c -> new CompletableFuture<>());
        }

        int finds(String conversationId) {
            AtomicInteger n = finds.get(conversationId);
            return n == null ? 0 : n.get();
        }

        @Override
        public void save(Conversation conversation) {
            delegate.save(conversation);
        }

        @Override
        public Optional<Conversation> find(String conversationId) {
            Optional<Conversation> found = delegate.find(conversationId);
            finds.computeIfAbsent(conversationId, c -> new AtomicInteger()).incrementAndGet();
            firstFind(conversationId).complete(null);
            return found;
        }

        @Override
        public void saveConsumer(String accountId, String lpConsumerId, String extConsumerId) {
            delegate.saveConsumer(accountId, lpConsumerId, extConsumerId);
        }

        @Override
        public Optional<String> findExtConsumerId(String accountId, String lpConsumerId) {
            return delegate.findExtConsumerId(accountId, lpConsumerId);
        }
    }
}
