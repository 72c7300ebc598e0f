package io.github.lpconnector.camel.mainjob;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.lpconnector.camel.emulator.EmulatedConversation;
import io.github.lpconnector.camel.emulator.LiveEngageEmulatorExtension;
import io.github.lpconnector.camel.mainjob.MainJob.Result;
import io.github.lpconnector.camel.mainjob.MainJob.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's main job entry point over the shipped sample events against the emulator. */
class MainJobTest {

    @RegisterExtension
    static final LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(
            b -> b.webhooks(w -> w.autoAgent(Duration.ofMillis(50))));

    @Test
    void opensOneConversationPerValidEventAndReportsTheInvalidOne(@TempDir Path work) throws Exception {
        Summary summary = MainJob.run(work, Path.of("routes-examples/crm-events"), Map.of(), EMULATOR.emulator());

        assertThat(summary.eventsRead()).isEqualTo(6);
        assertThat(summary.results()).hasSize(6);
        assertThat(summary.opened()).isEqualTo(5);
        Result invalid = summary.results().get(5);
        assertThat(invalid.eventFile()).isEqualTo("case-0006.json");
        assertThat(invalid.status()).isEqualTo("FAILED");
        assertThat(invalid.error()).contains("message");

        List<EmulatedConversation> conversations = EMULATOR.emulator().conversations();
        assertThat(conversations).hasSize(5);
        for (Result opened : summary.results().subList(0, 5)) {
            EmulatedConversation conversation = EMULATOR.emulator().conversation(opened.conversationId()).orElseThrow();
            assertThat(conversation.accountId()).isEqualTo(MainJob.EMULATOR_ACCOUNT);
            assertThat(conversation.texts()).hasSize(1);
        }
        assertThat(conversations).extracting(EmulatedConversation::extConsumerId)
                .containsExactlyInAnyOrder("CUST-104233", "CUST-200871", "CUST-310045", "CUST-415502", "CUST-520019");
        EmulatedConversation escalated = conversations.stream()
                .filter(c -> c.extConsumerId().equals("CUST-310045")).findFirst().orElseThrow();
        assertThat(escalated.request().path("skillId").asText()).isEqualTo("4455");
        assertThat(escalated.userProfile().path("firstName").asText()).isEqualTo("Priya");
        assertThat(work.resolve("inbox/.done")).isDirectoryContaining("glob:**case-0001.json");

        // the round trip: each opened case got its agent's answer back, correlated to the case and the customer
        assertThat(summary.answered()).isEqualTo(5);
        Result amelia = summary.results().get(0);
        assertThat(amelia.caseId()).isEqualTo("CASE-88121");
        assertThat(amelia.answer()).isEqualTo("Hello Amelia, about: Hi, I was charged twice for order 55-1029. Can"
                                              + " someone help me get one charge refunded?");
        assertThat(summary.results().subList(0, 5)).extracting(Result::caseId).doesNotContainNull().doesNotHaveDuplicates();
    }
}
