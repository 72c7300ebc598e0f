package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
