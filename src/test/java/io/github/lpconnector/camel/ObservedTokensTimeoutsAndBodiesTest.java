package io.github.lpconnector.camel;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import io.github.lpconnector.camel.model.LivePersonEvent.RichContentEvent;
import org.apache.camel.Exchange;
import org.apache.camel.console.DevConsole;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What issue 26 found from outside, against the emulator: the AppJWT expiry in automatic mode, a timeout of a few
 * hundred milliseconds, file and JSON-string bodies, and the Domain API error's host.
 */
class ObservedTokensTimeoutsAndBodiesTest extends LifecycleTestSupport {

    @Test
    void theDevConsoleAndHealthCheckShowTheExpiryOfAnAppJwtTheComponentObtained() throws Exception {
        start(); // clientId + clientSecret: the AppJWT comes from the emulator's Sentinel
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        producers.setEnabled(true);

        open("ada");

        // Sentinel signed exp = its clock + the AppJWT lifetime (the emulator's clock does not move here)
        String expected = EMULATOR_CLOCK.instant().plus(APP_JWT_TTL).truncatedTo(ChronoUnit.SECONDS).toString();
        DevConsole console = new LivePersonConnectorDevConsole();
        ((LivePersonConnectorDevConsole) console).setCamelContext(context);
        @SuppressWarnings("unchecked")
        List<JsonObject> endpoints = (List<JsonObject>) ((Map<String, Object>) console.call(DevConsole.MediaType.JSON))
                .get("endpoints");
        assertThat(endpoints).singleElement()
                .satisfies(e -> assertThat(e.getString("tokenExpiry")).isEqualTo(expected));
        HealthCheck.Result health = producers.stream()
                .filter(h -> h.getId().startsWith("producer:liveperson-connector:")).findFirst().orElseThrow().call();
        assertThat(health.getDetails()).containsEntry("tokenExpiry", expected);
        assertThat(Instant.parse(expected)).isAfter(EMULATOR_CLOCK.instant());
    }

    /**
     * requestTimeout=300 against an answer that never comes fails in well under a second. HttpClient notices a timeout
     * at its reactor's select interval, which RetryingHttp sets to a tenth of the shortest timeout; at HttpClient's
     * default of one second this exchange would end after about a second. The bound of 900 ms is three times the
     * timeout: slack for a loaded machine, still below what whole seconds would give.
     */
    @Test
    void aRequestTimeoutOfThreeHundredMillisecondsIsHonoured() throws Exception {
        start(c -> c.setRequestTimeout(300));
        open("grace"); // tokens and hosts are known: only the CREATE below waits
        EMULATOR.faults().stallShare(1.0, null);

        long started = System.nanoTime();
        Exchange exchange = create("linus", "is anyone there?");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class);
        assertThat(((LivePersonTransportException) exchange.getException()).isTimeout()).isTrue();
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300).isLessThan(900);
    }

    @Test
    void aFileOrPathBodyOpensTheConversationItHolds(@TempDir Path dir) throws Exception {
        start();
        Path json = Files.writeString(dir.resolve("case.json"), "{\"userProfile\":{\"firstName\":\"Ada\"},"
                + "\"message\":\"from a file\"}", StandardCharsets.UTF_8);

        for (Object body : new Object[] { json.toFile(), json }) {
            String consumer = body instanceof File ? "file" : "path";
            Exchange exchange = ok(create(consumer, body));
            String conversationId = exchange.getMessage().getHeader(CONVERSATION_ID, String.class);
            assertThat(EMULATOR.conversation(conversationId).orElseThrow().texts()).as("%s", body.getClass())
                    .containsExactly("from a file");
            assertThat(EMULATOR.conversation(conversationId).orElseThrow().userProfile().path("firstName").asText())
                    .isEqualTo("Ada");
        }
    }

    @Test
    void aRichContentEventWhoseContentIsAJsonString() throws Exception {
        start();
        String conversationId = open("barbara");

        ok(send("send", "barbara", conversationId,
                new RichContentEvent("{\"type\":\"vertical\",\"elements\":[{\"type\":\"text\",\"text\":\"hi\"}]}")));

        var event = EMULATOR.conversation(conversationId).orElseThrow().messages().get(0).event();
        assertThat(event.path("type").asText()).isEqualTo("RichContentEvent");
        assertThat(event.path("content").path("type").asText()).as("parsed, not sent as a string")
                .isEqualTo("vertical");
        assertThat(event.path("content").path("elements").get(0).path("text").asText()).isEqualTo("hi");
    }

    @Test
    void aDomainApiErrorNamesTheHostActuallyUsed() throws Exception {
        start(); // baseUri = the emulator: the Domain API is asked there, not at api.liveperson.net
        EMULATOR.faults().statusShare(500, 1.0).applyToAuthEndpoints(true);

        Exchange exchange = create("margaret", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonAuthenticationException.class)
                .hasMessageContaining("the Domain API at " + EMULATOR.host())
                .hasMessageNotContaining("api.liveperson.net");
        assertThat(((LivePersonAuthenticationException) exchange.getException()).getStep())
                .isEqualTo(Step.DOMAIN_LOOKUP);
    }
}
