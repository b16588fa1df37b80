package io.mqpool.app.bench;

import io.mqpool.app.bench.BenchSizes.SoakMix;
import io.mqpool.config.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code mqpool server} that deletes finished jobs after a few minutes takes a stream of
 * big and one-task jobs from several clients over its HTTP API for half an hour, every job's
 * outcomes checked; meanwhile its throughput, data directory, heap, threads and open files are
 * sampled, to show whether any of them drifts. It runs only when named, once whatever
 * {@code --runs} says: its figures are one long run's. Wrong or missing outcomes and a server
 * that dies fail it; figures that drift are reported, not judged.
 */
final class SoakWorkload implements Workload {

    /** How long the clients may take, after the end, to read the jobs still running then. */
    private static final Duration STOP_TIMEOUT = SoakClient.DRAIN_TIMEOUT.plusMinutes(1);
    private static final Duration SERVER_CHECK = Duration.ofSeconds(1);
    /**
     * The server's heap, well above what it needs: with the JVM's default of a quarter of the
     * memory, G1 may not collect the old generation once in half an hour, and the heap after a
     * young collection would climb with garbage that no leak left there.
     */
    static final String SERVER_HEAP = "-Xmx512m";

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public List<Measurement> run(BenchSizes sizes, BenchStore store, Progress progress)
            throws IOException, InterruptedException {
        SoakMix mix = sizes.soak();
        progress.note(Durations.forPeople(mix.duration()) + " on a server of " + sizes.workers() + " workers, "
                + SERVER_HEAP + " and jobs.retention=" + Durations.format(mix.retention()) + ": " + mix.clients()
                + " clients, a job of " + mix.bigTasks() + " square tasks every " + Durations.forPeople(mix.bigEvery())
                + " and " + mix.smallPerBig() + " one-task jobs for each");
        if (store.isShared()) {
            progress.note("its server keeps its jobs on H2 in its own data directory, not on " + store.description());
        }
        Path temp = Files.createTempDirectory("mqpool-bench-soak-");
        Path data = temp.resolve("data");
        Path settings = temp.resolve("soak.properties");
        Files.writeString(settings, "jobs.retention=" + Durations.format(mix.retention()) + "\n",
                StandardCharsets.UTF_8);
        List<Measurement> figures;
        try (BenchServer server = BenchServer.start(JavaCommand.ofThisJvm(), List.of(SERVER_HEAP), data,
                sizes.workers(), "--config", settings.toString())) {
            figures = soak(server, data, mix, progress);
        } catch (RuntimeException e) {
            // The server's log is in the data directory: it is what explains the failure.
            throw new IllegalStateException("soak failed; the data directory and its mqpool.log are kept in " + data
                    + ": " + e.getMessage(), e);
        }
        RecoveryWorkload.deleteTree(temp);
        return figures;
    }

    private static List<Measurement> soak(BenchServer server, Path data, SoakMix mix, Progress progress)
            throws InterruptedException {
        SoakProbe probe = new SoakProbe(new ServerMetrics(server.url()), data,
                FullGc.of(JavaCommand.ofThisJvm(), server.pid()));
        if (!probe.collectsFully()) {
            progress.note("no jcmd beside this java: the heap figures are the heap after the server's last "
                    + "collection, garbage of its old generation included");
        }
        SoakJobs jobs = new SoakJobs();
        long start = System.nanoTime();
        try (SoakSampler sampler = new SoakSampler(probe, mix, start, jobs, progress)) {
            sampler.sample(false);
            sampler.start();
            try (SoakClients clients = SoakClients.start(server.url(), mix, start, jobs)) {
                boolean failed = awaitEnd(clients, server, start + mix.duration().toNanos());
                clients.stop();
                requireAlive(server);
                if (!failed) {
                    sampler.close();
                    // The end as it was, then the heap: the full collection takes a while.
                    sampler.sample(false);
                    sampler.sample(true);
                    progress.note("the soak's time is up: reading the jobs still running; " + jobs.summary());
                }
                clients.awaitStopped(STOP_TIMEOUT);
            }
            requireAlive(server);
            progress.note("done: " + jobs.summary());
            return new SoakFigures(mix, sampler.samples()).measurements(jobs);
        }
    }

    /** Blocks until {@code end}, a client's failure or the server's exit; true for a client's failure. */
    private static boolean awaitEnd(SoakClients clients, BenchServer server, long end) throws InterruptedException {
        while (System.nanoTime() < end && server.isAlive()) {
            if (clients.awaitFailure(Duration.ofNanos(Math.min(SERVER_CHECK.toNanos(), end - System.nanoTime())))) {
                return true;
            }
        }
        return false;
    }

    private static void requireAlive(BenchServer server) {
        if (!server.isAlive()) {
            throw new IllegalStateException("the server exited during the soak; " + server.output());
        }
    }
}
