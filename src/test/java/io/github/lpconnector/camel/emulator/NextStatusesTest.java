package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A deterministic sequence of refusals, for tests that need exactly one 429 (or 503...) at a known request. */
class NextStatusesTest {

    static final String TEXT = "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"hi\"}";

    @Test
    void theNextRequestsGetTheStatusesInOrderThenTheRealAnswers() {
        try (LiveEngageEmulator emulator = LiveEngageEmulator.start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            String conversation = client.open("555", "alice", null);
            emulator.faults().nextStatuses(503, 429);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                EmulatorClient.Answer answer = client.send("555", "alice", publish("m" + i, conversation, TEXT));
                statuses.add(answer.status());
                if (answer.status() == 429) {
                    assertThat(answer.response().headers().firstValue("Retry-After")).hasValue("1");
                }
            }
            assertThat(statuses).containsExactly(503, 429, 200);
            assertThat(emulator.faults().injected("status 429")).isEqualTo(1);
            assertThat(emulator.conversation(conversation).orElseThrow().messages()).as("refused ones not processed")
                    .hasSize(1);

            emulator.faults().nextStatuses(500);
            emulator.faults().clear();
            assertThat(client.send("555", "alice", publish("m9", conversation, TEXT)).status()).isEqualTo(200);
        }
    }
}
