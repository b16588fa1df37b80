package io.mqpool.testtasks;

import io.mqpool.jobs.LockOwnershipLostException;
import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;

/**
 * Takes the lock {@code lock}, writes its worker's pid and the grant's fence to the counters
 * {@code <lock>.pid} and {@code <lock>.fence}, and holds it until the counter {@code <lock>.go}
 * is not 0; then unlocks, and says whether the lock was still its own. A run after its worker
 * died does nothing.
 */
@TaskName("hold_lock_until_told")
public class HoldLockUntilTold implements Task<String, String> {

    @Override
    public String call(String lock, TaskContext ctx) throws InterruptedException {
        if (ctx.redeliveries() > 0) {
            return "retried";
        }
        SharedLock held = ctx.lock(lock);
        ctx.counter(lock + ".fence").set(held.fence());
        ctx.counter(lock + ".pid").set(ProcessHandle.current().pid());
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (ctx.counter(lock + ".go").get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        try {
            held.unlock();
            return "released";
        } catch (LockOwnershipLostException e) {
            return "lost: " + e.getMessage();
        }
    }
}
