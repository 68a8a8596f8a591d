package org.presslab.runs.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A database the test can stop and start again, behind one pool that outlives the stops (as the DataSource service does). */
interface StoppableDb extends AutoCloseable {

    HikariDataSource ds();

    void stop() throws Exception;

    void start() throws Exception;

    @Override
    void close();

    /**
     * An embedded H2 file database in {@code dir}. Stopping it closes the database (SHUTDOWN) and moves its file away, so
     * it cannot be opened again (IFEXISTS=TRUE) until the file comes back: the database is down as far as a store can tell.
     */
    static StoppableDb h2(Path dir) throws Exception {
        Path file = dir.resolve("runs.mv.db");
        Path away = dir.resolve("runs.mv.db.away");
        String url = "jdbc:h2:file:" + dir.resolve("runs").toAbsolutePath();
        DriverManager.getConnection(url, "sa", "").close(); // create it
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url + ";IFEXISTS=TRUE");
        c.setUsername("sa");
        c.setPassword("");
        c.setConnectionTimeout(5_000);
        c.setValidationTimeout(500);
        c.setInitializationFailTimeout(-1);
        c.setMaximumPoolSize(4);
        return of(new HikariDataSource(c), () -> {
            try (Connection con = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "");
                    Statement st = con.createStatement()) {
                st.execute("SHUTDOWN");
            }
            Files.move(file, away);
        }, () -> Files.move(away, file));
    }

    /** An action that stops or starts the database. */
    interface Action {
        void run() throws Exception;
    }

    /** The database behind {@code ds}, stopped and started by the two actions; closing closes the pool. */
    static StoppableDb of(HikariDataSource ds, Action stop, Action start) {
        return new StoppableDb() {
            @Override
            public HikariDataSource ds() {
                return ds;
            }

            @Override
            public void stop() throws Exception {
                stop.run();
            }

            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void close() {
                ds.close();
            }
        };
    }
}
