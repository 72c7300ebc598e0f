package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.createBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LiveEngageEmulator#requests()}: what a component test reads to assert what the component sent. */
class RequestLogTest {

    static final String ACCOUNT = "321";

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();

    @Test
    void recordsEachRequestAsReceivedWithItsServiceAndStatus() {
        LiveEngageEmulator emulator = EMULATOR.emulator();
        EmulatorClient client = new EmulatorClient(emulator);
        String appJwt = emulator.issueAppJwt(ACCOUNT);
        String body = createBody(ACCOUNT, "Hello");
        client.get("/api/account/" + ACCOUNT + "/service/idp/baseURI.json?version=1.0&x=a%20b");
        EmulatorClient.call(client.createRequest(ACCOUNT, appJwt, emulator.issueConsumerJws(ACCOUNT, "alice"), body)
                .header("X-Trace", "one").header("X-Trace", "two"));
        client.get("/nothing/here");
        client.get("/api/account/" + ACCOUNT + "/messaging/consumer/conversation?v=3");
        client.postForm("/sentinel/api/account/" + ACCOUNT + "/app/token?v=1.0", "client_id=me");

        List<RecordedRequest> requests = EMULATOR.requests();
        assertThat(requests).extracting(RecordedRequest::service).containsExactly("domain", "create", "unknown",
                "create", "sentinel");
        assertThat(requests).extracting(RecordedRequest::status).containsExactly(200, 200, 404, 405, 400);

        RecordedRequest domain = requests.get(0);
        assertThat(domain.method()).isEqualTo("GET");
        assertThat(domain.path()).isEqualTo("/api/account/" + ACCOUNT + "/service/idp/baseURI.json");
        assertThat(domain.query()).isEqualTo(Map.of("version", "1.0", "x", "a b"));
        assertThat(domain.body()).isEmpty();

        RecordedRequest create = requests.get(1);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.query()).containsEntry("v", "3");
        assertThat(create.header("authorization")).isEqualTo(appJwt);
        assertThat(create.header("AUTHORIZATION")).isEqualTo(appJwt);
        assertThat(create.header("content-type")).isEqualTo("application/json");
        assertThat(create.headers().get("x-trace")).containsExactly("one", "two");
        assertThat(create.header("X-Not-Sent")).isNull();
        assertThat(create.bodyText()).isEqualTo(body);
        assertThat(create.json().get(1).path("body").path("brandId").asText()).isEqualTo(ACCOUNT);
        assertThat(create.json().get(2).path("body").path("event").path("message").asText()).isEqualTo("Hello");
        assertThat(create.receivedAtNanos()).isGreaterThan(domain.receivedAtNanos());

        assertThat(requests.get(2).path()).isEqualTo("/nothing/here");
        assertThat(requests.get(2).json().isMissingNode()).isTrue();
        assertThat(requests.get(4).bodyText()).isEqualTo("client_id=me");
        assertThatThrownBy(() -> requests.get(4).json()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("client_id=me");
    }

    @Test
    void aDroppedConnectionIsRecordedWithStatusZero() {
        EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
        String conversation = client.open(ACCOUNT, "bob", null);
        EMULATOR.faults().dropShare(1.0);
        assertThatThrownBy(() -> client.send(ACCOUNT, "bob", EmulatorClient.close("c", conversation)));
        RecordedRequest dropped = EMULATOR.requests().get(1);
        assertThat(dropped.service()).isEqualTo("send");
        assertThat(dropped.status()).isZero();
        assertThat(dropped.json().path("type").asText()).isEqualTo("cm.UpdateConversationField");
    }

    @Test
    void clearRequestsAndResetForgetThem() {
        EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
        client.get("/emulator/counters");
        assertThat(EMULATOR.requests()).hasSize(1);
        EMULATOR.clearRequests();
        assertThat(EMULATOR.requests()).isEmpty();
        assertThat(EMULATOR.count("emulator", 200)).isEqualTo(1); // the counters stay
        client.get("/emulator/conversations");
        EMULATOR.reset();
        assertThat(EMULATOR.requests()).isEmpty();
    }

    @Test
    void switchedOffFromTheBuilderNothingIsRecorded() {
        try (LiveEngageEmulator quiet = LiveEngageEmulator.builder().recordRequests(false).start()) {
            new EmulatorClient(quiet).open(ACCOUNT, "carol", "hi");
            assertThat(quiet.count("create", 200)).isEqualTo(1);
            assertThat(quiet.requests()).isEmpty();
        }
    }

    @Test
    void keepsTheNewestTenThousand() {
        RequestLog log = new RequestLog(true);
        for (int i = 0; i < RequestLog.CAPACITY + 5; i++) {
            log.add(Request.of("GET", "/r/" + i, Map.of(), new byte[0]), "unknown", 404);
        }
        List<RecordedRequest> kept = log.list();
        assertThat(kept).hasSize(10_000);
        assertThat(kept.get(0).path()).isEqualTo("/r/5");
        assertThat(kept.get(kept.size() - 1).path()).isEqualTo("/r/10004");
    }
}
