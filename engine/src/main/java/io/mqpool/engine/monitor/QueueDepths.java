package io.mqpool.engine.monitor;

/** How many messages wait on a broker's queue; the engine's broker answers it. */
@FunctionalInterface
public interface QueueDepths {

    /**
     * Messages on {@code queue} now (for a broker in another process, see
     * {@link io.mqpool.broker.QueueBrowsing}: only undelivered ones, up to a bound). Blocks at
     * most for a browse of that bound.
     *
     * @throws IllegalStateException if the broker cannot be asked
     */
    long messages(String queue);
}
