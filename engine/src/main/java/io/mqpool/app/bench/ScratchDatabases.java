package io.mqpool.app.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases {@code mqpool bench --store} makes on the PostgreSQL server of its URL: one
 * fresh, empty database per engine, dropped when the engine is done.
 *
 * <p>A fresh database rather than dropping mqpool's tables between engines: the bench then
 * needs to know nothing of the store's schema (which tables, Flyway's history, the lease), a
 * run cannot see a job, a lease or a shared counter of an earlier one however that one ended,
 * and the database the user named is never written to. It takes the right to create databases
 * ({@code CREATEDB}), checked before anything runs.
 *
 * <p>The house style keeps {@code java.sql} in the store package; this class is the exception,
 * on purpose: it never touches the job store, only the server's catalogue, as a client of that
 * server, the way the tests' PostgreSQL fixture does. The engine it measures reaches the store
 * only through {@code Pool.builder().store(...)} and the server's settings.
 */
final class ScratchDatabases {

    /** {@code jdbc:postgresql://HOSTS/DATABASE?PARAMS}: the database is the part replaced. */
    private static final Pattern URL = Pattern.compile("(?i)(jdbc:postgresql://[^/?]+/)([^/?]+)(\\?.*)?");
    private static final int FORCED_DROP_SINCE = 13;

    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final String database;
    private final AtomicInteger made = new AtomicInteger();
    private int majorVersion;

    private ScratchDatabases(String url, Optional<String> user, Optional<String> password, String database) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /**
     * Checks that the server at {@code url} can be reached and lets {@code user} create
     * databases. Blocks for a connection (at most about 5 s for an unreachable server).
     *
     * @throws IllegalArgumentException if the URL names no database
     * @throws IllegalStateException with the driver's reason, or when the user may not create databases
     */
    static ScratchDatabases on(String url, Optional<String> user, Optional<String> password) {
        Matcher parts = URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException("--store must name the server and a database, "
                    + "jdbc:postgresql://HOST:PORT/DATABASE, got '" + url + "'");
        }
        // Names of the bench's own stay within PostgreSQL's 63 characters.
        String database = parts.group(2).length() <= 32 ? parts.group(2) : parts.group(2).substring(0, 32);
        ScratchDatabases databases = new ScratchDatabases(url, user, password, database);
        databases.check();
        return databases;
    }

    /** Such as {@code PostgreSQL 15.18}. */
    String serverName() {
        try (Connection c = connect()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the version of the store " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a fresh database, {@code <database>_bench_<pid>_<n>}, and answers its URL.
     *
     * @throws IllegalStateException with the server's reason
     */
    String create() {
        String name = database + "_bench_" + ProcessHandle.current().pid() + "_" + made.incrementAndGet();
        execute("CREATE DATABASE " + quoted(name), "create database " + name);
        Matcher parts = URL.matcher(url);
        parts.matches();
        return parts.group(1) + name + (parts.group(3) == null ? "" : parts.group(3));
    }

    /**
     * Drops the database of {@code scratchUrl} (made by {@link #create()}), closing what is still
     * connected to it, such as a killed server's sessions.
     *
     * @throws IllegalStateException with the server's reason
     */
    void drop(String scratchUrl) {
        Matcher parts = URL.matcher(scratchUrl);
        if (!parts.matches() || !parts.group(2).startsWith(database + "_bench_")) {
            throw new IllegalArgumentException("not a database of the bench's own: " + scratchUrl);
        }
        String name = parts.group(2);
        execute("DROP DATABASE IF EXISTS " + quoted(name) + (majorVersion >= FORCED_DROP_SINCE ? " WITH (FORCE)" : ""),
                "drop database " + name);
    }

    private void check() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet may = s.executeQuery("SELECT current_user, (SELECT rolcreatedb OR rolsuper FROM pg_roles "
                     + "WHERE rolname = current_user)")) {
            majorVersion = c.getMetaData().getDatabaseMajorVersion();
            may.next();
            if (!may.getBoolean(2)) {
                String who = may.getString(1);
                throw new IllegalStateException(who + " may not create databases, which the bench needs for a fresh "
                        + "store per engine: ALTER ROLE " + who + " CREATEDB, or give a user who may");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the store " + url + ": " + e.getMessage(), e);
        }
    }

    private void execute(String sql, String what) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + " on " + url + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("ApplicationName", "mqpool bench");
        return DriverManager.getConnection(url, properties);
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
