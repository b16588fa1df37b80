package io.mqpool.server;

import static org.awaitility.Awaitility.await;
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
    private long fenceBefore;

    @Test
    void whatTasksSharedIsThereAfterAKillAndARestartAndLocksAreFreeWithFencesStillGrowing() {
        Path data = temp.resolve("data");
        try (ServerProcess first = ServerProcess.start(data, 2)) {
            HttpApiClient api = new HttpApiClient(first.url());
            String id = api.submitForId("{\"task\": \"add_square_to_sum\", \"args\": [1, 2, 3, 4], \"chunksize\": 1}");
            String array = api.submitForId("{\"task\": \"square_into_array\", \"args\": [1, 2, 3, 4], \"chunksize\": 1}");
            String remembered = api.submitForId("{\"task\": \"remember_square\", \"args\": [5, 6]}");
            api.awaitState(id, "COMPLETED", Duration.ofSeconds(60));
            api.awaitState(array, "COMPLETED", Duration.ofSeconds(60));
            api.awaitState(remembered, "COMPLETED", Duration.ofSeconds(60));
            // Killed while a task holds the lock.
            api.submitForId("{\"task\": \"hold_lock\", \"args\": [[\"door\", 60000]]}");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var lock = api.get("/api/state/door");
                return lock.status() == 200 && lock.json().get("holders").size() == 1;
            });
            fenceBefore = api.get("/api/state/door").json().get("fence").asLong();
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            assertEquals(List.of(), first.survivors(), "orphan workers of the killed server");
        }
        try (ServerProcess second = ServerProcess.start(data, 2)) {
            HttpApiClient api = new HttpApiClient(second.url());
            assertEquals(30, api.get("/api/state/sum").json().get("value").asLong());
            assertEquals("[0,1,4,9,16,0,0,0,0,0]", api.get("/api/state/squares?kind=array").json().get("values").toString());
            assertEquals("{\"5\":25,\"6\":36}", api.get("/api/state/squares?kind=map").json().get("entries").toString());
            assertEquals("[25,36]", sorted(api.get("/api/state/squares?kind=list").json().get("items").toString()));
            // The restart freed the lock (its holder's session died with the server); the
            // resumed task takes it again, with a larger fence.
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/state/door").json().get("fence").asLong()
                    > fenceBefore);
        }
    }

    /** A JSON array of two numbers, smaller first. */
    private static String sorted(String pair) {
        String[] items = pair.substring(1, pair.length() - 1).split(",");
        return Long.parseLong(items[0]) <= Long.parseLong(items[1]) ? pair : "[" + items[1] + "," + items[0] + "]";
    }
}
