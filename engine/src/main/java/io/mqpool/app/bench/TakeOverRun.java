package io.mqpool.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One take-over run of the recovery workload on a shared store: a standalone broker, two
 * servers over one fresh PostgreSQL database, the second standing by; kill -9 of the active one
 * mid-job; seconds from the kill until the standby's API shows the job moving, and the results
 * lost or recorded twice once it completed. The processes are started as {@code TakeOverIT}
 * starts them; each server has a data directory of its own.
 */
final class TakeOverRun {

    private static final String TASK = "compute_cube";
    private static final int CHUNKSIZE = 10;
    private static final Duration FIRST_PROGRESS_TIMEOUT = Duration.ofSeconds(60);
    /** The lease lasts 5 s, and the standby then starts an engine: a minute is more than enough. */
    private static final Duration TAKE_OVER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(10);

    private TakeOverRun() {
    }

    /** A run in a fresh temporary directory and database, both removed afterwards unless the run failed. */
    static RecoveryWorkload.Recovery once(JavaCommand java, List<String> jvmOptions, BenchSizes sizes,
                                          BenchStore store, Workload.Progress progress)
            throws IOException, InterruptedException {
        Path temp = Files.createTempDirectory("mqpool-bench-takeover-");
        RecoveryWorkload.Recovery recovery;
        try (ScratchStore scratch = store.fresh();
             BenchBroker broker = BenchBroker.start(java, jvmOptions, temp.resolve("broker"))) {
            List<String> settings = new ArrayList<>(scratch.settingsLines());
            settings.add("broker.url=" + broker.url());
            settings.add("broker.credentials-file=" + broker.engineCredentials());
            Path config = Files.write(temp.resolve("server.properties"), settings);
            recovery = killAndTakeOver(java, jvmOptions, sizes, temp, config.toString(), progress);
        } catch (RuntimeException e) {
            // The servers' logs are in their data directories: they explain the failure.
            throw new IllegalStateException("take-over run failed; the servers' data directories and their mqpool.log "
                    + "are kept in " + temp + ": " + e.getMessage(), e);
        }
        RecoveryWorkload.deleteTree(temp);
        return recovery;
    }

    private static RecoveryWorkload.Recovery killAndTakeOver(JavaCommand java, List<String> jvmOptions,
                                                             BenchSizes sizes, Path temp, String config,
                                                             Workload.Progress progress)
            throws InterruptedException {
        int tasks = sizes.recoveryTasks();
        try (BenchServer active = BenchServer.start(java, jvmOptions, temp.resolve("a"), sizes.workers(),
                "--config", config);
             BenchServer standby = BenchServer.launch(java, jvmOptions, temp.resolve("b"), sizes.workers(),
                     "--config", config)) {
            standby.awaitStandingBy();
            JobPolling api = new JobPolling(active.url());
            String jobId = api.submit(TASK, 0, tasks - 1, CHUNKSIZE);
            JobPolling.JobStatus status = api.awaitJob(jobId, s -> s.done() > 0 || s.finished(),
                    FIRST_PROGRESS_TIMEOUT, "make progress");
            if (status.finished() || status.done() >= tasks) {
                throw new IllegalStateException("job " + jobId + " of " + tasks + " tasks was " + status.state()
                        + " before the server could be killed: give the recovery workload more tasks");
            }
            progress.note("kill -9 of the active server with " + status.done() + " of " + tasks + " tasks done");
            Timer sinceKill = Timer.start();
            // The killed server's workers are waited for meanwhile, not within the figure.
            CompletableFuture<Void> killed = killInTheBackground(active);
            standby.awaitListening(TAKE_OVER_TIMEOUT);
            double listenedSeconds = sinceKill.seconds();
            JobPolling taken = new JobPolling(standby.url());
            // Counted from the standby's first answer, as results recorded just before the kill
            // would otherwise pass for progress.
            long doneAtTakeOver = taken.job(jobId).done();
            taken.awaitJob(jobId, s -> s.done() > doneAtTakeOver || s.finished(), TAKE_OVER_TIMEOUT, "move again");
            double takeOverSeconds = sinceKill.seconds();
            progress.note(String.format(Locale.ROOT, "the standby listened %.2f s after the kill with %d tasks done; "
                    + "the job moved again after %.2f s; waiting for it to finish", listenedSeconds, doneAtTakeOver,
                    takeOverSeconds));
            awaitKilled(killed);
            JobPolling.JobStatus end = taken.awaitJob(jobId, JobPolling.JobStatus::finished, COMPLETION_TIMEOUT,
                    "finish");
            if (!end.state().equals("COMPLETED")) {
                progress.note("job " + jobId + " ended " + end.state() + ": its missing results count as lost");
            }
            ResultTally tally = RecoveryWorkload.tally(taken, jobId, tasks);
            return new RecoveryWorkload.Recovery(takeOverSeconds, tally.lost(), tally.duplicated());
        }
    }

    private static CompletableFuture<Void> killInTheBackground(BenchServer server) {
        CompletableFuture<Void> killed = new CompletableFuture<>();
        Thread killer = new Thread(() -> {
            try {
                server.killHard();
                killed.complete(null);
            } catch (InterruptedException e) {
                killed.completeExceptionally(e);
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                killed.completeExceptionally(e);
            }
        }, "mqpool-bench-kill-active-server");
        killer.setDaemon(true);
        killer.start();
        return killed;
    }

    /** @throws IllegalStateException if a worker of the killed server outlived it */
    private static void awaitKilled(CompletableFuture<Void> killed) throws InterruptedException {
        try {
            killed.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("cannot kill the active server", e.getCause());
        }
    }
}
