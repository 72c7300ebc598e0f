package io.github.lpconnector.camel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IdempotentRepository} in one table ({@code LP_PROCESSED}, created when missing), for several instances
 * that must hand every key on once even when one of them is killed mid-way:
 * <ul>
 * <li>{@code add} inserts the key as <i>in progress</i>, held by this instance; the primary key makes it atomic
 * across instances. It answers false for a key that is <i>done</i> (confirmed): a duplicate.</li>
 * <li>While it works on a key, the holder renews its lease every {@code leaseMillis / 3}. A key whose lease ran out
 * (its holder was killed or lost the database) is taken over by the next {@code add}, with a compare-and-set.</li>
 * <li>A key in progress under a live lease is neither new nor a duplicate: {@code add} throws, so that the caller
 * fails and its source delivers again later (a webhook answered 503, a Kafka record read again) rather than dropping
 * a key whose holder may still fail.</li>
 * <li>{@code confirm} marks the key done; when the database refuses, the key stays held and its confirmation is
 * tried again with each renewal. {@code remove} deletes it (the holder failed); when the database refuses, the
 * key's lease is no longer renewed, so that it is taken over once it ran out.</li>
 * </ul>
 * Compared with camel-sql's {@code JdbcMessageIdRepository}, whose key stays forever once added, a key held by an
 * instance that was killed is not lost; the price is a short window after the work and before the confirmation in
 * which a kill lets another instance do the work again.
 */
public class LeasedJdbcIdempotentRepository extends ServiceSupport implements IdempotentRepository, CamelContextAware {

    static final String TABLE = "LP_PROCESSED";
    static final String CREATE = "CREATE TABLE LP_PROCESSED (processor_name VARCHAR(255) NOT NULL,"
                                 + " message_id VARCHAR(512) NOT NULL, done SMALLINT NOT NULL,"
                                 + " holder VARCHAR(64) NOT NULL, lease_until BIGINT NOT NULL,"
                                 + " PRIMARY KEY (processor_name, message_id))";

    private static final Logger LOG = LoggerFactory.getLogger(LeasedJdbcIdempotentRepository.class);

    private final DataSource dataSource;
    private final String processorName;
    private final String holder = UUID.randomUUID().toString();
    /** The keys this instance holds, in progress; their leases are renewed. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Keys whose work was done but whose confirmation the database refused: confirmed again with each renewal. */
    private final Set<String> confirming = ConcurrentHashMap.newKeySet();
    private long leaseMillis = 30_000;
    private CamelContext camelContext;
    private ScheduledExecutorService renewer;
    private volatile boolean tableChecked;

    /**
     * @param dataSource    the database every instance reaches
     * @param processorName the name the keys are kept under (one per use: the webhook changes, the Kafka events...)
     */
    public LeasedJdbcIdempotentRepository(DataSource dataSource, String processorName) {
        this.dataSource = dataSource;
        this.processorName = processorName;
    }

    /** How long a key in progress stays with its holder without a renewal; default 30 s. */
    public void setLeaseMillis(long leaseMillis) {
        if (leaseMillis < 300) {
            throw new IllegalArgumentException("leaseMillis must be at least 300");
        }
        this.leaseMillis = leaseMillis;
    }

    public long getLeaseMillis() {
        return leaseMillis;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public boolean add(String key) {
        long now = System.currentTimeMillis();
        try (Connection c = connection()) {
            held.add(key);
            try {
                update(c, "INSERT INTO LP_PROCESSED (processor_name, message_id, done, holder, lease_until)"
                          + " VALUES (?, ?, 0, ?, ?)", processorName, key, holder, now + leaseMillis);
                return true;
            } catch (SQLException e) {
                if (!JdbcTables.isDuplicateKey(e)) {
                    throw e;
                }
            }
            held.remove(key);
            try (PreparedStatement s = JdbcTables.prepare(c, "SELECT done, lease_until FROM LP_PROCESSED"
                                                  + " WHERE processor_name = ? AND message_id = ?", processorName, key);
                 ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new LivePersonConnectorException("key " + key + " was removed meanwhile: try again");
                }
                if (rs.getInt(1) != 0) {
                    return false;
                }
                long leaseUntil = rs.getLong(2);
                if (leaseUntil > now) {
                    throw new LivePersonConnectorException("key " + key + " is in progress elsewhere (lease for "
                                                           + (leaseUntil - now) + " ms more): try again later");
                }
                held.add(key);
                if (update(c, "UPDATE LP_PROCESSED SET holder = ?, lease_until = ? WHERE processor_name = ?"
                              + " AND message_id = ? AND done = 0 AND lease_until = ?",
                        holder, now + leaseMillis, processorName, key, leaseUntil) == 1) {
                    LOG.debug("Took over key {} of {}, whose holder's lease ran out", key, processorName);
                    return true;
                }
                held.remove(key);
                throw new LivePersonConnectorException("key " + key + " was taken over by another instance");
            }
        } catch (SQLException e) {
            held.remove(key);
            throw failure("add", e);
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = connection();
             PreparedStatement s = JdbcTables.prepare(c, "SELECT done, lease_until FROM LP_PROCESSED"
                                                         + " WHERE processor_name = ? AND message_id = ?",
                     processorName, key);
             ResultSet rs = s.executeQuery()) {
            return rs.next() && (rs.getInt(1) != 0 || rs.getLong(2) > System.currentTimeMillis());
        } catch (SQLException e) {
            throw failure("contains", e);
        }
    }

