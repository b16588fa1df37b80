package io.mqpool.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * kill -9 of {@code mqpool server} mid-job, then a restart on the same data directory: how long
 * the job takes to move again, and how many results end up lost or twice. The server runs as a
 * real child process, driven over its HTTP API as a user's client would.
 *
 * <p>On a shared store ({@code bench --store} on PostgreSQL) a restart is not what a user would
 * wait for: a second server stands by, and the figure is its take-over ({@link TakeOverRun}).
 */
final class RecoveryWorkload implements Workload {

    private static final String TASK = "compute_cube";
    private static final int CHUNKSIZE = 10;
    private static final Duration FIRST_PROGRESS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(10);

    /** One run's figures. */
    record Recovery(double resumeSeconds, long lost, long duplicated) {
    }

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress)
            throws IOException, InterruptedException {
        JavaCommand java = JavaCommand.ofThisJvm();
        // Servers start as the launcher starts them, from the jar's class archive.
        List<String> jvmOptions = ServerClassArchive.of(java).map(archive -> prepared(archive, java, sizes, progress))
                .orElse(List.of());
        List<Double> resume = new ArrayList<>();
        List<Double> lost = new ArrayList<>();
        List<Double> duplicated = new ArrayList<>();
        for (int run = 1; run <= sizes.runs(); run++) {
            Recovery recovery;
            if (store.isShared()) {
                progress.note("run " + run + ": kill -9 of the active server of two mid-job of " + sizes.recoveryTasks()
                        + " tasks, then the standby's take-over");
                recovery = TakeOverRun.once(java, jvmOptions, sizes, store, progress);
            } else {
                progress.note("run " + run + ": kill -9 of the server mid-job of " + sizes.recoveryTasks()
                        + " tasks, then a restart");
                recovery = once(java, jvmOptions, sizes, progress);
            }
            resume.add(recovery.resumeSeconds());
            lost.add((double) recovery.lost());
            duplicated.add((double) recovery.duplicated());
        }
        return List.of(store.isShared()
                ? new Measurement("recovery.takeover", "kill -9 until the standby's API shows the job moving", "s",
                        false, resume)
                : new Measurement("recovery.resume", "restart until the API shows the job moving", "s", false, resume),
                new Measurement("recovery.lost", "results lost to a kill -9", "count", false, lost),
                new Measurement("recovery.duplicated", "results recorded twice", "count", false, duplicated));
    }

    /** Options that use {@code archive}, recording it first (a server started and stopped) if it is missing or old. */
    private static List<String> prepared(ServerClassArchive archive, JavaCommand java, BenchSizes sizes,
                                         Progress progress) {
        if (!archive.upToDate()) {
            progress.note("recording the server's class archive " + archive.file());
            try {
                Path temp = Files.createTempDirectory("mqpool-bench-archive-");
                try (BenchServer server = BenchServer.start(java, archive.recordOptions(), temp.resolve("data"),
                        sizes.workers())) {
                    server.url();
                } finally {
                    deleteTree(temp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return archive.upToDate() ? archive.useOptions() : List.of();
    }

    /** A run on a fresh data directory, removed afterwards unless the run failed. */
    private static Recovery once(JavaCommand java, List<String> jvmOptions, BenchSizes sizes, Progress progress)
            throws IOException, InterruptedException {
        Path temp = Files.createTempDirectory("mqpool-bench-recovery-");
        Path data = temp.resolve("data");
        Recovery recovery;
        try {
            String jobId = submitAndKill(java, jvmOptions, data, sizes, progress);
            recovery = restartAndTally(java, jvmOptions, data, sizes, jobId, progress);
        } catch (RuntimeException e) {
            // The server's log is in the data directory: it is what explains the failure.
            throw new IllegalStateException("recovery run failed; the data directory and its mqpool.log are kept in "
                    + data + ": " + e.getMessage(), e);
        }
        deleteTree(temp);
        return recovery;
    }

    private static String submitAndKill(JavaCommand java, List<String> jvmOptions, Path data, BenchSizes sizes, Progress progress)
            throws InterruptedException {
        int tasks = sizes.recoveryTasks();
        try (BenchServer server = BenchServer.start(java, jvmOptions, data, sizes.workers())) {
            JobPolling api = new JobPolling(server.url());
            String jobId = api.submit(TASK, 0, tasks - 1, CHUNKSIZE);
            JobPolling.JobStatus status = api.awaitJob(jobId, s -> s.done() > 0 || s.finished(),
                    FIRST_PROGRESS_TIMEOUT, "make progress");
            if (status.finished() || status.done() >= tasks) {
                throw new IllegalStateException("job " + jobId + " of " + tasks + " tasks was " + status.state()
                        + " before the server could be killed: give the recovery workload more tasks");
            }
            progress.note("kill -9 of the server with " + status.done() + " of " + tasks + " tasks done");
            server.killHard();
            return jobId;
        }
    }

    private static Recovery restartAndTally(JavaCommand java, List<String> jvmOptions, Path data, BenchSizes sizes, String jobId,
                                            Progress progress) throws InterruptedException {
        Timer restart = Timer.start();
        try (BenchServer server = BenchServer.start(java, jvmOptions, data, sizes.workers())) {
            JobPolling api = new JobPolling(server.url());
            // Counted from the new server's first answer, as results recorded just before the kill
            // would otherwise pass for progress; the figure is thus at least the server's start-up.
            long doneAtRestart = api.job(jobId).done();
            double answeredSeconds = restart.seconds();
            api.awaitJob(jobId, s -> s.done() > doneAtRestart || s.finished(), RESUME_TIMEOUT, "resume");
            double resumeSeconds = restart.seconds();
            progress.note(String.format(Locale.ROOT, "the restarted server answered after %.2f s with %d tasks done; "
                    + "the job moved again after %.2f s; waiting for it to finish", answeredSeconds, doneAtRestart,
                    resumeSeconds));
            JobPolling.JobStatus end = api.awaitJob(jobId, JobPolling.JobStatus::finished, COMPLETION_TIMEOUT, "finish");
            if (!end.state().equals("COMPLETED")) {
                progress.note("job " + jobId + " ended " + end.state() + ": its missing results count as lost");
            }
            ResultTally tally = tally(api, jobId, sizes.recoveryTasks());
            return new Recovery(resumeSeconds, tally.lost(), tally.duplicated());
        }
    }

    /** Reads every result of the finished job, page by page in input order. */
    static ResultTally tally(JobPolling api, String jobId, int tasks) throws InterruptedException {
        ResultTally tally = new ResultTally(tasks, n -> n * n * n);
        String cursor = null;
        boolean last = false;
        while (!last) {
            JsonNode page = api.results(jobId, cursor);
            for (JsonNode result : page.get("results")) {
                JsonNode value = result.get("value");
                Long cube = value != null && value.isIntegralNumber() ? value.asLong() : null;
                tally.add(result.get("index").asLong(), cube);
            }
            last = page.get("done").asBoolean();
            if (!last && page.get("results").isEmpty()) {
                throw new IllegalStateException("job " + jobId + " is finished but its results page after "
                        + cursor + " is empty and not the last");
            }
            cursor = page.get("next").asText();
        }
        return tally;
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the recovery workload's data directory " + root, e);
        }
    }
}
