package io.mqpool.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line without a server: parsing, usage errors, help and the request a submit sends. */
class CommandLineTest {

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "mqpool {0} --help shows an example")
    @ValueSource(strings = {"submit", "status", "jobs", "results", "cancel", "workers", "dead-letters", "tasks", "worker"})
    void everyClientCommandHasHelpWithAnExample(String command) {
        Run run = run(command, "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Example:\n  mqpool " + command), run.out());
        assertTrue(command.equals("worker") || run.out().contains("--server=URL"), run.out());
    }

    @Test
    void theBrokerAndTheServerSayHowToUseABrokerOfItsOwn() {
        Run broker = run("broker", "--help");
        assertEquals(0, broker.exitCode());
        assertTrue(broker.out().contains("Example:\n  mqpool broker --port 61616"), broker.out());
        assertTrue(broker.out().contains("engine-credentials.properties"), broker.out());
        Run server = run("server", "--help");
        assertTrue(server.out().contains("--broker=URL") && server.out().contains("--broker-credentials=FILE"),
                server.out());
    }

    @Test
    void benchRefusesAStoreThatIsNotAJdbcUrlInOneLineExit2BeforeAnythingRuns() {
        Run run = run("bench", "trivial", "--no-python", "--store", "postgres://db/bench");
        assertEquals(2, run.exitCode());
        assertEquals("mqpool: --store must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) or H2 "
                + "(jdbc:h2:file:PATH), got 'postgres://db/bench'\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void benchRefusesAnH2StoreAndStoreSignInWithoutAStore() {
        Run h2 = run("bench", "trivial", "--no-python", "--store", "jdbc:h2:file:/tmp/bench");
        assertEquals(2, h2.exitCode());
        assertEquals(1, h2.err().lines().count(), h2.err());
        assertTrue(h2.err().startsWith("mqpool: --store takes a PostgreSQL URL"), h2.err());
        Run user = run("bench", "trivial", "--no-python", "--store-user", "bench");
        assertEquals(2, user.exitCode());
        assertEquals("mqpool: --store-user and --store-password-file need --store, the PostgreSQL server they "
                + "sign in to\n", user.err());
    }

    @Test
    void benchNamesTheSoakAmongItsWorkloadsWhenOneIsUnknown() {
        Run run = run("bench", "nope", "--no-python");
        assertEquals(2, run.exitCode());
        assertEquals("mqpool: unknown workload 'nope'; workloads: trivial, latency, cpu, sleep, startup, demo, memory, "
                + "recovery, state, fairness, soak\n", run.err());
    }

    @Test
    void benchRefusesADurationTooShortForTheSoakOrNotADurationOrWithoutTheSoakInOneLineExit2() {
        Run tooShort = run("bench", "soak", "--duration", "5m", "--no-python");
        assertEquals(2, tooShort.exitCode());
        assertEquals("mqpool: --duration: a soak lasts at least 6m: its retention of 3m, then a first and a last "
                + "window apart; got 5m\n", tooShort.err());
        Run notADuration = run("bench", "soak", "--duration", "soon", "--no-python");
        assertEquals(2, notADuration.exitCode());
        assertEquals("mqpool: --duration: 'soon' is not a duration; use e.g. 500ms, 30s, 5m\n", notADuration.err());
        Run withoutSoak = run("bench", "trivial", "--duration", "10m", "--no-python");
        assertEquals(2, withoutSoak.exitCode());
        assertEquals("mqpool: --duration is the soak workload's, which runs only when named: mqpool bench soak "
                + "--duration 10m\n", withoutSoak.err());
        assertEquals("", withoutSoak.out());
    }

    @Test
    void benchHelpShowsTheStoreOptions() {
        Run run = run("bench", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--store=URL") && run.out().contains("--store-user=USER")
                && run.out().contains("--store-password-file=FILE"), run.out());
    }

    @Test
    void workersScaleHasHelpWithAnExample() {
        assertTrue(run("workers", "scale", "--help").out().contains("Example:\n  mqpool workers scale 2"));
    }

    @Test
    void anUnknownFlagIsOneLineAndAHintExit2() {
        Run run = run("submit", "compute_cube", "--bogus");
        assertEquals(2, run.exitCode());
        assertEquals("mqpool: Unknown option: '--bogus'\nTry 'mqpool submit --help' for more information.\n",
                run.err());
    }

    @Test
    void aMissingArgumentIsOneLineAndAHintExit2() {
        Run run = run("status", "--server");
        assertEquals(2, run.exitCode());
        assertEquals(2, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("mqpool: Missing required parameter for option '--server'"), run.err());
    }

    @Test
    void aNumberThatIsNotOneIsAUsageError() {
        Run run = run("submit", "compute_cube", "1", "--chunksize", "many");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("mqpool: Invalid value for option '--chunksize': 'many' is not an int"),
                run.err());
    }

    @Test
    void jobsDeleteNeedsAnIdAndTakesTheServerOfJobsToo() {
        Run none = run("jobs", "delete");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("mqpool: Missing required parameter: 'ID'"), none.err());
        Run help = run("jobs", "delete", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Example:\n  mqpool jobs delete 7f3c2a"), help.out());
        Run unreachable = run("jobs", "--server", "http://127.0.0.1:1", "delete", "7f3c2a");
        assertEquals(3, unreachable.exitCode());
        assertEquals("mqpool: cannot reach the server at http://127.0.0.1:1: connection refused\n", unreachable.err());
    }

    @Test
    void aServerThatIsNotAnHttpUrlIsBadInput() {
        Run run = run("jobs", "--server", "localhost:8080");
        assertEquals(2, run.exitCode());
        assertEquals("mqpool: setting server must be an http(s) URL such as http://127.0.0.1:8080, "
                + "got 'localhost:8080' (from flag)\n", run.err());
    }

    @Test
    void anUnreachableServerExits3NamingTheUrl() {
        Run run = run("tasks", "--server", "http://127.0.0.1:1");
        assertEquals(3, run.exitCode());
        assertEquals("mqpool: cannot reach the server at http://127.0.0.1:1: connection refused\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void badInputIsRefusedBeforeTheServerIsAsked() {
        // Port 1 refuses connections: exit 2 rather than 3 shows the client checked first.
        Run run = run("submit", "compute_cube", "--range", "1..5", "--timeout", "soon", "--server",
                "http://127.0.0.1:1");
        assertEquals(2, run.exitCode());
        assertEquals("mqpool: --timeout: 'soon' is not a duration; use e.g. 500ms, 30s, 5m\n", run.err());
        assertEquals("mqpool: no arguments: give ARG..., --range A..B or --input FILE, one of them\n",
                run("submit", "compute_cube", "--server", "http://127.0.0.1:1").err());
        assertEquals("mqpool: arguments from more than one place: give ARG..., --range A..B or --input FILE, "
                + "one of them\n", run("submit", "compute_cube", "3", "--range", "1..2", "--server",
                "http://127.0.0.1:1").err());
    }

    @Test
    void submitSendsMapWithTheArgumentsAsJson() {
        SubmitCommand submit = parse("compute_cube", "3", "hello", "[1,2]", "--chunksize", "4",
                "--task-timeout", "30000ms", "--timeout", "300", "--retries", "1");
        ObjectNode body = submit.body();
        assertEquals("{\"task\":\"compute_cube\",\"mode\":\"map\",\"args\":[3,\"hello\",[1,2]],\"chunksize\":4,"
                + "\"taskTimeout\":\"30s\",\"timeout\":\"5m\",\"retries\":1}", body.toString());
    }

    @Test
    void retryTimeoutsIsSentOnlyWhenAsked() {
        assertEquals(true, parse("compute_cube", "3", "--task-timeout", "1s", "--retry-timeouts").body()
                .get("retryTimeouts").booleanValue());
        assertFalse(parse("compute_cube", "3").body().has("retryTimeouts"));
    }

    @Test
    void maxInFlightIsSentOnlyWhenGiven() {
        assertEquals(4, parse("compute_cube", "3", "--max-in-flight", "4").body().get("maxInFlight").intValue());
        assertFalse(parse("compute_cube", "3").body().has("maxInFlight"));
    }

    @Test
    void starSendsStarmapAndUnorderedSendsImapUnordered() {
        assertEquals("{\"task\":\"compute_power\",\"mode\":\"starmap\",\"args\":[[2,3],[3,4]]}",
                parse("compute_power", "--star", "[2,3]", "[3,4]").body().toString());
        assertEquals("{\"task\":\"compute_cube\",\"mode\":\"imap_unordered\",\"range\":\"1..20\"}",
                parse("compute_cube", "--unordered", "--range", "1..20").body().toString());
    }

    @Test
    void aNegativeNumberIsAnArgumentNotAFlag() {
        assertEquals("[-3,-2.5]", parse("compute_cube", "-3", "-2.5").body().get("args").toString());
    }

    @Test
    void theWorkerSupervisesOneWorkerPerCoreUnderAGeneratedHostId() {
        WorkerCommand worker = new WorkerCommand();
        new CommandLine(worker).parseArgs("--broker", "10.0.0.5:61616", "--tasks-dir", "tasks",
                "--credentials-file", "w.properties");
        var options = worker.options(Optional.empty());
        assertEquals("tcp://10.0.0.5:61616", options.brokerUrl());
        assertTrue(options.hostId().endsWith("-" + ProcessHandle.current().pid()), options.hostId());
        assertEquals(Runtime.getRuntime().availableProcessors(), options.workers());
        assertEquals(Path.of("tasks").toAbsolutePath(), options.tasksDir());
        assertEquals(Path.of("w.properties").toAbsolutePath(), options.credentialsFile());
        new CommandLine(worker).parseArgs("--broker", "tcp://h:1", "--workers", "3", "--id", "hostb");
        assertEquals(3, worker.options(Optional.empty()).workers());
        assertEquals("hostb", worker.options(Optional.empty()).hostId());
    }

    private static SubmitCommand parse(String... args) {
        SubmitCommand submit = new SubmitCommand();
        new CommandLine(submit).parseArgs(args);
        return submit;
    }
}
