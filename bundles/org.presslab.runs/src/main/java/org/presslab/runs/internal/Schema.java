package org.presslab.runs.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the database's schema up to date with the changelog in this bundle (Liquibase 4.33). Liquibase's
 * own lock table keeps two Presslab instances sharing one PostgreSQL from migrating at the same time.
 * Analytics are off; resources are read through this bundle's class loader (in OSGi, Liquibase's services
 * are found through Karaf's spifly).
 */
final class Schema {

    static final String CHANGELOG = "org/presslab/runs/internal/db/changelog.xml";

    private Schema() {
    }

    /** Migrates through {@code c}, which Liquibase closes when it is done: pass a connection of its own. */
    static void migrate(Connection c) throws SQLException {
        ClassLoader loader = Schema.class.getClassLoader();
        Map<String, Object> scope = new HashMap<>();
        scope.put("liquibase.analytics.enabled", false);
        scope.put(Scope.Attr.classLoader.name(), loader);
        try {
            Scope.child(scope, () -> {
                Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                try (Liquibase lb = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(loader), db)) {
                    lb.update("");
                }
            });
        } catch (Exception e) {
            throw new SQLException("schema migration failed: " + e.getMessage(), e);
        }
    }
}
