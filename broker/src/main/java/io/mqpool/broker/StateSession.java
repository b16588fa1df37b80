package io.mqpool.broker;

/**
 * A worker's session with the engine's locks and semaphores: what its holds belong to. A
 * worker process opens one with its first lock request and keeps it alive with heartbeats;
 * the engine ends it when the supervisor sees that process die, when its heartbeat lapses, or
 * when an operator forces its holds free.
 *
 * @param id unique for every session (a random UUID)
 * @param workerId the worker's id, such as {@code w3} or {@code host-4711}
 * @param pid the worker's process id, so that the supervisor's report of a death names the
 *     session exactly even when the slot's next process takes the same worker id
 */
public record StateSession(String id, String workerId, long pid) {

    /** How {@code lock 'x' is held by …} names the holder. */
    public String holder() {
        return "worker " + workerId + " (pid " + pid + ")";
    }
}
