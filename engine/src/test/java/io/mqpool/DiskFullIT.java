package io.mqpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqpool.engine.store.StoreException;
import io.mqpool.jobs.builtin.ComputeCube;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory whose disk fills up: a job that cannot be stored is refused with the reason,
 * nothing half-stored is left, and the same pool works again once there is room. Needs a small
 * file system of its own: a tmpfs, which only root may mount (skipped elsewhere).
 */
class DiskFullIT {

    @TempDir
    Path temp;

    private Path mount;

    @BeforeEach
    void mountASmallFileSystem() throws Exception {
        mount = temp.resolve("small");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=80m", "tmpfs", mount.toString()) == 0,
                "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", "-l", mount.toString());
    }

    @Test
    void aFullDiskRefusesTheJobWithTheReasonAndThePoolWorksAgainOnceThereIsRoom() throws Exception {
        try (Pool pool = Pool.builder().workers(1).dataDir(mount.resolve("data")).build()) {
            long jobsBefore = pool.engine().jobs().jobCount();
            Path filler = mount.resolve("filler");
            fill(filler);

            StoreException error = assertThrows(StoreException.class,
                    () -> pool.map(ComputeCube.class, List.of(1, 2, 3)));
            assertEquals("No space left on device", error.getMessage().replaceFirst("^cannot store job \\w+: ", ""));

            Files.delete(filler);
            List<Integer> inputs = IntStream.range(0, 2_000).boxed().toList();
            assertEquals(inputs.stream().map(n -> (long) n * n * n).toList(), pool.map(ComputeCube.class, inputs));
            assertEquals(jobsBefore + 1, pool.engine().jobs().jobCount(), "the refused job left nothing behind");
        }
    }

    private static void fill(Path file) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
