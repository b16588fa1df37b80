package io.mqpool;

import io.mqpool.jobs.builtin.WorkerPid;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A whole user program that forgets {@code close()}: one pool of two workers, one map, then main
 * returns. With {@code close} as its argument it closes the pool, with {@code terminate} it
 * terminates it. It prints its data directory and its workers' pids for {@link UnclosedPoolIT}.
 */
public final class UnclosedPoolProgram {

    private UnclosedPoolProgram() {
    }

    public static void main(String[] args) {
        String ending = args.length > 0 ? args[0] : "forget";
        Pool pool = Pool.create(2);
        System.out.println("data dir " + pool.engine().settings().dataDir());
        List<Long> pids = pool.map(WorkerPid.class, Collections.nCopies(8, 0), JobOptions.defaults().withChunksize(1));
        System.out.println("worker pids " + new TreeSet<>(pids).stream().map(String::valueOf)
                .collect(Collectors.joining(" ")));
        switch (ending) {
            case "close" -> pool.close();
            case "terminate" -> pool.terminate();
            default -> { } // forgotten
        }
        reportLingeringThreadsLater();
    }

    /**
     * Should the JVM not end, says on stderr which threads keep it alive: the reason a test
     * of this program failed. Prints nothing if the JVM ends within 5 s, as it should.
     */
    private static void reportLingeringThreadsLater() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "unclosed-pool-program-reporter");
            thread.setDaemon(true); // it must not be what keeps the JVM alive
            return thread;
        });
        timer.schedule(() -> {
            String names = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !thread.isDaemon() && thread.isAlive())
                    .map(Thread::getName).sorted().collect(Collectors.joining(", "));
            System.err.println("non-daemon threads still running: " + names);
        }, 5, TimeUnit.SECONDS);
    }
}
