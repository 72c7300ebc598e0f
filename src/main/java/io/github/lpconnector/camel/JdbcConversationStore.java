package io.github.lpconnector.camel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;


/**
 * A {@link ConversationStore} in two tables, created when missing. Writes are an insert, or an update when the key is
 * there already, so that instances saving the same conversation concurrently end with one row; both statements run
 * in auto-commit mode, so a failed insert leaves nothing to roll back.
 */
final class JdbcConversationStore implements ConversationStore {

    static final String CREATE_CONVERSATIONS = "CREATE TABLE LP_CONVERSATION (conversation_id VARCHAR(128) NOT NULL,"
                                               + " account_id VARCHAR(64) NOT NULL, correlation_id VARCHAR(256),"
                                               + " ext_consumer_id VARCHAR(256), PRIMARY KEY (conversation_id))";
    static final String CREATE_CONSUMERS = "CREATE TABLE LP_CONSUMER (account_id VARCHAR(64) NOT NULL,"
                                           + " lp_consumer_id VARCHAR(128) NOT NULL,"
                                           + " ext_consumer_id VARCHAR(256) NOT NULL, correlation_id VARCHAR(256),"
                                           + " PRIMARY KEY (account_id, lp_consumer_id))";

    private final DataSource dataSource;
    private volatile boolean tablesChecked;

    JdbcConversationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(Conversation c) {
        upsert("INSERT INTO LP_CONVERSATION (account_id, correlation_id, ext_consumer_id, conversation_id)"
               + " VALUES (?, ?, ?, ?)",
                "UPDATE LP_CONVERSATION SET account_id = ?, correlation_id = ?, ext_consumer_id = ?"
                + " WHERE conversation_id = ?",
                c.accountId(), c.correlationId(), c.extConsumerId(), c.conversationId());
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        return query("SELECT account_id, correlation_id, ext_consumer_id FROM LP_CONVERSATION"
                     + " WHERE conversation_id = ?",
                rs -> new Conversation(conversationId, rs.getString(1), rs.getString(2), rs.getString(3)),
                conversationId);
    }

    @Override
    public void saveConsumer(String accountId, String lpConsumerId, String extConsumerId) {
        upsert("INSERT INTO LP_CONSUMER (ext_consumer_id, account_id, lp_consumer_id) VALUES (?, ?, ?)",
                "UPDATE LP_CONSUMER SET ext_consumer_id = ? WHERE account_id = ? AND lp_consumer_id = ?",
                extConsumerId, accountId, lpConsumerId);
    }

    @Override
    public void saveConsumer(String accountId, String lpConsumerId, String extConsumerId, String correlationId) {
        upsert("INSERT INTO LP_CONSUMER (ext_consumer_id, correlation_id, account_id, lp_consumer_id)"
               + " VALUES (?, ?, ?, ?)",
                "UPDATE LP_CONSUMER SET ext_consumer_id = ?, correlation_id = ? WHERE account_id = ?"
                + " AND lp_consumer_id = ?",
                extConsumerId, correlationId, accountId, lpConsumerId);
    }

    @Override
    public Optional<String> findConsumerCorrelationId(String accountId, String lpConsumerId) {
        return query("SELECT correlation_id FROM LP_CONSUMER WHERE account_id = ? AND lp_consumer_id = ?",
                rs -> rs.getString(1), accountId, lpConsumerId);
    }

    @Override
    public Optional<String> findExtConsumerId(String accountId, String lpConsumerId) {
        return query("SELECT ext_consumer_id FROM LP_CONSUMER WHERE account_id = ? AND lp_consumer_id = ?",
                rs -> rs.getString(1), accountId, lpConsumerId);
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private void upsert(String insert, String update, String... values) {
        try (Connection connection = connection()) {
            try {
                JdbcTables.update(connection, insert, (Object[]) values);
            } catch (SQLException e) {
                if (!JdbcTables.isDuplicateKey(e) || JdbcTables.update(connection, update, (Object[]) values) == 0) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new LivePersonConnectorException("the conversation store could not save: " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> query(String sql, Row<T> row, String... values) {
        try (Connection connection = connection();
             PreparedStatement statement = JdbcTables.prepare(connection, sql, (Object[]) values);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new LivePersonConnectorException("the conversation store could not be read: " + e.getMessage(), e);
        }
    }

    /** A connection in auto-commit mode, the tables created first when this store has not seen them yet. */
    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        if (!tablesChecked) {
            JdbcTables.createMissing(connection, "LP_CONVERSATION", CREATE_CONVERSATIONS);
            JdbcTables.createMissing(connection, "LP_CONSUMER", CREATE_CONSUMERS);
            tablesChecked = true;
        }
        return connection;
    }

    @Override
    public String toString() {
        return "ConversationStore[jdbc " + dataSource.getClass().getSimpleName() + "]";
    }
}
