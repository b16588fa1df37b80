package io.mqpool.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Makes a data directory's database the way mqpool did before Flyway: the hand-written runner
 * created {@code schema_version}, ran the schema files in order in one transaction and recorded
 * each file's name there. The files are the ones Flyway now applies, unchanged.
 */
final class DatabaseMadeBeforeFlyway {

    /** The runner's list, in its order. */
    static final List<String> FILES = List.of("V1__jobs_and_chunks.sql", "V2__task_attempts.sql",
            "V3__retry_timeouts.sql", "V4__max_in_flight.sql", "V5__retry_of.sql", "V6__chunk_times.sql");

    private DatabaseMadeBeforeFlyway() {
    }

    /** Creates {@code mqpool} in {@code dir} with the first {@code files} schema files applied. */
    static void create(Path dir, int files) throws SQLException {
        try (Connection c = connect(dir); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "name VARCHAR(200) PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (String file : FILES.subList(0, files)) {
                s.execute(schemaFile(file));
                s.execute("INSERT INTO schema_version VALUES ('" + file + "', CURRENT_TIMESTAMP)");
            }
            c.commit();
        }
    }

    /** A plain connection to the database in {@code dir}, outside the store, to arrange or inspect rows. */
    static Connection connect(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("mqpool").toAbsolutePath(), "sa", "");
    }

    private static String schemaFile(String name) {
        InputStream found = DatabaseMadeBeforeFlyway.class.getResourceAsStream("/db/migration/h2/" + name);
        if (found == null) {
            found = DatabaseMadeBeforeFlyway.class.getResourceAsStream("/db/migration/common/" + name);
        }
        try (InputStream in = found) {
            if (in == null) {
                throw new IllegalStateException("schema file " + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
