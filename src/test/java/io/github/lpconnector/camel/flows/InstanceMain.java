package io.github.lpconnector.camel.flows;

import java.util.concurrent.CountDownLatch;

import com.zaxxer.hikari.HikariDataSource;
import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.LeasedJdbcIdempotentRepository;
import org.apache.camel.main.Main;

/**
 * One connector instance in a JVM of its own, as a Kubernetes replica runs it: camel-main with the outbound example
 * route (Kafka CRM events of one consumer group -> {@code liveperson-connector:create}, the event id as
 * LivePersonCorrelationId) and the inbound one ({@code liveperson-connector:notifications} on its own port -> the
 * outbox -> a Kafka topic keyed by the correlation id), the conversation store, both idempotent repositories and the
 * outbox on one shared PostgreSQL server. Every system property starting with {@code camel.}, {@code flows.}, {@code kafka.} or
 * {@code lp.} is a property of the application. Prints {@value #READY} once started; SIGTERM stops it gracefully,
 * SIGKILL as a crash.
 */
public final class InstanceMain {

    static final String READY = "LP-INSTANCE-READY";

    private InstanceMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:routes-examples/kafka-to-liveperson.camel.yaml,"
                                                  + "file:routes-examples/liveperson-replies-to-kafka-outbox.camel.yaml");
        main.configure().withShutdownTimeout(10);
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("camel.") || key.startsWith("flows.") || key.startsWith("kafka.")
                || key.startsWith("lp.")) {
                main.addInitialProperty(key, System.getProperty(key));
            }
        }
        HikariDataSource database = new HikariDataSource();
        database.setJdbcUrl(System.getProperty("flows.kafka.idempotent-jdbc-url"));
        database.setUsername("postgres");
        database.setMaximumPoolSize(8);
        database.setConnectionTimeout(2_000);
        // shared by every instance: which conversation is which event, and the webhook changes handed on
        main.bind("lpConversations", ConversationStore.jdbc(database));
        LeasedJdbcIdempotentRepository changes = new LeasedJdbcIdempotentRepository(database,
                System.getProperty("flows.webhook.idempotent-processor", "webhook-changes"));
        changes.setLeaseMillis(Long.getLong("flows.webhook.idempotent-lease-ms", 30_000));
        main.bind("lpWebhookChanges", changes);
        main.addInitialProperty("camel.component.liveperson-connector.conversation-store", "#bean:lpConversations");
        main.addInitialProperty("camel.component.liveperson-connector.idempotent-repository",
                "#bean:lpWebhookChanges");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.stop();
            database.close();
            stopped.countDown();
        }, "instance-stop"));
        main.start();
        System.out.println(READY + " " + System.getProperty("camel.server.port"));
        stopped.await();
    }
}
