package io.mqpool.threads;

import io.mqpool.config.Durations;
import io.mqpool.jobs.JobPriority;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of a pool of threads and the one queue they take work from, higher job
 * priorities first and, within one, in the order it was queued. Each is named
 * {@code mqpool-thread-N} and is a daemon, so a pool left open never keeps the JVM alive (as
 * Python's {@code ThreadPool} workers are daemons). Each runs the pool's initializer once
 * before it takes work, and after its share of tasks it ends and a fresh thread, with the next
 * number, takes its place (Python's {@code maxtasksperchild}). Thread-safe.
 */
public final class TaskThreads {

    /** A piece of a job, run by one thread. */
    @FunctionalInterface
    public interface Work {
        /**
         * Runs on the calling thread of the pool and never throws for what a task does.
         *
         * @param workerId the thread's id, {@code t3} for {@code mqpool-thread-3}
         * @return how many tasks it ran, counted towards the thread's share
         */
        int run(String workerId);
    }

    /** What each thread runs once before it takes work. */
    @FunctionalInterface
    public interface Initializer {
        void initialize(String workerId) throws Exception;
    }

    /** A thread's start-up that failed: which thread, and what its initializer threw. */
    public static final class StartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TaskThreads.class);
    private static final String NAME_PREFIX = "mqpool-thread-";
    /** Taken by a thread as its last work: close() puts one in the queue per thread. */
    private static final Work STOP = workerId -> 0;
    /** Above every job priority: the rest of a chunk whose thread is stuck. */
    private static final int FIRST = Integer.MAX_VALUE;
    /** Below every job priority: STOP comes after all the work queued before close(). */
    private static final int LAST = Integer.MIN_VALUE;

    /** Work in the queue: {@code rank} higher first, then {@code seq} lower first. */
    private record Queued(Work work, int rank, long seq) {
        static final Comparator<Queued> ORDER =
                Comparator.comparingInt(Queued::rank).reversed().thenComparingLong(Queued::seq);
    }

    private final int count;
    private final Initializer initializer;
    private final long maxTasksPerThread;
    private final Consumer<StartException> onReplacementFailure;
    private final PriorityBlockingQueue<Queued> queue = new PriorityBlockingQueue<>(64, Queued.ORDER);
    private final AtomicLong seqs = new AtomicLong();
    private final AtomicInteger numbers = new AtomicInteger();
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    /** Set by close() or terminate(): a retiring thread is not replaced any more. */
    private volatile boolean stopping;
    /** Set by terminate() before it interrupts: a thread still starting takes no work. */
    private volatile boolean terminated;

    private TaskThreads(int count, Initializer initializer, long maxTasksPerThread,
                        Consumer<StartException> onReplacementFailure) {
        this.count = count;
        this.initializer = initializer;
        this.maxTasksPerThread = maxTasksPerThread;
        this.onReplacementFailure = onReplacementFailure;
    }

    /**
     * Starts {@code count} threads and blocks until each has run the initializer.
     *
     * @param maxTasksPerThread tasks after which a thread is replaced; 0 for never
     * @param onReplacementFailure told when the initializer fails on a thread that replaced
     *     another, on that thread (the pool then runs on one thread fewer)
     * @throws StartException if the initializer fails on a thread; every thread is stopped then
     */
    public static TaskThreads start(int count, Initializer initializer, long maxTasksPerThread,
                                    Consumer<StartException> onReplacementFailure) {
        TaskThreads threads = new TaskThreads(count, initializer, maxTasksPerThread, onReplacementFailure);
        Startup startup = new Startup(count);
        for (int i = 0; i < count; i++) {
            threads.startThread(startup);
        }
        try {
            startup.ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.terminate();
            throw new StartException("interrupted while the threads of the pool started", e);
        }
        if (startup.failure.get() != null) {
            threads.terminate();
            throw startup.failure.get();
        }
        return threads;
    }

    /** How many threads run tasks. */
    public int count() {
        return count;
    }

    /**
     * Queues {@code work} behind everything queued before at its job's {@code priority} or higher,
     * and ahead of what is queued at lower ones. Does not block.
     *
     * @throws IllegalStateException once the threads are stopping: nothing would run it
     */
    public void submit(Work work, JobPriority priority) {
        if (stopping) {
            throw new IllegalStateException("the pool is closed: create a new one to run more work");
        }
        enqueue(work, priority.ordinal());
    }

    /** Queues {@code work} ahead of everything queued: the rest of a chunk whose thread is stuck. */
    public void submitFirst(Work work) {
        queue.offer(new Queued(work, FIRST, -seqs.incrementAndGet()));
    }

    private void enqueue(Work work, int rank) {
        queue.offer(new Queued(work, rank, seqs.incrementAndGet()));
    }

    /**
     * Lets each thread finish what it runs and what is queued, then stops them: waits up to
     * {@code grace}, then interrupts those still running and waits one more second. A thread
     * that still runs after that (a task that ignores interrupts) is named in a warning and left
     * to end by itself; as a daemon, it does not keep the JVM alive. Idempotent.
     */
    public void close(Duration grace) {
        stopping = true;
        int running = live.size(); // counted once: each thread leaves the set as it takes its STOP
        for (int i = 0; i < running; i++) {
            enqueue(STOP, LAST);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        joinUntil(deadline);
        if (!live.isEmpty()) {
            List<Thread> late = List.copyOf(live);
            log.info("{} thread{} of the pool still run{} a task {} after close(); interrupting {}", late.size(),
                    late.size() == 1 ? "" : "s", late.size() == 1 ? "s" : "", Durations.format(grace), names(late));
            late.forEach(Thread::interrupt);
            joinUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        }
        warnAboutSurvivors("close()");
    }

    /**
     * Stops at once: drops what is queued, interrupts every thread and waits up to a second for
     * them to end. Idempotent.
     */
    public void terminate() {
        stopping = true;
        terminated = true;
        queue.clear();
        live.forEach(Thread::interrupt);
        joinUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        warnAboutSurvivors("terminate()");
    }

    private void startThread(Startup startup) {
        int number = numbers.incrementAndGet();
        Thread thread = new Thread(() -> run("t" + number, startup), NAME_PREFIX + number);
        thread.setDaemon(true);
        live.add(thread);
        thread.start();
    }

    /** @param startup null for a thread that replaces one that retired */
    private void run(String workerId, Startup startup) {
        try {
            if (!initialized(workerId, startup)) {
                return;
            }
            takeWork(workerId);
        } finally {
            live.remove(Thread.currentThread());
        }
    }

    private boolean initialized(String workerId, Startup startup) {
        try {
            initializer.initialize(workerId);
        } catch (Throwable e) {
            StartException failure = new StartException("the initializer failed on thread "
                    + Thread.currentThread().getName() + ": " + e, e);
            if (startup == null) {
                onReplacementFailure.accept(failure);
            } else {
                startup.failure.compareAndSet(null, failure);
                // The others need not finish theirs: the pool will not start.
                while (startup.ready.getCount() > 0) {
                    startup.ready.countDown();
                }
            }
            return false;
        } finally {
            if (startup != null) {
                startup.ready.countDown();
            }
        }
        return true;
    }

    private void takeWork(String workerId) {
        long tasks = 0;
        while (!terminated) {
            Work work;
            try {
                work = queue.take().work();
            } catch (InterruptedException e) {
                return; // terminate()
            }
            if (work == STOP) {
                return;
            }
            try {
                tasks += work.run(workerId);
            } catch (RuntimeException | Error e) { // Work records what its tasks do; this would be a bug of mqpool's
                log.error("thread {} failed running a chunk; it takes the next", Thread.currentThread().getName(), e);
            }
            if (maxTasksPerThread > 0 && tasks >= maxTasksPerThread) {
                if (!stopping) {
                    startThread(null);
                }
                return;
            }
        }
    }

    private void joinUntil(long deadlineNanos) {
        for (Thread thread : List.copyOf(live)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void warnAboutSurvivors(String how) {
        if (!live.isEmpty()) {
            log.warn("{} of the pool still run{} a task that ignores interrupts after {}; as daemon threads they "
                    + "do not keep the JVM alive", names(List.copyOf(live)), live.size() == 1 ? "s" : "", how);
        }
    }

    private static String names(List<Thread> threads) {
        return String.join(", ", threads.stream().map(Thread::getName).sorted().toList());
    }

    /** The first threads' start: each counts down once, and the first failure is kept. */
    private static final class Startup {
        final CountDownLatch ready;
        final AtomicReference<StartException> failure = new AtomicReference<>();

        Startup(int count) {
            this.ready = new CountDownLatch(count);
        }
    }
}
