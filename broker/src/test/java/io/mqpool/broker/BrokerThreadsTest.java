package io.mqpool.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.utils.ActiveMQThreadFactory;
import org.junit.jupiter.api.Test;

/** Threads are told apart by the names Artemis' own thread factory gives them. */
class BrokerThreadsTest {

    @Test
    void theThreadsOfAnMqpoolBrokersPoolsAreBrokerThreads() {
        for (String kind : new String[] {"", "io-", "paging-", "scheduled-", "remoting-service-"}) {
            String name = nameFrom("activemq-" + kind + BrokerConfiguration.NAME_PREFIX + 46289);
            assertTrue(BrokerThreads.isBrokerThread(name), name);
        }
    }

    @Test
    void theThreadsOfArtemisInVmConnectionsAreBrokerThreads() {
        // Named like InVMConnector's own pool: its factory is built from the class name.
        String name = ActiveMQThreadFactory.defaultThreadFactory(InVMConnector.class.getName())
                .newThread(() -> { }).getName();
        assertTrue(BrokerThreads.isBrokerThread(name), name);
    }

    @Test
    void otherThreadsAreNot() {
        assertFalse(BrokerThreads.isBrokerThread("main"));
        assertFalse(BrokerThreads.isBrokerThread("pool-1-thread-1"));
        assertFalse(BrokerThreads.isBrokerThread(nameFrom("activemq-someone-elses-broker")));
        assertFalse(BrokerThreads.isBrokerThread("mqpool-broker-46289"));
    }

    private static String nameFrom(String group) {
        return new ActiveMQThreadFactory(group, false, null).newThread(() -> { }).getName();
    }
}
