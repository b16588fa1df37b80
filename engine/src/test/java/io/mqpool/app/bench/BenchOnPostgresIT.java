package io.mqpool.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.Pool;
import io.mqpool.engine.store.PostgresCluster;
import io.mqpool.engine.store.StoreLocation;
import io.mqpool.jobs.builtin.Square;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mqpool bench --store} on the test run's PostgreSQL: each engine keeps its jobs in a
 * fresh database of that server, dropped after it, and the recovery workload measures a
 * standby's take-over. Skipped, with one line, without PostgreSQL.
 */
class BenchOnPostgresIT {

    @TempDir
    Path temp;

    private PostgresCluster postgres;
    private StoreLocation given;
    private BenchStore store;

    @BeforeEach
    void aStoreOnTheTestRunsPostgres() throws IOException {
        postgres = PostgresCluster.shared();
        given = postgres.newDatabase();
        Path password = Files.writeString(temp.resolve("store-password"), postgres.password() + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        store = BenchStore.postgresql(given.url(), Optional.of(postgres.user()), Optional.of(password));
    }

    @Test
    void aBenchEnginesJobsGoToAFreshDatabaseOfTheGivenServerWhichIsDroppedAfterIt() throws SQLException {
        String scratchUrl;
        try (ScratchStore scratch = store.fresh()) {
            scratchUrl = scratch.settings().url().orElseThrow();
            assertTrue(scratchUrl.startsWith(given.url() + "_bench_"), scratchUrl);
            try (Pool pool = scratch.pool(1)) {
                assertEquals(List.of(0L, 1L, 4L, 9L), pool.map(Square.class, LongStream.range(0, 4).boxed().toList()));
            }
            assertEquals(1, count(scratchUrl, "SELECT count(*) FROM job WHERE state = 'COMPLETED'"));
        }
        String name = scratchUrl.substring(scratchUrl.lastIndexOf('/') + 1);
        assertEquals(0, count(given.url(), "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"),
                "the engine's database is dropped after it");
        assertEquals(0, count(given.url(), "SELECT count(*) FROM information_schema.tables WHERE table_name = 'job'"),
                "the database given is never written to");
    }

    @Test
    void theBenchOnTheStoreNamesItAndMeasuresATakeOverWithEveryResultOnce() throws Exception {
        BenchSizes sizes = BenchSizes.tiny().withRuns(1);
        List<BenchRow> measured = new Bench(sizes, store, what -> System.out.println("bench: " + what))
                .run(List.of("trivial", "recovery"), false);
        Map<String, Measurement> rows = measured.stream().map(BenchRow::mqpool)
                .collect(Collectors.toMap(Measurement::row, Function.identity()));
        assertEquals(List.of("trivial.default", "trivial.chunksize1", "recovery.takeover", "recovery.lost",
                "recovery.duplicated"), measured.stream().map(row -> row.mqpool().row()).toList());
        assertTrue(rows.get("trivial.default").min() > 0, rows.toString());
        assertTrue(rows.get("recovery.takeover").min() > 0, rows.toString());
        assertEquals(0.0, rows.get("recovery.lost").max(), rows.toString());
        assertEquals(0.0, rows.get("recovery.duplicated").max(), rows.toString());

        BenchReport report = BenchReport.of(store, measured);
        assertTrue(report.store().matches("PostgreSQL \\d+.* at " + given.url()), report.store());
        assertEquals(0, count(given.url(), "SELECT count(*) FROM pg_database WHERE datname LIKE '"
                + given.url().substring(given.url().lastIndexOf('/') + 1) + "\\_bench\\_%'"),
                "every engine's database is dropped after it");
    }

    @Test
    void aUserWhoMayNotCreateDatabasesIsRefusedNamingTheRightNeeded() throws SQLException, IOException {
        // Roles belong to the whole cluster, which the test run's other tests share.
        String role = "no_createdb_" + given.url().substring(given.url().lastIndexOf('/') + 1);
        execute(given.url(), "CREATE ROLE " + role + " LOGIN PASSWORD 'pw'");
        Path password = Files.writeString(temp.resolve("other-password"), "pw\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> BenchStore.postgresql(given.url(), Optional.of(role), Optional.of(password)));
        assertEquals(role + " may not create databases, which the bench needs for a fresh store per engine: "
                + "ALTER ROLE " + role + " CREATEDB, or give a user who may", refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    private long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
