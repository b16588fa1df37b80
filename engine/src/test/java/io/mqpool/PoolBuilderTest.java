package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad builder arguments are refused at once, naming the argument; nothing is started. */
class PoolBuilderTest {

    @Test
    void nullArgumentsAreRefusedWithAnIllegalArgumentExceptionNamingTheArgument() {
        assertRefused("initializer must not be null", () -> Pool.builder().initializer(null, "x"));
        assertRefused("dataDir must not be null", () -> Pool.builder().dataDir(null));
        assertRefused("tasksDir must not be null", () -> Pool.builder().tasksDir(null));
        assertRefused("workerJava must not be null", () -> Pool.builder().workerJava(null));
        assertRefused("workerJvmOptions must not be null", () -> Pool.builder().workerJvmOptions(null));
        assertRefused("defaults must not be null", () -> Pool.builder().defaults(null));
    }

    @Test
    void aWorkerJvmOptionThatIsNullBlankOrHoldsWhitespaceIsRefusedNamingItsPlace() {
        assertRefused("workerJvmOptions element 1 must be one option without whitespace, got null",
                () -> Pool.builder().workerJvmOptions(Arrays.asList("-Xmx64m", null)));
        assertRefused("workerJvmOptions element 0 must be one option without whitespace, got ' '",
                () -> Pool.builder().workerJvmOptions(List.of(" ")));
        assertRefused("workerJvmOptions element 0 must be one option without whitespace, got '-Xmx64m -Xss1m'",
                () -> Pool.builder().workerJvmOptions(List.of("-Xmx64m -Xss1m")));
    }

    @Test
    void aPoolOfThreadsNeedsAtLeastOneThread() {
        assertRefused("threads must be at least 1, got 0", () -> Pool.builder().threads(0));
        assertRefused("threads must be at least 1, got -2", () -> Pool.threads(-2));
    }

    @Test
    void aPoolOfThreadsRefusesTheSettingsOfWorkerProcessesNamingThem() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Pool.builder().threads(2)
                .dataDir(Path.of("/tmp/x")).workerJvmOptions(List.of("-Xmx64m")).build());
        assertEquals("dataDir, workerJvmOptions set for a pool of threads (threads(2)): only worker processes use them",
                error.getMessage());
    }

    @Test
    void aStoreUrlOfAnotherKindOrAMissingSignInIsRefusedNamingWhatIsAllowed() {
        assertRefused("store url must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) or H2 "
                + "(jdbc:h2:file:PATH), got 'jdbc:mysql://db/x'", () -> Pool.builder().store("jdbc:mysql://db/x"));
        assertRefused("store url must not be null", () -> Pool.builder().store(null));
        assertRefused("store user must not be blank",
                () -> Pool.builder().store("jdbc:postgresql://db/x", " ", Path.of("/tmp/password")));
        assertRefused("store passwordFile must not be null",
                () -> Pool.builder().store("jdbc:postgresql://db/x", "mqpool", null));
    }

    @Test
    void aPoolOfThreadsRefusesAStore() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Pool.builder().threads(2).store("jdbc:postgresql://db/x").build());
        assertEquals("store set for a pool of threads (threads(2)): only worker processes use it", error.getMessage());
    }

    private static void assertRefused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
