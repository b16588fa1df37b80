package io.mqpool.engine.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database's schema up to date with the versioned SQL files under
 * {@code db/migration}, applied by Flyway and recorded in its {@code flyway_schema_history}.
 *
 * <p>Most files sit in {@code db/migration/common}, read by every database. The two that declare
 * long text columns have a copy per vendor ({@code db/migration/h2} says
 * {@code CHARACTER LARGE OBJECT}, {@code db/migration/postgresql} says {@code TEXT}), since no
 * such type is spelled alike by both; a version lives in exactly one of the folders a database
 * reads.
 *
 * <p>An empty database gets the whole current schema from one baseline file instead,
 * {@code B15__current_schema.sql} in each vendor's folder: one transaction where the files from
 * V1 on took fifteen, about a second of every new pool's start on two cores. Flyway ignores it
 * on a database that has any history, so a schema change is still a new V file (V16 on), run
 * after the baseline on new databases and after the other V files on older ones; the baseline
 * need only be brought forward when the V files after it slow a start down again.
 *
 * <p>A database whose schema is newer than the newest file here (written by a newer mqpool) is
 * refused rather than used: this code does not know what the newer files changed.
 *
 * <p>Databases made before Flyway carry the hand-written runner's {@code schema_version} table,
 * one row per applied file. Such a database is baselined once at the highest version recorded
 * there, so Flyway applies only the files after it; the next file drops that table.
 */
final class Schema {

    private static final Logger log = LoggerFactory.getLogger(Schema.class);
    private static final String COMMON_LOCATION = "classpath:db/migration/common";
    private static final String OLD_VERSION_TABLE = "schema_version";
    private static final Pattern OLD_FILE_NAME = Pattern.compile("V(\\d+)__\\w+\\.sql");

    private Schema() {
    }

    /**
     * Applies every migration the database lacks, logging once if it changed an existing
     * schema. Blocks while it runs.
     *
     * @throws StoreException if a migration fails, or the database's record of its schema does
     *     not match the files (a file changed after it was applied, or an unknown version)
     */
    static void bringUpToDate(DataSource dataSource, Dialect dialect) {
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(COMMON_LOCATION, "classpath:db/migration/" + dialect.migrationFolder())
                // Flyway would ignore applied versions it has no file for; checked below instead.
                .ignoreMigrationPatterns(new String[0])
                // Nothing in mqpool ever wants the schema wiped; Flyway's default, made explicit.
                .cleanDisabled(true);
        Optional<Integer> oldVersion = versionRecordedByOldRunner(dataSource);
        oldVersion.ifPresent(version -> flyway
                .baselineOnMigrate(true)
                .baselineVersion(Integer.toString(version))
                .baselineDescription("applied before Flyway, as recorded in " + OLD_VERSION_TABLE));
        MigrateResult result;
        try {
            Flyway loaded = flyway.load();
            refuseNewerSchema(loaded.info());
            result = loaded.migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot bring the database schema up to date", e);
        }
        oldVersion.ifPresent(version -> log.info("took over the database schema at version {} from {}",
                version, OLD_VERSION_TABLE));
        if (result.migrationsExecuted > 0 && result.initialSchemaVersion != null) {
            log.info("applied {} schema file(s), from version {} to {}", result.migrationsExecuted,
                    result.initialSchemaVersion, result.targetSchemaVersion);
        } else if (result.migrationsExecuted > 0) {
            // Every Pool opens a store of its own in a new directory: that is no news to its user.
            log.debug("created the database schema at version {}", result.targetSchemaVersion);
        }
    }

    private static void refuseNewerSchema(MigrationInfoService info) {
        List<MigrationInfo> unknown = Arrays.stream(info.all())
                .filter(migration -> migration.getState() == MigrationState.FUTURE_SUCCESS
                        || migration.getState() == MigrationState.FUTURE_FAILED)
                .toList();
        if (!unknown.isEmpty()) {
            String newest = Arrays.stream(info.all()).filter(migration -> !unknown.contains(migration))
                    .map(migration -> migration.getVersion().toString()).reduce((a, b) -> b).orElse("none");
            throw new StoreException("the database schema is at version " + unknown.get(unknown.size() - 1).getVersion()
                    + ", newer than this mqpool knows (" + newest + "): it was written by a newer mqpool, "
                    + "which is the one to run on it");
        }
    }

    /**
     * The highest version that the runner before Flyway applied, if this database was made by it
     * and has not been taken over by Flyway yet.
     */
    private static Optional<Integer> versionRecordedByOldRunner(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!hasTable(connection, OLD_VERSION_TABLE)) {
                return Optional.empty();
            }
            TreeSet<Integer> versions = new TreeSet<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM " + OLD_VERSION_TABLE)) {
                while (rows.next()) {
                    versions.add(versionOf(rows.getString(1)));
                }
            }
            if (versions.isEmpty() || versions.last() != versions.size()) {
                throw new StoreException(OLD_VERSION_TABLE + " records versions " + versions
                        + ", not every one from 1 to the highest: the schema cannot be taken over");
            }
            return Optional.of(versions.last());
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version recorded before Flyway", e);
        }
    }

    private static int versionOf(String fileName) {
        Matcher matcher = OLD_FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new StoreException(OLD_VERSION_TABLE + " records '" + fileName + "', which is not a schema file name");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static boolean hasTable(Connection connection, String name) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), null,
                new String[] {"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
