package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.close;
import static io.github.lpconnector.camel.emulator.EmulatorClient.publish;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.lpconnector.camel.emulator.EmulatorClient.Answer;

/**
 * LivePerson's own documented requests, as its pages print them, are accepted and answered as LivePerson's pages
 * show: each test names its page (DC = LivePersonInc/developer-center).
 */
class LivePersonExamplesTest {

    static final String ACCOUNT = "64467156";

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    EmulatorClient client;
    String convId;

    @BeforeEach
    void open() {
        client = new EmulatorClient(EMULATOR.emulator());
        convId = client.open(ACCOUNT, "john", "hello");
    }

    /** DC examples/3_example_close_conversation.md: {@code "id":1}, a number. */
    @Test
    void closeExampleWithAnIntegerId() {
        Answer a = client.send(ACCOUNT, "john", close("x", convId).replace("\"id\":\"x\"", "\"id\":1"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("reqId").isTextual()).isTrue();
        assertThat(a.json().path("reqId").asText()).isEqualTo("1");
        assertThat(a.json().path("code").asText()).isEqualTo("OK");
        assertThat(EMULATOR.conversation(convId).orElseThrow().isOpen()).isFalse();
    }

    /** DC Messaging Window API, post-conversation-survey (PCS) tutorial, step 9: close the MAIN dialog. */
    @Test
    void surveyStyleCloseThroughDialogChange() {
        String body = "{\"kind\":\"req\",\"id\":\"2\",\"type\":\"cm.UpdateConversationField\",\"body\":{"
                + "\"conversationId\":\"" + convId + "\",\"conversationField\":{\"field\":\"DialogChange\","
                + "\"type\":\"UPDATE\",\"dialog\":{\"dialogId\":\"" + convId + "\",\"state\":\"CLOSE\","
                + "\"closedCause\":\"Closed by consumer\"}}}}";
        Answer other = client.send(ACCOUNT, "john", body.replace("\"dialogId\":\"" + convId,
                "\"dialogId\":\"PwT_YK91Sum3vu5H6T3YnA"));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.errorCode()).isEqualTo(ErrorCodes.INVALID_FIELD);
        assertThat(EMULATOR.conversation(convId).orElseThrow().isOpen()).isTrue();

        Answer a = client.send(ACCOUNT, "john", body);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("body").asText()).isEqualTo("OK Conversation resolved successfully");
        assertThat(EMULATOR.conversation(convId).orElseThrow().state()).isEqualTo("CLOSE");
        assertThat(client.send(ACCOUNT, "john", body).errorCode()).isEqualTo(ErrorCodes.CONVERSATION_CLOSED);
    }

    /**
     * DC sendAPI/api-overview.md's CSAT request ({@code "id": 5}), posted after the close as the legacy CSAT
     * tutorial does; types/csat.json bounds the rate and the status.
     */
    @Test
    void csatAfterClose() {
        assertThat(client.send(ACCOUNT, "john", close("c", convId)).status()).isEqualTo(200);
        String csat = "{\"kind\":\"req\",\"id\":5,\"type\":\"cm.UpdateConversationField\",\"body\":{"
                + "\"conversationId\":\"" + convId + "\",\"conversationField\":{\"field\":\"CSATRate\","
                + "\"csatRate\":5,\"csatResolutionConfirmation\":true,\"status\":\"FILLED\"}}}";

        Answer a = client.send(ACCOUNT, "john", csat);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("reqId").asText()).isEqualTo("5");
        assertThat(a.json().path("code").asText()).isEqualTo("OK");
        assertThat(EMULATOR.emulator().csat(convId)).get()
                .satisfies(f -> assertThat(f.path("csatRate").asInt()).isEqualTo(5));
        assertThat(client.send(ACCOUNT, "john", csat.replace("\"csatRate\":5", "\"csatRate\":6")).errorCode())
                .isEqualTo(ErrorCodes.INVALID_FIELD);
        assertThat(client.send(ACCOUNT, "john", csat.replace("FILLED", "DONE")).errorCode())
                .isEqualTo(ErrorCodes.INVALID_FIELD);
        assertThat(client.send(ACCOUNT, "stranger", csat).status()).isEqualTo(401);
        // a closed conversation still refuses messages
        assertThat(client.send(ACCOUNT, "john", publish("m", convId, "{\"type\":\"ContentEvent\","
                + "\"contentType\":\"text/plain\",\"message\":\"hi\"}")).errorCode())
                .isEqualTo(ErrorCodes.CONVERSATION_CLOSED);
    }

    /** DC Authorization/GetConsumerJWS.md documents v=1.0, not that it is required: a published client omits it. */
    @Test
    void consumerJwsWithoutVersion() {
        String appJwt = EMULATOR.issueAppJwt(ACCOUNT);
        Answer a = EmulatorClient.call(client.sendApiRequest("/api/account/" + ACCOUNT + "/consumer", appJwt, null,
                "{\"ext_consumer_id\":\"John_Doe_facebook12345\"}"));
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.json().path("token").asText())
                .isEqualTo(EMULATOR.issueConsumerJws(ACCOUNT, "John_Doe_facebook12345"));
        Answer wrong = EmulatorClient.call(client.sendApiRequest("/api/account/" + ACCOUNT + "/consumer?v=2.0",
                appJwt, null, "{\"ext_consumer_id\":\"x\"}"));
        assertThat(wrong.status()).isEqualTo(400);
    }

    /**
     * The all-services Domain API call with and without {@code .json} (liveperson-connector-api.md section 4: the
     * demo app's CsdsService and botium call {@code .../service/baseURI?version=1.0}); the list names swift.
     */
    @Test
    void allServicesDomainLookupWithAndWithoutJsonSuffix() {
        for (String path : new String[] { "/service/baseURI.json?version=1.0", "/service/baseURI?version=1.0" }) {
            Answer a = client.get("/api/account/" + ACCOUNT + path);
            assertThat(a.status()).as(path).isEqualTo(200);
            assertThat(a.json().path("baseURIs")).hasSize(LiveEngageEmulator.SERVICES.size());
            assertThat(a.json().path("baseURIs").findValuesAsText("service"))
                    .contains("asyncMessagingEnt", "sentinel", "idp", "swift", "messagingRestApiDomain");
            assertThat(a.json().path("baseURIs").get(0).path("account").asText()).isEqualTo(ACCOUNT);
            assertThat(a.json().path("baseURIs").findValuesAsText("baseURI")).containsOnly(EMULATOR.host());
        }
        Answer one = client.get("/api/account/" + ACCOUNT + "/service/swift/baseURI?version=1.0");
        assertThat(one.json().path("baseURI").asText()).isEqualTo(EMULATOR.host());
        assertThat(client.get("/api/account/" + ACCOUNT + "/service/baseURI?version=2.0").status()).isEqualTo(400);
    }
}
