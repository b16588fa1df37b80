package io.mqpool.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentTaskFilesTest {

    @TempDir
    Path data;

    @Test
    void aGivenDirectoryIsEmptiedOfWhatAKilledSupervisorLeftBeforeTheFirstWorkerAndRemovedAtTheEnd()
            throws IOException {
        Path dir = data.resolve("current-tasks");
        Files.createDirectories(dir);
        Files.write(dir.resolve("w1.task"), new byte[16]);
        Files.write(dir.resolve("w7.task"), new byte[16]);
        CurrentTaskFiles files = new CurrentTaskFiles(dir);

        Path w1 = files.fileFor("w1");

        assertEquals(dir.resolve("w1.task"), w1);
        assertEquals(List.of(), names(dir), "the files of the supervisor before are gone");
        Files.write(w1, new byte[16]);
        files.deleteAll();
        assertFalse(Files.exists(dir));
        assertEquals(List.of(), names(data));
    }

    @Test
    void withoutAGivenDirectoryItMakesOneInTheTemporaryDirectoryAndRemovesIt() throws IOException {
        CurrentTaskFiles files = new CurrentTaskFiles(null);

        Path w1 = files.fileFor("w1");
        Files.write(w1, new byte[16]);

        assertTrue(w1.getParent().getFileName().toString().startsWith("mqpool-workers-"));
        files.deleteAll();
        assertFalse(Files.exists(w1.getParent()));
        files.deleteAll(); // idempotent
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
