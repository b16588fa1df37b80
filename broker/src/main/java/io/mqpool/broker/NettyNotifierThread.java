package io.mqpool.broker;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.reflect.Field;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Netty's one JVM-wide notifier thread a daemon.
 *
 * <p>Every Netty event loop that stops tells its listeners so on {@link GlobalEventExecutor},
 * whose thread then waits a quiet second for more work before it ends, and is no daemon. The
 * broker and its connections stop event loops when a pool closes, so a program that closes its
 * pool and returns from {@code main} waited that second before the JVM could exit (measured: 0.9 s
 * of a 3.4 s cold start). Netty offers no setting below one second, so the executor's thread
 * factory is swapped for one of daemon threads. What the thread runs then are notifications
 * that loops have stopped, which nothing of mqpool waits for at exit.
 */
final class NettyNotifierThread {

    private static final Logger LOG = LoggerFactory.getLogger(NettyNotifierThread.class);
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private NettyNotifierThread() {
    }

    /** Swaps the factory once per JVM, before the first event loop starts; never throws. */
    static void makeDaemon() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        try {
            Field factory = GlobalEventExecutor.class.getDeclaredField("threadFactory");
            factory.setAccessible(true);
            ThreadFactory daemons = new DefaultThreadFactory(
                    DefaultThreadFactory.toPoolName(GlobalEventExecutor.class), true);
            factory.set(GlobalEventExecutor.INSTANCE, daemons);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another Netty: the JVM exits a second later, nothing worse.
            LOG.debug("Netty's notifier thread stays a non-daemon: {}", e.toString());
        }
    }
}
