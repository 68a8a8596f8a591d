package org.presslab.runs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.presslab.runs.api.RunStoreException;

/** Connections for reads and synchronous writes, with every SQL failure turned into an UNAVAILABLE error that names it. */
final class Db {

    interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    private final Supplier<DataSource> dataSource;
    private final String target;

    Db(Supplier<DataSource> dataSource, String target) {
        this.dataSource = dataSource;
        this.target = target;
    }

    <T> T read(SqlWork<T> work) {
        DataSource ds = dataSource.get();
        if (ds == null) {
            throw new RunStoreException(RunStoreException.Reason.UNAVAILABLE, "no database bound (DataSource " + target + ")");
        }
        try (Connection c = ds.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new RunStoreException(RunStoreException.Reason.UNAVAILABLE, "database unavailable: " + Writer.message(e), e);
        }
    }

    /** Runs {@code work} in one transaction. */
    <T> T write(SqlWork<T> work) {
        return read(c -> {
            c.setAutoCommit(false);
            try {
                T t = work.apply(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    static double dbl(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }

    static double dbl(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    static String str(ResultSet rs, String col) throws SQLException {
        String s = rs.getString(col);
        return s == null ? "" : s;
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id.trim());
        } catch (RuntimeException e) {
            throw new RunStoreException(RunStoreException.Reason.NOT_FOUND, "no run '" + id + "': a run id is a UUID such as"
                    + " 0193a5c2-7f00-7abc-8def-0123456789ab");
        }
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
