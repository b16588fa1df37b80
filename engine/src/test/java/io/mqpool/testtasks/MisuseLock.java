package io.mqpool.testtasks;

import io.mqpool.jobs.SharedLock;
import io.mqpool.jobs.Task;
import io.mqpool.jobs.TaskContext;
import io.mqpool.jobs.TaskName;
import java.time.Duration;

/** Uses a lock or semaphore wrongly, as {@code how} says, and returns the exception's class and message. */
@TaskName("misuse_lock")
public class MisuseLock implements Task<String, String> {

    @Override
    public String call(String how, TaskContext ctx) {
        try {
            switch (how) {
                case "unlock twice" -> {
                    SharedLock held = ctx.lock("misused");
                    held.unlock();
                    held.unlock();
                }
                case "lock twice" -> {
                    try (SharedLock held = ctx.lock("misused"); SharedLock again = ctx.lock("misused")) {
                        return "locked twice";
                    }
                }
                case "no permits" -> ctx.semaphore("pool-of-none", 0);
                case "other permits" -> {
                    ctx.semaphore("three", 3).acquire().close();
                    ctx.semaphore("three", 4).acquire().close();
                }
                case "lock a semaphore" -> {
                    ctx.semaphore("three", 3).acquire().close();
                    ctx.lock("three").close();
                }
                case "negative wait" -> ctx.tryLock("misused", Duration.ofSeconds(-1));
                case "release twice" -> {
                    var permit = ctx.semaphore("three", 3).acquire();
                    permit.release();
                    permit.release();
                }
                default -> throw new IllegalArgumentException("no such misuse: " + how);
            }
            return "no error";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
