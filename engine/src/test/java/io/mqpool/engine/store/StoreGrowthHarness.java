package io.mqpool.engine.store;

import io.mqpool.outcome.EncodedOutcomes;
import io.mqpool.outcome.OutcomesForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: a program that measures how the H2 file behaves when jobs are stored, finished and
 * deleted continuously, as the retention sweeper deletes them. Writes jobs of TASKS outcomes at
 * CHUNKSIZE, outcomes recorded 100 chunks to a transaction as the collector batches them, at about
 * RATE outcomes a second; each job carries a retention of RETENTION seconds; every 2 s it deletes
 * what expired, then (unless {@code noreclaim}) lets the store reclaim the space, as the server
 * does. Prints the file's size every 10 s. Run with the engine's test classpath:
 * {@code java -cp ... io.mqpool.engine.store.StoreGrowthHarness DIR TASKS CHUNKSIZE RATE RETENTION MINUTES [noreclaim]}
 */
public final class StoreGrowthHarness {

    private StoreGrowthHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int tasks = Integer.parseInt(args[1]);
        int chunksize = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        long retentionMillis = Long.parseLong(args[4]) * 1000;
        long minutes = Long.parseLong(args[5]);
        boolean reclaim = args.length < 7 || !args[6].equals("noreclaim");
        Path file = dir.resolve("mqpool.mv.db");
        long start = System.nanoTime();
        long end = start + Duration.ofMinutes(minutes).toNanos();
        long written = 0;
        long deletedJobs = 0;
        long nextSweep = start;
        long nextSample = start;
        int jobNo = 0;
        try (JobStore store = JobStore.open(dir, Clock.systemUTC())) {
            while (System.nanoTime() < end) {
                String id = "j" + jobNo++;
                runJob(store, id, tasks, chunksize, retentionMillis);
                written += tasks;
                long due = start + written * 1_000_000_000L / rate;
                long now = System.nanoTime();
                if (due > now) {
                    Thread.sleep((due - now) / 1_000_000); // holds the write rate, waits for no condition
                }
                if (System.nanoTime() >= nextSweep) {
                    int deleted = 0;
                    List<String> ids;
                    do {
                        ids = store.deleteExpired(Duration.ZERO, 20);
                        deleted += ids.size();
                    } while (ids.size() == 20);
                    deletedJobs += deleted;
                    if (deleted > 0 && reclaim) {
                        store.reclaimSpace();
                    }
                    nextSweep += 2_000_000_000L;
                }
                if (System.nanoTime() >= nextSample) {
                    long held = store.jobCount() * tasks;
                    long size = Files.size(file);
                    System.out.printf(Locale.ROOT, "%4ds written %9d outcomes, jobs deleted %6d, outcomes held %8d, "
                                    + "file %7.1f MiB, %6.0f bytes per outcome held%n",
                            (System.nanoTime() - start) / 1_000_000_000L, written, deletedJobs, held,
                            size / 1048576.0, held == 0 ? 0.0 : (double) size / held);
                    nextSample += 10_000_000_000L;
                }
            }
        }
        System.out.printf(Locale.ROOT, "closed: file %.1f MiB%n", Files.size(file) / 1048576.0);
    }

    private static void runJob(JobStore store, String id, int tasks, int chunksize, long retentionMillis) {
        List<NewChunk> chunks = new ArrayList<>();
        for (int first = 0; first < tasks; first += chunksize) {
            int size = Math.min(chunksize, tasks - first);
            StringBuilder args = new StringBuilder("[");
            for (int i = 0; i < size; i++) {
                args.append(i == 0 ? "" : ",").append(first + i);
            }
            chunks.add(new NewChunk(chunks.size(), first, size, args.append(']').toString()));
        }
        store.create(new NewJob(id, "square", "MAP", chunksize, 0, 0, 2, false, 0, Clock.systemUTC().instant(),
                null, null, retentionMillis, "NORMAL"), chunks, (long) tasks);
        List<RecordedResult> batch = new ArrayList<>();
        for (NewChunk chunk : chunks) {
            StringBuilder values = new StringBuilder("[");
            for (int i = 0; i < chunk.size(); i++) {
                long n = chunk.firstIndex() + i;
                values.append(i == 0 ? "" : ",").append(n * n);
            }
            batch.add(new RecordedResult(id, chunk.chunkNo(), chunk.size(), "w1",
                    new EncodedOutcomes(values.append(']').toString(), 0, OutcomesForm.VALUES),
                    System.currentTimeMillis() - 1, System.currentTimeMillis()));
            if (batch.size() == 100) {
                store.record(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.record(batch);
        }
    }
}
