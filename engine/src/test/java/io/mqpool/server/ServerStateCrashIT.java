package io.mqpool.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shared counter that tasks updated survives kill -9 of the server and a restart on its data directory. */
class ServerStateCrashIT {

    @TempDir
    Path temp;

    @Test
    void aCounterUpdatedByTasksIsThereAfterAKillAndARestart() {
        Path data = temp.resolve("data");
        try (ServerProcess first = ServerProcess.start(data, 2)) {
            HttpApiClient api = new HttpApiClient(first.url());
            String id = api.submitForId("{\"task\": \"add_square_to_sum\", \"args\": [1, 2, 3, 4], \"chunksize\": 1}");
            api.awaitState(id, "COMPLETED", Duration.ofSeconds(60));
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            assertEquals(List.of(), first.survivors(), "orphan workers of the killed server");
        }
        try (ServerProcess second = ServerProcess.start(data, 2)) {
            HttpApiClient api = new HttpApiClient(second.url());
            assertEquals(30, api.get("/api/state/sum").json().get("value").asLong());
        }
    }
}
