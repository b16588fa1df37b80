package io.mqpool.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mqpool.engine.store.PostgresCluster;
import io.mqpool.engine.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code mqpool server} processes on one PostgreSQL store and one standalone broker: the
 * second stands by (no workers) while the first is active; the first is killed with kill -9 in
 * the middle of a job; the second takes over and finishes it with every outcome exactly once.
 */
class TakeOverIT {

    @TempDir
    Path temp;

    @Test
    void aStandbyTakesOverFromAKilledServerAndFinishesItsJobWithEveryOutcomeOnce() throws IOException {
        PostgresCluster postgres = PostgresCluster.shared();
        StoreLocation store = postgres.newDatabase();
        Path password = Files.writeString(temp.resolve("store-password"), postgres.password() + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        int tasks = 3000;
        try (BrokerProcess broker = BrokerProcess.start(temp.resolve("broker"))) {
            Path config = Files.writeString(temp.resolve("server.properties"), "store.url=" + store.url() + "\n"
                    + "store.user=" + postgres.user() + "\nstore.password-file=" + password + "\n"
                    + "broker.url=" + broker.url() + "\n");
            String jobId;
            try (ServerProcess active = ServerProcess.start(temp.resolve("a"), 2, "--config", config.toString());
                 ServerProcess standby = ServerProcess.launch(temp.resolve("b"), 2, "--config", config.toString())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> standby.stdout().contains("standing by: "));
                assertEquals(Set.of(), standby.workerPids(), "a standby starts no workers");

                HttpApiClient api = new HttpApiClient(active.url());
                jobId = api.submit("{\"task\": \"compute_cube\", \"range\": \"0.." + (tasks - 1)
                        + "\", \"chunksize\": 5}").get("id").asText();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> api.job(jobId).get("done").asInt() > 0);
                ProcessHandle.of(active.pid()).ifPresent(ProcessHandle::destroyForcibly);
                long killed = System.nanoTime();
                assertEquals(List.of(), active.survivors(), "orphan workers of the killed server");

                standby.awaitStatusLine();
                System.out.printf("take-over: the standby listened %d ms after the active server was killed%n",
                        (System.nanoTime() - killed) / 1_000_000);
                HttpApiClient taken = new HttpApiClient(standby.url());
                int doneAtTakeOver = taken.job(jobId).get("done").asInt();
                assertTrue(doneAtTakeOver < tasks, "killed mid-job, with " + doneAtTakeOver + " done");
                taken.awaitState(jobId, "COMPLETED", Duration.ofSeconds(120));
                assertEquals(tasks, taken.job(jobId).get("done").asInt());
                EveryOutcomeOnce.assertCubes(taken, jobId, tasks);
                assertEquals(0, standby.stop(), standby.stderr());
            }
        }
    }
}