    @Override
    public boolean remove(String key) {
        held.remove(key);
        confirming.remove(key);
        try (Connection c = connection()) {
            return update(c, "DELETE FROM LP_PROCESSED WHERE processor_name = ? AND message_id = ? AND done = 0"
                             + " AND holder = ?", processorName, key, holder) == 1;
        } catch (SQLException e) {
            throw failure("remove", e);
        }
    }

    /**
     * Marks the key done. When the database refuses, the work stays done: the key is kept, its lease renewed, and
     * the confirmation tried again with each renewal (false is answered meanwhile).
     */
    @Override
    public boolean confirm(String key) {
        try (Connection c = connection()) {
            boolean confirmed = markDone(c, key);
            held.remove(key);
            return confirmed;
        } catch (SQLException e) {
            confirming.add(key);
            LOG.warn("Could not confirm key {} of {} ({}): trying again with the next lease renewal", key,
                    processorName, e.getMessage());
            return false;
        }
    }

    private boolean markDone(Connection c, String key) throws SQLException {
        return update(c, "UPDATE LP_PROCESSED SET done = 1 WHERE processor_name = ? AND message_id = ?"
                         + " AND holder = ?", processorName, key, holder) == 1;
    }

    @Override
    public void clear() {
        held.clear();
        confirming.clear();
        try (Connection c = connection()) {
            update(c, "DELETE FROM LP_PROCESSED WHERE processor_name = ?", processorName);
        } catch (SQLException e) {
            throw failure("clear", e);
        }
    }

    /** Renews the lease of every key this instance holds. */
    void renew() {
        if (held.isEmpty()) {
            return;
        }
        long until = System.currentTimeMillis() + leaseMillis;
        try (Connection c = connection()) {
            for (String key : confirming) {
                markDone(c, key);
                confirming.remove(key);
                held.remove(key);
            }
        } catch (SQLException e) {
            LOG.warn("Could not confirm {} keys of {}: {}", confirming.size(), processorName, e.getMessage());
        }
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("UPDATE LP_PROCESSED SET lease_until = ? WHERE processor_name = ?"
                                                      + " AND message_id = ? AND holder = ? AND done = 0")) {
            for (String key : held) {
                s.setLong(1, until);
                s.setString(2, processorName);
                s.setString(3, key);
                s.setString(4, holder);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            LOG.warn("Could not renew the leases of {} keys of {}: {}", held.size(), processorName, e.getMessage());
        }
    }

    @Override
    protected void doStart() throws Exception {
        long every = Math.max(100, leaseMillis / 3);
        renewer = camelContext != null
                ? camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LeaseRenewal")
                : java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "LeaseRenewal " + processorName);
                    t.setDaemon(true);
                    return t;
                });
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (renewer != null) {
            if (camelContext != null) {
                camelContext.getExecutorServiceManager().shutdownNow(renewer);
            } else {
                renewer.shutdownNow();
            }
            renewer = null;
        }
    }

    /** A connection in auto-commit mode, the table created first when this repository has not seen it yet. */
    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(true);
        if (!tableChecked) {
            try {
                JdbcTables.createMissing(c, TABLE, CREATE);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            tableChecked = true;
        }
        return c;
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        return JdbcTables.update(c, sql, values);
    }

    private LivePersonConnectorException failure(String what, SQLException e) {
        return new LivePersonConnectorException("the idempotent repository " + processorName + " could not " + what
                                                + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "LeasedJdbcIdempotentRepository[" + processorName + ", lease " + leaseMillis + " ms]";
    }
}
