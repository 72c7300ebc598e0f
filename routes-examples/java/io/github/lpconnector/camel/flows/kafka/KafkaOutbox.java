package io.github.lpconnector.camel.flows.kafka;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transactional outbox from PostgreSQL to Kafka, for several instances that must write every record once even when
 * one of them is killed mid-way. No transaction spans a database and Kafka, so the work is cut in two halves that are
 * each exactly once:
 * <ol>
 * <li>{@link #add(Exchange, String, String) add} writes the record (topic, key, value, the headers matching
 * {@code headerPattern}) as a row of {@code LP_OUTBOX} under the outbox's name, in one statement that does nothing when a row with the same
 * id is there already: a change delivered again, or an event done again after a kill, is written once. The route
 * answers its source (LiveEngage's webhook, the Kafka offset) only after that statement, so a record is either in
 * the table or delivered again.</li>
 * <li>{@link #relay()} moves the rows not yet published to Kafka, one Kafka transaction per batch, and in the same
 * transaction a record on the progress topic ({@code <name>-progress}) naming the rows it holds; after the commit
 * it marks them published. Every instance's relay uses one transactional id, so a new relay fences an old one (a
 * killed instance's open transaction is aborted), and a relay starts by marking the rows of the last committed
 * progress record: a relay killed between its Kafka commit and its mark leaves nothing to publish twice. One
 * instance relays at a time, the holder of a PostgreSQL advisory lock; a killed instance's lock goes with its
 * connection, and the next instance to call {@code relay()} takes over.</li>
 * </ol>
 * Readers of the topics must read with {@code isolation.level=read_committed}, which skips the aborted transactions.
 * Drive the relay with a timer route ({@code timer:lp-outbox?period=100} → {@code bean:outbox?method=relay}); it runs
 * on that one thread, blocking on JDBC and Kafka, never on a request's thread.
 */
public class KafkaOutbox extends ServiceSupport {

    static final String TABLE = "LP_OUTBOX";
    static final String CREATE = "CREATE TABLE IF NOT EXISTS LP_OUTBOX (id BIGSERIAL PRIMARY KEY,"
                                 + " outbox_name VARCHAR(255) NOT NULL, record_id VARCHAR(512),"
                                 + " topic VARCHAR(249) NOT NULL, record_key VARCHAR(512), record_value TEXT,"
                                 + " record_headers TEXT, published BOOLEAN NOT NULL DEFAULT FALSE,"
                                 + " UNIQUE (outbox_name, record_id))";
    static final String CREATE_INDEX = "CREATE INDEX IF NOT EXISTS LP_OUTBOX_PENDING ON LP_OUTBOX (outbox_name, id)"
                                       + " WHERE NOT published";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOutbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final String brokers;
    private final String name;
    private Pattern headerPattern = Pattern.compile("lp-.*");
    private int batchSize = 200;
    private volatile boolean tableChecked;

    // the relay's state: touched by the one thread that calls relay()
    private Connection lockConnection;
    private KafkaProducer<String, String> producer;
    private String lastFailure;

    /**
     * @param dataSource the PostgreSQL database every instance reaches; a pool (every {@code add} takes a connection,
     *                   and the relay keeps one for its lock)
     * @param brokers    Kafka's bootstrap servers
     * @param name       the outbox's name: its transactional id, advisory lock and progress topic derive from it;
     *                   the same for every instance
     */
    public KafkaOutbox(DataSource dataSource, String brokers, String name) {
        this.dataSource = dataSource;
        this.brokers = brokers;
        this.name = name;
    }

    /** Which of the exchange's headers travel with the record; default {@code lp-.*}. */
    public void setHeaderPattern(String headerPattern) {
        this.headerPattern = Pattern.compile(headerPattern);
    }

    /** The most rows one Kafka transaction carries; default 200. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * Writes the exchange's message as a record of {@code topic}: body as the value, header {@code kafka.KEY} as the
     * key, the headers matching {@code headerPattern} as headers. Does nothing when a record with this {@code id}
     * was added before; a null id is never a duplicate.
     *
     * @return whether the record was added (false: a duplicate)
     */
    public boolean add(Exchange exchange, String topic, String id) throws SQLException, JsonProcessingException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((key, value) -> {
            if (value != null && headerPattern.matcher(key).matches()) {
                headers.put(key, value.toString());
            }
        });
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO LP_OUTBOX (outbox_name, record_id, topic,"
                                                      + " record_key, record_value, record_headers)"
                                                      + " VALUES (?, ?, ?, ?, ?, ?)"
                                                      + " ON CONFLICT (outbox_name, record_id) DO NOTHING")) {
            s.setString(1, name);
            s.setString(2, id);
            s.setString(3, topic);
            s.setString(4, exchange.getMessage().getHeader("kafka.KEY", String.class));
            s.setString(5, exchange.getMessage().getBody(String.class));
            s.setString(6, JSON.writeValueAsString(headers));
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Publishes the rows not yet published, when this instance holds the relay's lock; a failure (database or
     * broker down, fenced by a newer relay) is logged once, and the next call starts over.
     *
     * @return the number of records published
     */
    public synchronized int relay() {
        try {
            if (!holdsLock()) {
                return 0;
            }
            if (producer == null) {
                producer = startProducer();
            }
            int published = 0;
            List<Row> rows;
            do {
                rows = pending();
                if (!rows.isEmpty()) {
                    publish(rows);
                    markPublished(rows.stream().map(Row::id).toList());
                    published += rows.size();
                }
            } while (rows.size() == batchSize);
            if (lastFailure != null) {
                LOG.info("Outbox {} relays again", name);
                lastFailure = null;
            }
            return published;
        } catch (Exception e) {
            String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!failure.equals(lastFailure)) {
                LOG.warn("Outbox {} cannot relay now ({}); trying again", name, failure);
                lastFailure = failure;
            }
            closeProducer();
            return 0;
        }
    }

    /** The rows not yet published, in the order they were added. */
    private List<Row> pending() throws SQLException, JsonProcessingException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("SELECT id, topic, record_key, record_value, record_headers"
                                                      + " FROM LP_OUTBOX WHERE outbox_name = ? AND NOT published"
                                                      + " ORDER BY id LIMIT ?")) {
            s.setString(1, name);
            s.setInt(2, batchSize);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String headers = rs.getString(5);
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            headers == null ? Map.of() : JSON.readValue(headers, HEADERS)));
                }
            }
        }
        return rows;
    }

    /** The rows and the progress record naming them, in one Kafka transaction. */
    private void publish(List<Row> rows) {
        producer.beginTransaction();
        try {
            for (Row row : rows) {
                ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.value());
                row.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.send(new ProducerRecord<>(progressTopic(), name, String.join(",",
                    rows.stream().map(r -> Long.toString(r.id())).toList())));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private void markPublished(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("UPDATE LP_OUTBOX SET published = TRUE WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        }
    }

    /**
     * A producer of the outbox's transactional id: initialising it fences any older relay and aborts its open
     * transaction; then the rows of the last committed transaction are marked, which an older relay may have left.
     */
    private KafkaProducer<String, String> startProducer() throws Exception {
        ensureProgressTopic();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lp-outbox-" + name);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        KafkaProducer<String, String> started = new KafkaProducer<>(props);
        try {
            started.initTransactions();
            markPublished(lastCommittedProgress());
            return started;
        } catch (Exception e) {
            started.close(Duration.ZERO);
            throw e;
        }
    }

    /** The row ids of the last committed transaction, from the progress topic (read committed). */
    private List<Long> lastCommittedProgress() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "lp-outbox-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(progressTopic(), 0);
            List<TopicPartition> partitions = List.of(partition);
            consumer.assign(partitions);
            long end = consumer.endOffsets(partitions).get(partition);
            // a transaction is its record and a commit (or abort) marker: look back until a committed record shows
            for (long back = 64; ; back *= 4) {
                long from = Math.max(0, end - back);
                consumer.seek(partition, from);
                ConsumerRecord<String, String> last = null;
                while (consumer.position(partition) < end) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        last = r;
                    }
                }
                if (last != null || from == 0) {
                    return last == null || last.value().isEmpty() ? List.of()
                            : Arrays.stream(last.value().split(",")).map(Long::valueOf).toList();
                }
            }
        }
    }

    private void ensureProgressTopic() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(progressTopic(), Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Whether this instance holds the relay's advisory lock, taking it when free. */
    private boolean holdsLock() throws SQLException {
        if (lockConnection != null) {
            try (Statement s = lockConnection.createStatement()) {
                s.execute("SELECT 1");
                return true;
            } catch (SQLException lost) {
                // the database restarted or the connection broke: the lock went with it
                closeLockConnection();
                closeProducer();
            }
        }
        Connection c = connection();
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            s.setString(1, "lp-outbox-" + name);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    lockConnection = c;
                    LOG.info("Outbox {}: this instance relays", name);
                    return true;
                }
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        c.close();
        return false;
    }

    private String progressTopic() {
        return name + "-progress";
    }

    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        if (!tableChecked) {
            try (Statement s = c.createStatement()) {
                s.execute(CREATE);
                s.execute(CREATE_INDEX);
                tableChecked = true;
            } catch (SQLException e) {
                c.close();
                // another instance created it in the same moment (IF NOT EXISTS is not atomic in PostgreSQL)
                if ("23505".equals(e.getSQLState()) || "42P07".equals(e.getSQLState())) {
                    return connection();
                }
                throw e;
            }
        }
        return c;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Gives the lock up: a pooled connection goes back to its pool, and must not take the lock with it. */
    private void closeLockConnection() {
        try (Statement s = lockConnection.createStatement()) {
            s.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException ignored) {
            // a broken connection holds no lock any more
        }
        try {
            lockConnection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        lockConnection = null;
    }

    @Override
    protected synchronized void doStop() {
        closeProducer();
        if (lockConnection != null) {
            closeLockConnection();
        }
    }

    private record Row(long id, String topic, String key, String value, Map<String, String> headers) {
    }
}
