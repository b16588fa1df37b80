package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.testtasks.OnePoolProgram;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A program ends when its main returns after closing its pool, not a minute later. */
class PoolProgramExitIT {

    @Test
    void aProgramThatClosedItsPoolExitsRightAfterMain() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process program = new ProcessBuilder(java, "-cp", ManagementFactory.getRuntimeMXBean().getClassPath(),
                OnePoolProgram.class.getName()).redirectErrorStream(true).start();
        try {
            // Artemis' in-VM connector threads linger for 60 s unless the last broker shuts them down.
            boolean exited = program.waitFor(30, TimeUnit.SECONDS);
            String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(exited, "the program was still running 30 s after it started: " + output);
            assertEquals(0, program.exitValue(), output);
            assertTrue(output.contains("square 49"), output);
        } finally {
            program.destroyForcibly();
        }
    }
}
