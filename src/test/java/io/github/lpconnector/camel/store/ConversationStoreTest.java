package io.github.lpconnector.camel.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.ConversationStore.Conversation;
import io.github.lpconnector.camel.support.PostgresServer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's conversation stores on real storage: in memory, an H2 file (survives a restart, no server), and a
 * PostgreSQL server started for the test (shared by several instances, each with its own connections).
 */
class ConversationStoreTest {

    static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        assertThat(PostgresServer.installed()).as("PostgreSQL 15 server binaries (package postgresql-15)").isTrue();
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static DataSource h2(Path file) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        return ds;
    }

    private static void savesFindsAndReplaces(ConversationStore store) {
        assertThat(store.find("c-1")).isEmpty();
        store.save(new Conversation("c-1", "acc", "CASE-1", "cust-1"));
        store.save(new Conversation("c-2", "acc", null, null));
        assertThat(store.find("c-1")).contains(new Conversation("c-1", "acc", "CASE-1", "cust-1"));
        assertThat(store.find("c-2")).contains(new Conversation("c-2", "acc", null, null));
        store.save(new Conversation("c-1", "acc", "CASE-1b", "cust-1")); // saved again: replaced
        assertThat(store.find("c-1")).map(Conversation::correlationId).contains("CASE-1b");

        store.saveConsumer("acc", "lp-1", "cust-1");
        store.saveConsumer("acc", "lp-1", "cust-1"); // again: the same row
        assertThat(store.findExtConsumerId("acc", "lp-1")).contains("cust-1");
        assertThat(store.findExtConsumerId("other", "lp-1")).isEmpty();

        // the consumer's latest create, for notifications of a conversation not recorded (yet)
        assertThat(store.findConsumerCorrelationId("acc", "lp-1")).isEmpty();
        store.saveConsumer("acc", "lp-1", "cust-1", "CASE-2");
        assertThat(store.findConsumerCorrelationId("acc", "lp-1")).contains("CASE-2");
        store.saveConsumer("acc", "lp-1", "cust-1", "CASE-3");
        assertThat(store.findConsumerCorrelationId("acc", "lp-1")).contains("CASE-3");
        assertThat(store.findExtConsumerId("acc", "lp-1")).contains("cust-1");
        store.saveConsumer("acc", "lp-2", "cust-2", "CASE-4"); // a consumer first seen by its create
        assertThat(store.findConsumerCorrelationId("acc", "lp-2")).contains("CASE-4");
        assertThat(store.findExtConsumerId("acc", "lp-2")).contains("cust-2");
    }

    @Test
    void inMemoryKeepsTheMostRecentlyUsed() {
        ConversationStore store = ConversationStore.inMemory(2);
        savesFindsAndReplaces(store);
        store.find("c-1");
        store.save(new Conversation("c-3", "acc", null, null));
        assertThat(store.find("c-2")).as("least recently used goes first").isEmpty();
        assertThat(store.find("c-1")).isPresent();
    }

    @Test
    void anH2FileSurvivesARestartOfTheApplication(@TempDir Path dir) {
        savesFindsAndReplaces(ConversationStore.jdbc(h2(dir.resolve("store"))));
        ConversationStore afterRestart = ConversationStore.jdbc(h2(dir.resolve("store")));
        assertThat(afterRestart.find("c-1")).map(Conversation::correlationId).contains("CASE-1b");
        assertThat(afterRestart.findExtConsumerId("acc", "lp-1")).contains("cust-1");
    }

    @Test
    void onPostgresSeveralInstancesSeeOneAnother() throws Exception {
        ConversationStore first = ConversationStore.jdbc(postgres.dataSource());
        ConversationStore second = ConversationStore.jdbc(postgres.dataSource());
        savesFindsAndReplaces(first);
        assertThat(second.find("c-1")).map(Conversation::correlationId).contains("CASE-1b");
        second.save(new Conversation("c-9", "acc", "CASE-9", "cust-9"));
        assertThat(first.find("c-9")).isPresent();
    }

    @Test
    void onPostgresConcurrentSavesOfOneConversationEndAsOneRowWithoutAnError() throws Exception {
        int instances = 8;
        List<ConversationStore> stores = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            stores.add(ConversationStore.jdbc(postgres.dataSource()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            for (int round = 0; round < 20; round++) {
                String id = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(instances);
                List<CompletableFuture<Void>> saves = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    ConversationStore store = stores.get(i);
                    String correlation = "CASE-" + i;
                    saves.add(CompletableFuture.runAsync(() -> {
                        await(start);
                        store.save(new Conversation(id, "acc", correlation, "cust"));
                        store.saveConsumer("acc", "lp-" + id, "cust");
                    }, pool));
                }
                CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).join();
                assertThat(count("SELECT COUNT(*) FROM LP_CONVERSATION WHERE conversation_id = '" + id + "'")).isEqualTo(1);
                assertThat(count("SELECT COUNT(*) FROM LP_CONSUMER WHERE lp_consumer_id = 'lp-" + id + "'")).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onPostgresAStoreKeepsWorkingAcrossAServerCrash() throws Exception {
        ConversationStore store = ConversationStore.jdbc(postgres.dataSource());
        store.save(new Conversation("before-crash", "acc", "CASE-X", null));
        postgres.killAndRestart();
        assertThat(store.find("before-crash")).map(Conversation::correlationId).contains("CASE-X");
        store.save(new Conversation("after-crash", "acc", "CASE-Y", null));
        assertThat(store.find("after-crash")).isPresent();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = postgres.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
