package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server itself, mid-dispatch and mid-collection: no accepted task and no
 * recorded result is lost, none is recorded twice, and the job completes after a restart.
 */
class ServerCrashIT {

    private static final int TASKS = 20_000;

    @TempDir
    Path temp;

    @Test
    void aServerKilledMidDispatchAndAgainMidCollectionCompletesTheJobWithEveryResultOnce() {
        Path data = temp.resolve("data");
        String jobId;
        try (ServerProcess first = ServerProcess.start(data, 2)) {
            HttpApiClient api = new HttpApiClient(first.url());
            jobId = api.submit("{\"task\": \"compute_cube\", \"range\": \"0.." + (TASKS - 1)
                    + "\", \"chunksize\": 10}").get("id").asText();
            killHard(first);
        }
        long restart = System.nanoTime();
        try (ServerProcess second = ServerProcess.start(data, 2)) {
            HttpApiClient api = new HttpApiClient(second.url());
            int doneAtRestart = api.job(jobId).get("done").asInt();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> api.job(jobId).get("done").asInt() > doneAtRestart);
            System.out.printf("recovery: %d ms from restart to the job making progress again%n",
                    (System.nanoTime() - restart) / 1_000_000);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.job(jobId).get("done").asInt() >= TASKS / 3);
            killHard(second);
        }
        try (ServerProcess third = ServerProcess.start(data, 2)) {
            HttpApiClient api = new HttpApiClient(third.url());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.job(jobId).get("state").asText(), "COMPLETED"::equals);

            assertEquals(TASKS, api.job(jobId).get("done").asInt());
            EveryOutcomeOnce.assertCubes(api, jobId, TASKS);
        }
    }

    /** kill -9 of the server; its workers must notice their pipe closing and exit by themselves. */
    private static void killHard(ServerProcess server) {
        ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), server.survivors(), "orphan workers of the killed server");
    }
}
