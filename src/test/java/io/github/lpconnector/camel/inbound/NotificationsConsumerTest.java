package io.github.lpconnector.camel.inbound;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.flows.FlowMain;
import io.github.lpconnector.camel.model.LivePersonNotification.ConversationChange;
import io.github.lpconnector.camel.model.LivePersonNotification.Text;
import org.apache.camel.Exchange;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.inbound.WebhookClient.agentText;
import static io.github.lpconnector.camel.inbound.WebhookClient.agentTextChange;
import static io.github.lpconnector.camel.inbound.WebhookClient.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code from("liveperson-connector:notifications")} on camel-main's platform-http server over loopback, the
 * conversations opened through the emulator: what each notification becomes, and what LiveEngage is answered.
 */
class NotificationsConsumerTest {

    static final String ACCOUNT = FlowMain.ACCOUNT;
    static final ObjectMapper JSON = new ObjectMapper();
    static LiveEngageEmulator emulator;
    static Main main;
    static WebhookClient liveEngage;
    static final ConcurrentLinkedQueue<Exchange> received = new ConcurrentLinkedQueue<>();
    /** The route fails the text message equal to this, while it is set. */
    static volatile String failOnMessage;

    @BeforeAll
    static void start() throws Exception {
        emulator = LiveEngageEmulator.start();
        int port = WebhookClient.freePort();
        main = FlowMain.start(null, null, emulator, Map.of("camel.server.enabled", "true",
                "camel.server.port", String.valueOf(port)), Map.of());
        main.getCamelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveperson-connector:notifications").routeId("notifications")
                        .process(e -> {
                            if (e.getMessage().getBody() instanceof Text text && text.message().equals(failOnMessage)) {
                                throw new IllegalStateException("the route's own failure");
                            }
                            received.add(e.copy());
                        });
                from("direct:create").to("liveperson-connector:create");
            }
        });
        liveEngage = new WebhookClient(URI.create("http://127.0.0.1:" + port + "/liveperson/notifications"), ACCOUNT,
                emulator.clientId(), emulator.clientSecret());
    }

    @AfterAll
    static void stop() {
        main.stop();
        emulator.close();
    }

    @BeforeEach
    void clear() {
        received.clear();
        failOnMessage = null;
    }

    @Test
    void anAgentsTextIsHandedOnWithItsHeadersAndAnswered200() throws Exception {
        HttpResponse<String> answer = liveEngage.post(resource("dc-agent-text.json"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-liveperson-signature")).as("no request header echoed").isEmpty();
        assertThat(received).hasSize(1);
        Exchange exchange = received.peek();
        Text text = exchange.getMessage().getBody(Text.class);
        assertThat(text.message()).isEqualTo("Hello from the Agent\n");
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry("conversationId", "5491244f-e462-4c63-bf4e-faf4b2d3e7b5")
                .containsEntry("LivePersonDialogId", "5491244f-e462-4c63-bf4e-faf4b2d3e7b5")
                .containsEntry("LivePersonSequence", 2L)
                .containsEntry("LivePersonEventType", "ContentEvent")
                .containsEntry("LivePersonOriginatorId", "29c3019d-fe0b-5200-afe8-737abfeae4b4")
                .containsEntry("LivePersonOriginatorRole", "ASSIGNED_AGENT")
                .containsEntry("LivePersonServerTimestamp", 1528371199686L)
                .containsEntry("LivePersonAccountId", ACCOUNT)
                .doesNotContainKeys("LivePersonCorrelationId", "x-liveperson-signature");
        assertThat(exchange.getMessage().getBody(String.class)).as("the type converter's JSON")
                .contains("\"kind\":\"text\"", "\"message\":\"Hello from the Agent\\n\"");
    }

    @Test
    void aReplyInAConversationTheRouteOpenedCarriesItsCorrelationIdAndConsumer() throws Exception {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        Exchange created = template.send("direct:create", e -> {
            e.getMessage().setBody("My parcel is late");
            e.getMessage().setHeader("LivePersonCorrelationId", "CASE-7");
            e.setProperty("LivePersonExtConsumerId", "customer-7");
        });
        assertThat(created.getException()).isNull();
        String conversationId = created.getMessage().getHeader("conversationId", String.class);

        assertThat(liveEngage.post(agentText(conversationId, 1, "On its way")).statusCode()).isEqualTo(200);

        assertThat(received).hasSize(1);
        assertThat(received.peek().getMessage().getHeaders()).containsEntry("conversationId", conversationId)
                .containsEntry("LivePersonCorrelationId", "CASE-7")
                .containsEntry("LivePersonExtConsumerId", "customer-7");
    }

    @Test
    void aConversationChangeNamingAKnownConsumerCarriesItsExtConsumerId() throws Exception {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        template.send("direct:create", e -> {
            e.getMessage().setBody("hello");
            e.setProperty("LivePersonExtConsumerId", "customer-8");
        });
        String lpConsumerId = emulator.lpConsumerId(ACCOUNT, "customer-8");
        String change = "{\"kind\":\"notification\",\"type\":\"cqm.ExConversationChangeNotification\",\"body\":{\"changes\":"
                        + "[{\"type\":\"UPSERT\",\"result\":{\"convId\":\"opened-elsewhere\",\"conversationDetails\":{"
                        + "\"participants\":[{\"id\":\"" + lpConsumerId + "\",\"role\":\"CONSUMER\"}],\"state\":\"CLOSE\","
                        + "\"stage\":\"CLOSE\",\"closeReason\":\"AGENT\",\"metaDataLastUpdateTs\":1700000000123}}}]}}";

        assertThat(liveEngage.post(change).statusCode()).isEqualTo(200);

        Exchange exchange = received.peek();
        assertThat(exchange.getMessage().getBody()).isInstanceOf(ConversationChange.class);
        assertThat(exchange.getMessage().getHeaders()).containsEntry("conversationId", "opened-elsewhere")
                .containsEntry("LivePersonConversationState", "CLOSE").containsEntry("LivePersonConversationStage", "CLOSE")
                .containsEntry("LivePersonCloseReason", "AGENT").containsEntry("LivePersonExtConsumerId", "customer-8")
                .containsEntry("LivePersonEventType", "ExConversationChangeNotification")
                .containsEntry("LivePersonChangeId", ACCOUNT + ":cqm:opened-elsewhere:1700000000123:UPSERT:CLOSE");
    }

    @Test
    void severalChangesInOneRequestAreHandedOnOneByOneInOrder() throws Exception {
        String body = "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":["
                      + agentTextChange("conv-order", 3, "one") + "," + agentTextChange("conv-order", 4, "two") + ","
                      + agentTextChange("conv-order", 5, "three") + "]}}";
        assertThat(liveEngage.post(body).statusCode()).isEqualTo(200);
        assertThat(received).extracting(e -> e.getMessage().getBody(Text.class).message())
                .containsExactly("one", "two", "three");
    }

    @Test
    void theConnectorsOwnEventsAreAnswered200AndDropped() throws Exception {
        assertThat(liveEngage.post(resource("dc-consumer-text.json")).statusCode()).isEqualTo(200);
        assertThat(liveEngage.post(resource("demo-consumer-pause.json")).statusCode()).isEqualTo(200);
        assertThat(received).isEmpty();
    }

    @Test
    void aDeliveryAgainIsAnswered200AndNotHandedOnTwice() throws Exception {
        String body = agentText("conv-twice", 9, "once");
        assertThat(liveEngage.post(body).statusCode()).isEqualTo(200);
        assertThat(liveEngage.post(body).statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void aRouteFailureIsAnswered503AndTheRedeliveryHandsOnOnlyWhatWasNotHandedOn() throws Exception {
        String body = "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":["
                      + agentTextChange("conv-retry", 1, "first") + "," + agentTextChange("conv-retry", 2, "second")
                      + "]}}";
        failOnMessage = "second";
        HttpResponse<String> first = liveEngage.post(body);
        failOnMessage = null;
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(received).extracting(e -> e.getMessage().getBody(Text.class).message()).containsExactly("first");

        HttpResponse<String> again = liveEngage.post(body); // LiveEngage delivers the same request again
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(received).extracting(e -> e.getMessage().getBody(Text.class).message())
                .containsExactly("first", "second");
    }

    @Test
    void everyRefusalGetsItsStatusAndNoExchange() throws Exception {
        byte[] body = resource("dc-agent-text.json");
        assertThat(liveEngage.post(body, null, ACCOUNT).statusCode()).as("no signature").isEqualTo(401);
        assertThat(liveEngage.post(body, WebhookClient.signature(body, "another secret"), ACCOUNT).statusCode())
                .as("a signature with another secret").isEqualTo(401);
        assertThat(liveEngage.post(body, WebhookClient.signature(body, emulator.clientSecret()), "99999999").statusCode())
                .as("another account").isEqualTo(401);
        assertThat(liveEngage.post("{\"kind\":\"notification\"}").statusCode()).as("not a notification").isEqualTo(400);
        assertThat(liveEngage.post("not json").statusCode()).isEqualTo(400);
        assertThat(liveEngage.post(new byte[1024 * 1024 + 1]).statusCode()).as("over 1 MiB").isEqualTo(413);
        assertThat(liveEngage.get().statusCode()).as("GET").isEqualTo(405);
        assertThat(received).isEmpty();
    }

    @Test
    void theDevConsoleAndTheConsumersHealthCheckTellWhatCameIn() throws Exception {
        long handedOn = console("notifiedChanges", "handed_on");
        long ownEvents = console("notifiedChanges", "own_event");
        long badSignatures = console("notificationsRejected", "signature");
        assertThat(liveEngage.post(resource("dc-agent-read.json")).statusCode()).isEqualTo(200);
        assertThat(liveEngage.post(resource("dc-consumer-text.json")).statusCode()).isEqualTo(200);
        assertThat(liveEngage.post(resource("dc-agent-read.json"), "sha1=AAAAAAAAAAAAAAAAAAAAAAAAAAA=", ACCOUNT)
                .statusCode()).isEqualTo(401);

        assertThat(console("notifiedChanges", "handed_on")).isEqualTo(handedOn + 1);
        assertThat(console("notifiedChanges", "own_event")).isEqualTo(ownEvents + 1);
        assertThat(console("notificationsRejected", "signature")).isEqualTo(badSignatures + 1);
        assertThat(notificationsEndpoint().getString("health")).isEqualTo("DOWN");
        assertThat(notificationsEndpoint().getString("healthReason")).contains("signature");

        HealthCheckRepository consumers = HealthCheckHelper.getHealthCheckRepository(main.getCamelContext(), "consumers");
        HealthCheck check = consumers.stream().filter(h -> h.getId().contains("notifications")).findFirst()
                .orElseThrow();
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(liveEngage.post(agentText("conv-health", 1, "ok")).statusCode()).as("accepted again").isEqualTo(200);
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    private static JsonObject notificationsEndpoint() {
        DevConsole console = DevConsoleRegistry.get(main.getCamelContext()).resolveById("liveperson-connector");
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        return json.getCollection("endpoints").stream().map(JsonObject.class::cast)
                .filter(e -> "notifications".equals(e.getString("operation"))).findFirst().orElseThrow();
    }

    /** A count the dev console shows, 0 while absent. */
    private static long console(String map, String key) {
        Object counts = notificationsEndpoint().get(map);
        Object value = counts instanceof Map<?, ?> m ? m.get(key) : null;
        return value instanceof Number n ? n.longValue() : 0;
    }
}
