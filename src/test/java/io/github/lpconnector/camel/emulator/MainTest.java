package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.lpconnector.camel.emulator.EmulatorClient.Answer;

class MainTest {

    @Test
    void startsFromArgumentsAndAnswers() {
        try (LiveEngageEmulator e = LiveEngageEmulatorMain.startFromArgs("--port", "0", "--client-id", "cli",
                "--client-secret", "sec", "--rate", "7", "--latency-ms", "5")) {
            assertThat(e.clientId()).isEqualTo("cli");
            assertThat(e.clientSecret()).isEqualTo("sec");
            assertThat(e.rateLimit().permitsPerSecond()).isEqualTo(7);
            assertThat(e.faults().latency()).hasMillis(5);
            EmulatorClient client = new EmulatorClient(e);
            Answer token = client.postForm("/sentinel/api/account/1/app/token?v=1.0&grant_type=client_credentials",
                    "client_id=cli&client_secret=sec");
            assertThat(token.status()).isEqualTo(200);
            String conv = client.open("1", "u", "hello");
            Answer list = client.get("/emulator/conversations");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get(0).path("conversationId").asText()).isEqualTo(conv);
            assertThat(list.json().get(0).path("messages").get(0).path("event").path("message").asText())
                    .isEqualTo("hello");
            Answer counters = client.get("/emulator/counters");
            assertThat(counters.json().path("create 200").asLong()).isEqualTo(1);
        }
    }

    @Test
    void setsUpTheLiveEngageSideFromArguments(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("manifest.json");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Files.writeString(manifest, "{\"capabilities\":{\"webhooks\":{\"cqm.ExConversationChangeNotification\":"
                    + "{\"endpoint\":\"" + receiver.url("/cqm") + "\",\"max_retries\":4}}}}");
            try (LiveEngageEmulator e = LiveEngageEmulatorMain.startFromArgs("--webhooks", manifest.toString(),
                    "--webhook", receiver.url("/a"), "--webhook", receiver.url("/b"), "--webhook-max-retries", "2",
                    "--webhook-retry-interval-ms", "100", "--webhook-read-timeout-ms", "2000",
                    "--webhook-signature", "sha256", "--webhook-encoding", "hex", "--auto-agent-delay-ms", "0")) {
                WebhookRegistrations r = e.webhooks().registrations();
                assertThat(r.endpoint(WebhookRegistrations.CONVERSATION_CHANGE).orElseThrow().maxRetries())
                        .isEqualTo(4);
                assertThat(r.endpoint(WebhookRegistrations.CONTENT_EVENT).orElseThrow())
                        .isEqualTo(new WebhookEndpoint(List.of(receiver.url("/a"), receiver.url("/b")), null, 2));
                assertThat(r.retryInterval()).isEqualTo(Duration.ofMillis(100));
                assertThat(e.webhooks().autoAgent()).isTrue();
                String conv = new EmulatorClient(e).open("1", "u", "hello");
                assertThat(e.webhooks().awaitIdle(Duration.ofSeconds(20))).isTrue();
                assertThat(receiver.complete()).filteredOn(x -> x.target().equals("/cqm")).hasSize(2);
                assertThat(receiver.complete()).allSatisfy(x -> assertThat(
                        x.header(WebhookSignature.SIGNATURE_HEADER)).matches("sha256=[0-9a-f]{64}"));
                assertThat(e.conversation(conv).orElseThrow().agentTexts()).containsExactly("Hello Ada, about: hello");
            }
        }
    }

    @Test
    void appJwtLifetimeBannerAndTokensByHand() throws Exception {
        try (LiveEngageEmulator e = LiveEngageEmulatorMain.startFromArgs("--app-jwt-ttl-seconds", "90")) {
            String banner = LiveEngageEmulatorMain.banner(e);
            assertThat(banner.lines().findFirst()).hasValue(e.baseUri());
            assertThat(banner).contains("accounts: any account id").contains("client_id=emulator-client")
                    .contains("client_secret=emulator-secret").contains("90 s")
                    .contains(e.baseUri() + "/emulator/tokens/app-jwt?account=")
                    .contains(e.baseUri() + "/emulator/tokens/consumer-jws?account=");
            EmulatorClient client = new EmulatorClient(e);

            Answer appJwt = client.get("/emulator/tokens/app-jwt?account=42");
            Answer jws = client.get("/emulator/tokens/consumer-jws?account=42&ext_consumer_id=ada");

            JsonNode claims = EmulatorClient.MAPPER.readTree(Base64.getUrlDecoder().decode(
                    appJwt.json().path("token").asText().split("\\.")[1]));
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(90);
            assertThat(claims.path("aud").asText()).isEqualTo("42");
            assertThat(jws.json().path("token").asText()).isEqualTo(e.issueConsumerJws("42", "ada"));
            assertThat(jws.json().path("lp_consumer_id").asText()).isEqualTo(e.lpConsumerId("42", "ada"));
            // the tokens by hand work where Sentinel's and the IDP's do
            Answer create = EmulatorClient.call(client.createRequest("42", appJwt.json().path("token").asText(),
                    jws.json().path("token").asText(), EmulatorClient.createBody("42", "hi")));
            assertThat(create.status()).isEqualTo(200);
            assertThat(client.get("/emulator/tokens/consumer-jws?account=42").status()).isEqualTo(400);
            assertThat(client.get("/emulator/tokens/nope?account=42").status()).isEqualTo(404);
        }
    }

    @Test
    void refusesBadWebhookArguments() {
        assertThatThrownBy(() -> LiveEngageEmulatorMain.builderFromArgs("--webhook-signature", "md5"))
                .hasMessageContaining("sha1 or sha256");
        assertThatThrownBy(() -> LiveEngageEmulatorMain.builderFromArgs("--webhook", "ftp://x"))
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> LiveEngageEmulatorMain.builderFromArgs("--webhook", "http://x",
                "--webhook-max-retries", "6")).hasMessageContaining("max_retries");
    }

    @Test
    void rejectsUnknownOptions() {
        assertThatThrownBy(() -> LiveEngageEmulatorMain.builderFromArgs("--nope", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nope");
        assertThatThrownBy(() -> LiveEngageEmulatorMain.builderFromArgs("--port"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
