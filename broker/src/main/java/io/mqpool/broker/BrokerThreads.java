package io.mqpool.broker;

import java.util.regex.Pattern;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.utils.StringUtil;

/**
 * Recognises the threads Artemis runs for mqpool's embedded brokers, by name.
 *
 * <p>Most of them are not daemon threads, so they keep a JVM alive until their broker stops, and
 * Artemis has no setting that changes that for all of them: the server's own pools could be
 * supplied through its {@code ServiceRegistry}, but the remoting service and the JVM-wide pool
 * of in-VM connections build their thread factories themselves, with daemon off. Whoever wants
 * to know whether only brokers are left running asks here.
 */
public final class BrokerThreads {

    /**
     * {@code ActiveMQThreadFactory} names a thread {@code Thread-N (activemq-GROUP)}; a broker's
     * groups are its name with the pool's kind in front ({@code io-}, {@code scheduled-}, ...).
     */
    private static final Pattern OF_A_BROKER = Pattern.compile(
            "Thread-\\d+ \\(activemq-([a-z-]+-)?" + BrokerConfiguration.NAME_PREFIX + "\\d+\\)");
    /** The in-VM connector's pool is named after its class, which the factory turns into kebab case. */
    private static final String OF_IN_VM_CONNECTIONS = " (activemq-"
            + StringUtil.convertPascalCaseToKebabCase(InVMConnector.class.getName()) + ")";

    private BrokerThreads() {
    }

    /** True for a thread of an mqpool broker or of Artemis' in-VM connections. Does not block. */
    public static boolean isBrokerThread(String threadName) {
        return OF_A_BROKER.matcher(threadName).matches()
                || threadName.startsWith("Thread-") && threadName.endsWith(OF_IN_VM_CONNECTIONS);
    }
}
