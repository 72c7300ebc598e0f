package io.github.lpconnector.camel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The JDBC steps the component's tables share: create a table when missing, run a statement, read a refusal. */
final class JdbcTables {

    private JdbcTables() {
    }

    /** Creates {@code table} with {@code ddl} unless a probe finds it; another instance creating it first is fine. */
    static void createMissing(Connection connection, String table, String ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
        } catch (SQLException missing) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(ddl);
            } catch (SQLException e) {
                // another instance created it in between: fine if it is there now
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
                } catch (SQLException still) {
                    e.addSuppressed(still);
                    throw e;
                }
            }
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; the rows it changed. */
    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    /** SQLState class 23 (integrity constraint violation): the key is there already. */
    static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
