package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.ProgramEndWatch.ThreadView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the program has ended: main returned and nothing but brokers keeps the JVM alive. */
class ProgramEndWatchTest {

    private static final ThreadView LAUNCHER = new ThreadView(ProgramEndWatch.LAUNCHER_THREAD, false);
    private static final ThreadView BROKER = new ThreadView("Thread-3 (activemq-scheduled-mqpool-broker-4711)", false);
    private static final ThreadView DAEMON = new ThreadView("mqpool-callbacks", true);

    @Test
    void theProgramHasEndedOnceMainReturnedAndOnlyBrokerThreadsAreNotDaemons() {
        assertTrue(ProgramEndWatch.programHasEnded(List.of(LAUNCHER, BROKER, DAEMON)));
        assertTrue(ProgramEndWatch.programHasEnded(List.of(LAUNCHER)));
    }

    @Test
    void theProgramRunsWhileMainRuns() {
        assertFalse(ProgramEndWatch.programHasEnded(List.of(new ThreadView("main", false), BROKER, DAEMON)));
        assertFalse(ProgramEndWatch.programHasEnded(List.of(BROKER, DAEMON)));
    }

    @Test
    void theProgramRunsWhileAThreadOfItsOwnRunsAfterMain() {
        assertFalse(ProgramEndWatch.programHasEnded(List.of(LAUNCHER, BROKER, new ThreadView("pool-1-thread-1", false))));
    }

    @Test
    void daemonThreadsOfTheProgramDoNotKeepItRunning() {
        assertTrue(ProgramEndWatch.programHasEnded(List.of(LAUNCHER, BROKER, new ThreadView("pool-1-thread-1", true))));
    }
}
