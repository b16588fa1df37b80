package io.mqpool.broker;

import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;

/**
 * Artemis runs every in-VM connection of a JVM on one static pool of non-daemon threads that
 * linger for 60 s after their last use: a program that closed its last pool would not exit
 * for a minute. Brokers of this JVM are counted, and the pool is shut down when the last one
 * stops (the next broker gets a fresh one).
 */
final class InVmThreads {

    private static int brokers;

    private InVmThreads() {
    }

    static synchronized void brokerStarted() {
        brokers++;
    }

    static synchronized void brokerStopped() {
        brokers--;
        if (brokers == 0) {
            InVMConnector.resetThreadPool();
        }
    }
}
