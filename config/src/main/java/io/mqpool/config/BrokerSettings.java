package io.mqpool.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The broker: the one a server or pool embeds, or, with {@code remote}, one in a process of its
 * own that the server connects to instead (then only the consumer window still applies to it).
 *
 * @param host the address the broker's TCP acceptor binds (127.0.0.1 unless workers on other
 *     hosts must reach it)
 * @param port the acceptor's port; 0 picks a free one
 * @param journalBufferTimeoutMicros how long the journal gathers writes before one sync
 * @param consumerWindowSize bytes of quick chunks a worker may hold ahead of the one it runs;
 *     0 always takes one chunk at a time
 * @param maxDeliveryAttempts deliveries of one chunk before it goes to the dead-letter queue
 * @param auth when clients must give credentials: beyond loopback ({@code auto}) or always
 * @param tls the TCP acceptor's keystore, when it speaks TLS
 * @param remote the broker to use instead of embedding one ({@code broker.url}), or nothing
 */
public record BrokerSettings(String host, int port, int journalBufferTimeoutMicros,
                             int consumerWindowSize, int maxDeliveryAttempts, AuthMode auth,
                             Optional<TlsSettings> tls, Optional<RemoteBroker> remote) {

    static final int MAX_PORT = 65_535;
    static final int MAX_JOURNAL_BUFFER_TIMEOUT_MICROS = 1_000_000;
    static final int MAX_CONSUMER_WINDOW = 64 * 1024 * 1024;
    static final int MAX_DELIVERY_ATTEMPTS = 1000;

    /** @throws IllegalArgumentException if a number is out of its range */
    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(remote, "remote");
        Ranges.check("broker port", port, 0, MAX_PORT);
        Ranges.check("broker journal buffer timeout (µs)", journalBufferTimeoutMicros, 1,
                MAX_JOURNAL_BUFFER_TIMEOUT_MICROS);
        Ranges.check("broker consumer window", consumerWindowSize, -1, MAX_CONSUMER_WINDOW);
        Ranges.check("broker max delivery attempts", maxDeliveryAttempts, 1, MAX_DELIVERY_ATTEMPTS);
    }

    /** An embedded broker. */
    public BrokerSettings(String host, int port, int journalBufferTimeoutMicros, int consumerWindowSize,
                          int maxDeliveryAttempts, AuthMode auth, Optional<TlsSettings> tls) {
        this(host, port, journalBufferTimeoutMicros, consumerWindowSize, maxDeliveryAttempts, auth, tls,
                Optional.empty());
    }

    /** An embedded broker asking credentials beyond loopback, no TLS. */
    public BrokerSettings(String host, int port, int journalBufferTimeoutMicros, int consumerWindowSize,
                          int maxDeliveryAttempts) {
        this(host, port, journalBufferTimeoutMicros, consumerWindowSize, maxDeliveryAttempts, AuthMode.AUTO,
                Optional.empty());
    }

    /** The same settings on another port. */
    public BrokerSettings withPort(int otherPort) {
        return new BrokerSettings(host, otherPort, journalBufferTimeoutMicros, consumerWindowSize,
                maxDeliveryAttempts, auth, tls, remote);
    }

    /** Whether clients must give credentials: always, or because the broker listens beyond loopback. */
    public boolean needsCredentials() {
        return auth == AuthMode.ALWAYS || !Loopback.isLoopback(host);
    }
}
