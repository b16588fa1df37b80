package io.mqpool.app.bench;

import io.mqpool.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A full collection of another JVM's heap, through {@code jcmd PID GC.run} from the JDK of this
 * JVM, so that the heap it uses afterwards is what it holds alive. Without it, G1 may not
 * collect a server's old generation for hours, and the heap after its young collections keeps
 * whatever garbage the old generation has gathered.
 */
final class FullGc {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path jcmd;
    private final long pid;

    private FullGc(Path jcmd, long pid) {
        this.jcmd = jcmd;
        this.pid = pid;
    }

    /** The collector of the JVM {@code pid}, or none when this JVM's JDK has no {@code jcmd} (a JRE). */
    static Optional<FullGc> of(JavaCommand java, long pid) {
        Path jcmd = Path.of(java.java()).resolveSibling("jcmd");
        return Files.isExecutable(jcmd) ? Optional.of(new FullGc(jcmd, pid)) : Optional.empty();
    }

    /**
     * Blocks until the full collection is done (at most 30 s).
     *
     * @throws IllegalStateException with jcmd's output if it fails or takes longer
     */
    void run() throws InterruptedException {
        try (ChildProcess child = BenchProcesses.launch("jcmd", List.of(jcmd.toString(), Long.toString(pid),
                "GC.run"), line -> { }, line -> { })) {
            int exit = child.awaitExitCode(TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException("jcmd " + pid + " GC.run exited with " + exit + "; " + child.output());
            }
        }
    }
}
