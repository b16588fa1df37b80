package io.mqpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentTaskFileTest {

    @TempDir
    Path dir;

    @Test
    void theLastStartedTaskOfTheCurrentChunkIsReadBack() {
        Path path = dir.resolve("w1.task");
        CurrentTaskFile file = CurrentTaskFile.open(path);
        file.chunkStarting("job-a", 3, 300);
        assertEquals(OptionalLong.of(300), CurrentTaskFile.lastTaskOf(path, "job-a", 3));
        file.taskStarting(301);
        file.taskStarting(302);
        assertEquals(OptionalLong.of(302), CurrentTaskFile.lastTaskOf(path, "job-a", 3));
    }

    @Test
    void anotherChunkOrAMissingFileSaysNothing() {
        Path path = dir.resolve("w1.task");
        CurrentTaskFile file = CurrentTaskFile.open(path);
        file.chunkStarting("job-a", 3, 300);
        assertEquals(OptionalLong.empty(), CurrentTaskFile.lastTaskOf(path, "job-a", 4));
        assertEquals(OptionalLong.empty(), CurrentTaskFile.lastTaskOf(path, "job-b", 3));
        assertEquals(OptionalLong.empty(), CurrentTaskFile.lastTaskOf(dir.resolve("none"), "job-a", 3));
    }

    @Test
    void aWorkerTakingOverTheFileStartsFromItsOwnChunk() {
        Path path = dir.resolve("w1.task");
        CurrentTaskFile.open(path).chunkStarting("job-a", 3, 300);
        CurrentTaskFile successor = CurrentTaskFile.open(path);
        successor.chunkStarting("job-a", 3, 300);
        assertEquals(OptionalLong.of(300), CurrentTaskFile.lastTaskOf(path, "job-a", 3));
    }
}
