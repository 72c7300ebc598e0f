package io.github.lpconnector.camel.flows;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.lpconnector.camel.flows.kafka.KafkaOutbox;
import io.github.lpconnector.camel.support.PostgresServer;
import io.github.lpconnector.camel.support.SharedPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The outbox of {@code liveperson-replies-to-kafka-outbox.camel.yaml} on a real PostgreSQL and a real Kafka broker,
 * at the two moments a kill leaves behind: a relay killed after its Kafka commit and before marking its rows, and one
 * killed inside an open transaction. Each test has an outbox (and topic) of its own.
 */
class KafkaOutboxTest {

    static KafkaTestBroker kafka;
    static CamelContext camel;
    static PostgresServer postgres;

    private final String name = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
    private final String topic = name + "-records";

    @BeforeAll
    static void start() throws Exception {
        postgres = SharedPostgres.get();
        kafka = KafkaTestBroker.start();
        camel = new DefaultCamelContext();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        kafka.close();
    }

    @Test
    void aRecordAddedTwiceUnderOneIdIsPublishedOnceWithItsKeyAndHeaders() throws Exception {
        kafka.createTopic(topic, 3);
        KafkaOutbox outbox = outbox();
        assertThat(outbox.add(exchange("case-1", "hello"), topic, "acct:ms:conv-1:3")).isTrue();
        assertThat(outbox.add(exchange("case-1", "hello"), topic, "acct:ms:conv-1:3")).as("the duplicate").isFalse();
        assertThat(outbox.add(exchange("case-2", "typing"), topic, null)).isTrue();

        assertThat(outbox.relay()).isEqualTo(2);
        assertThat(outbox.relay()).as("nothing left").isZero();

        List<ConsumerRecord<String, String>> records = kafka.readAll(topic);
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(tuple("case-1", "hello"),
                        tuple("case-2", "typing"));
        ConsumerRecord<String, String> first = records.stream().filter(r -> "case-1".equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(new String(first.headers().lastHeader("lp-event-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("ContentEvent");
        assertThat(first.headers().lastHeader("LivePersonSecretish")).as("headers outside the pattern stay").isNull();
        assertThat(unpublished()).isZero();
    }

    @Test
    void aRelayKilledAfterItsKafkaCommitLeavesNothingToPublishTwice() throws Exception {
        kafka.createTopic(topic, 1);
        KafkaOutbox outbox = outbox();
        for (int i = 1; i <= 3; i++) {
            outbox.add(exchange("case-" + i, "reply " + i), topic, "id-" + i);
        }
        // the killed relay: it published the three rows and their progress record, committed, and died before the
        // database heard of it
        try (KafkaProducer<String, String> killed = producer()) {
            killed.initTransactions();
            killed.beginTransaction();
            for (int i = 1; i <= 3; i++) {
                killed.send(new ProducerRecord<>(topic, "case-" + i, "reply " + i));
            }
            killed.send(new ProducerRecord<>(name + "-progress", name, String.join(",", rowIds())));
            killed.commitTransaction();
        }
        assertThat(unpublished()).isEqualTo(3);

        assertThat(outbox.relay()).as("records published by the new relay").isZero();
        assertThat(unpublished()).isZero();
        assertThat(kafka.readAll(topic)).extracting(ConsumerRecord::value)
                .containsExactly("reply 1", "reply 2", "reply 3");
    }

    @Test
    void aRelayKilledInsideItsTransactionIsFencedAndItsRecordsNeverShow() throws Exception {
        kafka.createTopic(topic, 1);
        KafkaOutbox outbox = outbox();
        outbox.add(exchange("case-1", "reply 1"), topic, "id-1");
        outbox.add(exchange("case-0", "reply 0"), topic, "id-0");
        try (KafkaProducer<String, String> zombie = producer()) {
            zombie.initTransactions();
            zombie.beginTransaction();
            zombie.send(new ProducerRecord<>(topic, "case-1", "reply 1")).get();
            zombie.send(new ProducerRecord<>(topic, "case-0", "reply 0")).get();
            // ...and it hangs here (a long GC, a network partition) while another instance takes over

            assertThat(outbox.relay()).isEqualTo(2);
            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(ProducerFencedException.class);
        }
        assertThat(kafka.readAll(topic)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("reply 1", "reply 0");
    }

    @Test
    void oneInstanceRelaysAtATime() throws Exception {
        kafka.createTopic(topic, 1);
        // two instances, each with its pool: the first's lock connection stays open in its pool after it stops
        try (HikariDataSource firstPool = pool(); HikariDataSource secondPool = pool()) {
            KafkaOutbox first = outbox(firstPool);
            KafkaOutbox second = outbox(secondPool);
            first.add(exchange("case-1", "reply 1"), topic, "id-1");
            assertThat(first.relay()).isEqualTo(1);
            second.add(exchange("case-2", "reply 2"), topic, "id-2");
            assertThat(second.relay()).as("the lock is the first one's").isZero();
            assertThat(first.relay()).isEqualTo(1);

            first.stop(); // gives the lock up, though its connection goes back to the pool
            second.add(exchange("case-3", "reply 3"), topic, "id-3");
            assertThat(second.relay()).as("taken over at once").isEqualTo(1);
            second.stop();
        }
        assertThat(kafka.readAll(topic)).extracting(ConsumerRecord::value)
                .containsExactly("reply 1", "reply 2", "reply 3");
    }

    private static HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.jdbcUrl());
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(2);
        return pool;
    }

    private KafkaOutbox outbox() {
        return outbox(postgres.dataSource());
    }

    private KafkaOutbox outbox(DataSource dataSource) {
        KafkaOutbox outbox = new KafkaOutbox(dataSource, kafka.bootstrapServers(), name);
        outbox.start();
        return outbox;
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lp-outbox-" + name);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private Exchange exchange(String key, String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader("kafka.KEY", key);
        exchange.getMessage().setHeader("lp-event-type", "ContentEvent");
        exchange.getMessage().setHeader("LivePersonSecretish", "not for Kafka");
        return exchange;
    }

    private List<String> rowIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM LP_OUTBOX WHERE outbox_name = '" + name + "' ORDER BY id")) {
            while (rs.next()) {
                ids.add(Long.toString(rs.getLong(1)));
            }
        }
        return ids;
    }

    private long unpublished() throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM LP_OUTBOX WHERE outbox_name = '" + name
                                           + "' AND NOT published")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
