package io.github.lpconnector.camel.flows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.WebhookEndpoint;
import io.github.lpconnector.camel.emulator.WebhookRegistrations;
import io.github.lpconnector.camel.inbound.WebhookClientAccess;
import io.github.lpconnector.camel.model.LivePersonNotification;
import io.github.lpconnector.camel.model.LivePersonNotification.ConversationChange;
import io.github.lpconnector.camel.model.LivePersonNotification.Text;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound half under LiveEngage's delivery faults, end to end: conversations opened by a route (each with its case
 * as LivePersonCorrelationId), an agent answering in each, the emulator delivering every notification signed to
 * {@code liveperson-connector:notifications} with duplicates, reordering, late answers, dropped connections and
 * refusals, and a route that itself fails now and then (answered 503, delivered again). Every agent text and every
 * conversation change is handed on exactly once, with its case.
 */
class NotificationsUnderFaultsTest {

    private static final int CONVERSATIONS = 150;
    private static final int TEXTS_PER_CONVERSATION = 10;
    private static final double ROUTE_FAILURE_SHARE = 0.05;

    @Test
    void nothingIsLostAndNothingHandedOnTwice() throws Exception {
        int port = WebhookClientAccess.freePort();
        String url = "http://127.0.0.1:" + port + "/liveperson/notifications";
        try (LiveEngageEmulator emulator = LiveEngageEmulator.builder().threads(4)
                .webhooks(w -> w.register(WebhookRegistrations.none().withAllTypes(WebhookEndpoint.of(url)
                        .withMaxRetries(5))).retryInterval(Duration.ofMillis(100))
                        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .start()) {
            emulator.webhooks().faults().seed(20261203L).duplicateShare(0.25).reorderShare(0.10).timeoutShare(0.03)
                    .dropShare(0.02).refuseShare(0.02);
            Map<String, AtomicInteger> handedOn = new ConcurrentHashMap<>();
            Map<String, String> caseOfHandedOn = new ConcurrentHashMap<>();
            AtomicInteger routeFailures = new AtomicInteger();
            Random failing = new Random(7);
            Main main = FlowMain.start(null, null, emulator, Map.of("camel.server.enabled", "true",
                    "camel.server.port", String.valueOf(port)), Map.of());
            try {
                main.getCamelContext().addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("liveperson-connector:notifications").routeId("under-faults").process(e -> {
                            synchronized (failing) {
                                if (failing.nextDouble() < ROUTE_FAILURE_SHARE) {
                                    routeFailures.incrementAndGet();
                                    throw new IllegalStateException("the route's own failure");
                                }
                            }
                            String key = key(e);
                            handedOn.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                            String caseId = e.getMessage().getHeader("LivePersonCorrelationId", String.class);
                            if (caseId != null) {
                                caseOfHandedOn.put(key, caseId);
                            }
                        });
                        from("direct:create").to("liveperson-connector:create");
                    }
                });
                Map<String, String> caseOfConversation = new ConcurrentHashMap<>();
                List<String> conversations = new ArrayList<>();
                for (int i = 0; i < CONVERSATIONS; i++) {
                    String caseId = "CASE-" + i;
                    Exchange created = main.getCamelContext().createProducerTemplate().send("direct:create", e -> {
                        e.getMessage().setBody("case " + caseId);
                        e.getMessage().setHeader("LivePersonCorrelationId", caseId);
                        e.setProperty("LivePersonExtConsumerId", "customer-" + caseId);
                    });
                    assertThat(created.getException()).isNull();
                    String conversation = created.getMessage().getHeader("conversationId", String.class);
                    conversations.add(conversation);
                    caseOfConversation.put(conversation, caseId);
                }
                for (String conversation : conversations) {
                    emulator.agent().accept(conversation);
                    for (int t = 0; t < TEXTS_PER_CONVERSATION; t++) {
                        emulator.agent().say(conversation, "answer " + t);
                    }
                    emulator.agent().close(conversation);
                }
                assertThat(emulator.webhooks().awaitIdle(Duration.ofMinutes(4))).as("every delivery done").isTrue();

                // expected: every agent text, and per conversation its open, assignment and close
                List<String> expected = new ArrayList<>();
                for (String conversation : conversations) {
                    for (int t = 0; t < TEXTS_PER_CONVERSATION; t++) {
                        expected.add("text:" + conversation + ":answer " + t);
                    }
                    expected.add("change:" + conversation + ":OPEN:1");
                    expected.add("change:" + conversation + ":OPEN:2");
                    expected.add("change:" + conversation + ":CLOSE:2");
                }
                long lost = expected.stream().filter(k -> !handedOn.containsKey(k)).count();
                long twice = handedOn.values().stream().filter(n -> n.get() > 1).count();
                long withoutCase = expected.stream().filter(k -> k.startsWith("text:"))
                        .filter(k -> !caseOfConversation.get(k.split(":")[1]).equals(caseOfHandedOn.get(k))).count();
                Map<String, Long> deliveries = emulator.webhooks().counters();
                new FlowFigures("NotificationsUnderFaultsTest").put("conversations", CONVERSATIONS)
                        .put("notificationsDelivered", deliveries.getOrDefault("delivered", 0L))
                        .put("deliveryAttempts", emulator.webhooks().deliveries().size())
                        .put("faultsInjected", emulator.webhooks().faults().injected())
                        .put("routeFailures503", routeFailures.get())
                        .put("expectedHandedOn", expected.size()).put("handedOn", handedOn.size())
                        .put("lost", lost).put("handedOnTwice", twice).put("agentRepliesWithoutTheirCase", withoutCase)
                        .print();
                assertThat(lost).as("changes never handed on").isZero();
                assertThat(twice).as("changes handed on more than once").isZero();
                assertThat(withoutCase).as("agent replies without their case").isZero();
                assertThat(handedOn.keySet()).as("nothing but what the agent and the conversations did")
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(emulator.webhooks().deliveries().size()).as("at least 2,000 notifications")
                        .isGreaterThanOrEqualTo(2_000);
                assertThat(routeFailures.get()).as("the route failed now and then").isPositive();
                assertThat(emulator.webhooks().faults().injected("duplicate")).isPositive();
            } finally {
                main.stop();
            }
        }
    }

    /** What identifies a handed-on change for this test: an agent text by its words, a change by its state. */
    private static String key(Exchange e) {
        LivePersonNotification body = e.getMessage().getBody(LivePersonNotification.class);
        if (body instanceof Text text) {
            return "text:" + text.conversationId() + ":" + text.message();
        }
        if (body instanceof ConversationChange change) {
            return "change:" + change.conversationId() + ":" + change.state() + ":" + change.participants().size();
        }
        return "other:" + body.getClass().getSimpleName() + ":" + body.conversationId();
    }
}
