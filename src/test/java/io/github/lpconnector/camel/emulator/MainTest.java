package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
    void rejectsUnknownOptions() {
        assertThatThrownBy(() -> LiveEngageEmulatorMain.builderFromArgs("--nope", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nope");
        assertThatThrownBy(() -> LiveEngageEmulatorMain.builderFromArgs("--port"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
