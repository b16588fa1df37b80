package io.mqpool.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Real children started through {@code /bin/sh -c}. */
class ChildProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final StopTimeouts SHORT = new StopTimeouts(
            Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(2));

    private final List<String> outLines = new CopyOnWriteArrayList<>();
    private final List<String> errLines = new CopyOnWriteArrayList<>();

    @Test
    void linesOfBothStreamsReachTheirListenersAndTheTailKeepsTheLastOnes() throws Exception {
        try (ChildProcess child = start("for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done",
                3, outLines::add, 0, errLines::add)) {
            assertEquals(0, child.awaitExitCode(WAIT));
            assertEquals(List.of("out1", "out2", "out3", "out4", "out5"), outLines);
            assertEquals(List.of("err1", "err2", "err3", "err4", "err5"), errLines);
            assertEquals(List.of("out3", "out4", "out5"), child.stdout().tail());
            assertEquals(List.of(), child.stderr().tail());
            assertEquals("stdout: [out3\nout4\nout5] stderr: []", child.output());
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheReading() throws Exception {
        Consumer<String> failsOnTwo = line -> {
            if (line.equals("2")) {
                throw new IllegalStateException("cannot take line 2");
            }
            outLines.add(line);
        };
        try (ChildProcess child = start("echo 1; echo 2; echo 3", 10, failsOnTwo, 0, errLines::add)) {
            assertEquals(0, child.awaitExitCode(WAIT));
            assertEquals(List.of("1", "3"), outLines);
            assertEquals(List.of("1", "2", "3"), child.stdout().tail());
        }
    }

    @Test
    void aKeptStdinCarriesLinesToTheChild() throws Exception {
        ChildSpec spec = spec("read line; echo got $line", 10, outLines::add, 0, errLines::add).withStdin();
        try (ChildProcess child = ChildProcess.start(spec)) {
            Writer stdin = child.stdin();
            stdin.write("drain\n");
            stdin.flush();
            assertEquals(0, child.awaitExitCode(WAIT));
            assertEquals(List.of("got drain"), outLines);
        }
    }

    @Test
    void aTreeKillLeavesNoDescendantAlive() throws Exception {
        try (ChildProcess child = start("sleep 60 & sleep 60 & wait", 0, outLines::add, 0, errLines::add)) {
            List<ProcessHandle> sleeps = awaitDescendants(child, 2);
            child.killTree();
            assertTrue(child.awaitExit(WAIT), "the shell still runs");
            await().atMost(WAIT).until(() -> sleeps.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void closeKillsAChildThatIgnoresSigtermAndWhatItStarted() throws Exception {
        ChildProcess child = start("trap '' TERM; sleep 60", 0, outLines::add, 0, errLines::add);
        List<ProcessHandle> sleep = awaitDescendants(child, 1);
        child.close();
        assertFalse(child.isAlive(), "the shell outlived SIGKILL");
        await().atMost(WAIT).until(() -> sleep.stream().noneMatch(ProcessHandle::isAlive));
        child.close();
    }

    @Test
    void aHardKillOfTheProcessAloneReportsTheOrphansThatOutliveItAndKillsThem() throws Exception {
        try (ChildProcess child = start("sleep 60 & wait", 0, outLines::add, 0, errLines::add)) {
            List<ProcessHandle> sleep = awaitDescendants(child, 1);
            List<ProcessHandle> survivors = child.killHard();
            assertEquals(sleep.stream().map(ProcessHandle::pid).toList(),
                    survivors.stream().map(ProcessHandle::pid).toList());
            assertFalse(child.isAlive());
            await().atMost(WAIT).until(() -> sleep.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    private static ChildProcess start(String script, int outKept, Consumer<String> outListener, int errKept,
                                      Consumer<String> errListener) throws Exception {
        return ChildProcess.start(spec(script, outKept, outListener, errKept, errListener));
    }

    private static ChildSpec spec(String script, int outKept, Consumer<String> outListener, int errKept,
                                  Consumer<String> errListener) {
        return ChildSpec.of("shell", List.of("/bin/sh", "-c", script),
                new OutputReading("test-child-stdout", outKept, outListener),
                new OutputReading("test-child-stderr", errKept, errListener)).withTimeouts(SHORT);
    }

    private static List<ProcessHandle> awaitDescendants(ChildProcess child, int count) {
        return await().atMost(WAIT).until(
                () -> ProcessHandle.of(child.pid()).orElseThrow().descendants().toList(),
                descendants -> descendants.size() == count);
    }
}
