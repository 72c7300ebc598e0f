package io.github.lpconnector.camel.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.LivePersonConnectorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record of an opened conversation survives a store that fails for a while (a database restarting): the save is
 * tried again after each delay, and fails naming the conversation only when the last attempt does.
 */
class ConversationRecorderTest {

    private static final List<Duration> DELAYS = List.of(Duration.ofMillis(10), Duration.ofMillis(20),
            Duration.ofMillis(40));

    private final ExecutorService storing = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        storing.shutdownNow();
        delays.shutdownNow();
        storing.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A store in memory whose first {@code failures} saves throw, as a database that is down would. */
    private static final class FailingStore implements ConversationStore {
        private final ConversationStore saved = ConversationStore.inMemory(10);
        private final AtomicInteger failuresLeft;
        final AtomicInteger attempts = new AtomicInteger();

        FailingStore(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void save(Conversation conversation) {
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("connection refused");
            }
            saved.save(conversation);
        }

        @Override
        public Optional<Conversation> find(String conversationId) {
            return saved.find(conversationId);
        }

        @Override
        public void saveConsumer(String accountId, String lpConsumerId, String extConsumerId) {
            saved.saveConsumer(accountId, lpConsumerId, extConsumerId);
        }

        @Override
        public Optional<String> findExtConsumerId(String accountId, String lpConsumerId) {
            return saved.findExtConsumerId(accountId, lpConsumerId);
        }
    }

    @Test
    void aStoreThatComesBackWithinTheRetriesRecordsTheConversation() {
        FailingStore store = new FailingStore(3);
        new ConversationRecorder("acc", store, storing, () -> delays, DELAYS).opened("conv-1", "CASE-1", new ConversationRecorder.Consumer(null, "cust-1"))
                .orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(store.attempts.get()).isEqualTo(4);
        assertThat(store.find("conv-1")).map(ConversationStore.Conversation::correlationId).contains("CASE-1");
    }

    @Test
    void aStoreThatStaysDownFailsNamingTheConversationAfterTheLastRetry() {
        FailingStore store = new FailingStore(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new ConversationRecorder("acc", store, storing, () -> delays, DELAYS)
                .opened("conv-2", "CASE-2", new ConversationRecorder.Consumer(null, null)).orTimeout(30, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(LivePersonConnectorException.class)
                .hasMessageContaining("conv-2 was opened").hasMessageContaining("connection refused");
        assertThat(store.attempts.get()).isEqualTo(DELAYS.size() + 1);
    }

    @Test
    void aStoringExecutorThatStoppedBetweenAttemptsFailsTheSave() {
        FailingStore store = new FailingStore(Integer.MAX_VALUE);
        ExecutorService stopping = Executors.newSingleThreadExecutor();
        var saved = new ConversationRecorder("acc", store, stopping, () -> delays, List.of(Duration.ofMillis(200)))
                .opened("conv-3", "CASE-3", new ConversationRecorder.Consumer(null, null));
        stopping.shutdown();
        assertThatThrownBy(() -> saved.orTimeout(30, TimeUnit.SECONDS).join()).cause()
                .isInstanceOf(LivePersonConnectorException.class).hasMessageContaining("conv-3");
    }
}
