package org.presslab.runs.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Assumptions;

/**
 * The two databases every storage test runs on: an H2 2.3 file database (always) and a real PostgreSQL
 * (when {@link Postgres} can provide one), each behind a HikariCP 4 pool as pax-jdbc-pool-hikaricp builds it
 * in Karaf. The pool times out after 1 s, so a database that is down answers quickly.
 */
enum TestDb {
    H2, POSTGRES;

    /** A pool on a fresh database (H2: a file in {@code dir}; PostgreSQL: a new schema), or the test is skipped. */
    HikariDataSource open(Path dir, String name) throws SQLException {
        HikariConfig c = new HikariConfig();
        if (this == H2) {
            c.setJdbcUrl("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
            c.setUsername("sa");
            c.setPassword("");
        } else {
            Postgres pg = Postgres.get().orElse(null);
            Assumptions.assumeTrue(pg != null, () -> "PostgreSQL test skipped: " + Postgres.skipReason());
            c.setJdbcUrl(pg.newSchemaUrl());
            c.setUsername(pg.user);
            c.setPassword(pg.password);
        }
        c.setMaximumPoolSize(4);
        c.setConnectionTimeout(3_000);
        c.setValidationTimeout(500);
        c.setInitializationFailTimeout(-1);
        c.setPoolName("test-" + name);
        return new HikariDataSource(c);
    }

    /** The URL of a pool opened here, for a second pool on the same database (a restart). */
    static HikariDataSource reopen(HikariDataSource old) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(old.getJdbcUrl());
        c.setUsername(old.getUsername());
        c.setPassword(old.getPassword());
        c.setMaximumPoolSize(4);
        c.setConnectionTimeout(3_000);
        c.setValidationTimeout(500);
        c.setInitializationFailTimeout(-1);
        return new HikariDataSource(c);
    }

    static long count(javax.sql.DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); var ps = Db.prepare(c, sql, args); var rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
