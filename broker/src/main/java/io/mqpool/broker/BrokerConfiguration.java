package io.mqpool.broker;

import io.mqpool.config.BrokerSettings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/** Builds the programmatic Artemis configuration of one embedded broker. */
final class BrokerConfiguration {

    static final String TCP_ACCEPTOR = "tcp";
    static final String IN_VM_ACCEPTOR = "invm";
    /** The broker's name, followed by its port; Artemis names the broker's threads after it. */
    static final String NAME_PREFIX = "mqpool-broker-";
    /** Where temporary queues are made (see {@link Configuration#setUuidNamespace}). */
    static final String TEMPORARY_NAMESPACE = "mqpool.temporary";

    private BrokerConfiguration() {
    }

    /**
     * The configuration for a broker on {@code host:port} keeping its files under
     * {@code brokerDir}.
     *
     * @throws Exception when Artemis rejects an acceptor URL
     */
    static Configuration of(BrokerSettings settings, int port, Path brokerDir) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName(NAME_PREFIX + port);
        config.setPersistenceEnabled(true);
        // When on, BrokerSecurity says who is who; these say what each may do.
        config.setSecurityEnabled(settings.needsCredentials());
        config.putSecurityRoles("#", Set.of(engine()));
        config.putSecurityRoles(Queues.TASKS, Set.of(engine(), worker(CheckType.CONSUME)));
        config.putSecurityRoles(Queues.RESULTS, Set.of(engine(), worker(CheckType.SEND)));
        config.putSecurityRoles(Queues.STATE, Set.of(engine(), worker(CheckType.SEND)));
        config.putSecurityRoles(Queues.SUPERVISORS, Set.of(engine(), worker(CheckType.SEND)));
        // A worker's own reply queue for shared state, a remote supervisor's for commands: it
        // makes it, reads it and drops it.
        config.putSecurityRoles(TEMPORARY_NAMESPACE + ".#", Set.of(engine(), worker(CheckType.CREATE_ADDRESS,
                CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.CONSUME, CheckType.DELETE_NON_DURABLE_QUEUE,
                CheckType.DELETE_ADDRESS)));
        config.setJMXManagementEnabled(false);
        config.setJournalDirectory(brokerDir.resolve("journal").toString());
        config.setBindingsDirectory(brokerDir.resolve("bindings").toString());
        config.setPagingDirectory(brokerDir.resolve("paging").toString());
        config.setLargeMessagesDirectory(brokerDir.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(brokerDir.toString());
        // NIO rather than AIO: libaio is rarely installed, and NIO behaves the same everywhere.
        config.setJournalType(JournalType.NIO);
        // The NIO journal's default 3.33 ms flush timer caps blocking sends at ~290/s.
        config.setJournalBufferTimeout_NIO(settings.journalBufferTimeoutMicros() * 1000);
        config.setJournalSyncTransactional(true);
        config.setJournalSyncNonTransactional(true);
        config.setIDCacheSize(100_000);
        config.setPersistIDCache(true);
        // Under a steady stream the journal grows by a 10 MiB file every couple of minutes and frees
        // none until it is compacted: most likely each duplicate id stays a live record in the file
        // it was written to until 100,000 later ids push it out. Compacting from 5 files on
        // (Artemis' default waits for 10) rewrites those few live records; and the files it frees
        // are deleted beyond 6 in all, where by default every freed file is kept for reuse, so
        // the directory never shrinks back from its largest.
        config.setJournalCompactMinFiles(5);
        config.setJournalPoolFiles(6);
        // The default (90 % of the disk) silently blocks producers on a nearly full dev disk;
        // -1 turns that check off, so only a truly full disk fails, loudly, in a journal write.
        config.setMaxDiskUsage(-1);
        config.addAcceptorConfiguration(tcpAcceptor(settings, port));
        // The in-VM server id must be unique in this JVM; the TCP port already is.
        config.addAcceptorConfiguration(IN_VM_ACCEPTOR, "vm://" + port);
        for (String queue : new String[] {Queues.TASKS, Queues.RESULTS, Queues.RETRY, Queues.STATE,
                Queues.SUPERVISORS, Queues.DEAD_LETTER, Queues.EXPIRY}) {
            config.addQueueConfiguration(QueueConfiguration.of(queue)
                    .setAddress(queue)
                    .setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
        // The reply queues of shared-state requests are temporary, named by a UUID: placed in
        // this namespace, they take the settings of mqpool.# too, rather than each making the
        // broker warn that it has no dead-letter and expiry address.
        config.setUuidNamespace(TEMPORARY_NAMESPACE);
        config.addAddressSetting("mqpool.#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Queues.DEAD_LETTER))
                .setExpiryAddress(SimpleString.of(Queues.EXPIRY))
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setRedeliveryDelay(0));
        // A chunk whose delivery failed (its worker died, or rolled back) is not redelivered by
        // the broker: it goes to the retry queue, where the engine learns from the supervisor
        // which task was running and counts that against the task's retries.
        config.addAddressSetting(Queues.TASKS, new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Queues.RETRY))
                .setExpiryAddress(SimpleString.of(Queues.EXPIRY))
                .setMaxDeliveryAttempts(1)
                .setRedeliveryDelay(0));
        // A dead letter is never moved on, however often its reading is rolled back: the
        // dead-letter queue is its own dead-letter address, and Artemis would drop it.
        config.addAddressSetting(Queues.DEAD_LETTER, new AddressSettings()
                .setExpiryAddress(SimpleString.of(Queues.EXPIRY))
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(0));
        return config;
    }

    /** The TCP acceptor, with TLS when a keystore is set; parameters rather than a URL, so any password works. */
    private static TransportConfiguration tcpAcceptor(BrokerSettings settings, int port) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, settings.host());
        params.put(TransportConstants.PORT_PROP_NAME, port);
        settings.tls().ifPresent(tls -> {
            params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, tls.keystore().toAbsolutePath().toString());
            params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, tls.password());
        });
        return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, TCP_ACCEPTOR);
    }

    private static Role engine() {
        return role(BrokerSecurity.ENGINE_ROLE, EnumSet.allOf(CheckType.class));
    }

    private static Role worker(CheckType first, CheckType... more) {
        return role(BrokerSecurity.WORKER_ROLE, EnumSet.of(first, more));
    }

    private static Role role(String name, Set<CheckType> rights) {
        return new Role(name, rights.contains(CheckType.SEND), rights.contains(CheckType.CONSUME),
                rights.contains(CheckType.CREATE_DURABLE_QUEUE), rights.contains(CheckType.DELETE_DURABLE_QUEUE),
                rights.contains(CheckType.CREATE_NON_DURABLE_QUEUE),
                rights.contains(CheckType.DELETE_NON_DURABLE_QUEUE),
                rights.contains(CheckType.MANAGE), rights.contains(CheckType.BROWSE),
                rights.contains(CheckType.CREATE_ADDRESS), rights.contains(CheckType.DELETE_ADDRESS),
                rights.contains(CheckType.VIEW), rights.contains(CheckType.EDIT));
    }
}
