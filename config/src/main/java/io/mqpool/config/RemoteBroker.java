package io.mqpool.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A broker in a process of its own ({@code mqpool broker}, or a plain Artemis broker with
 * mqpool's queues) that a server uses instead of embedding one.
 *
 * @param url {@code tcp://HOST:PORT}, with Artemis' options after a {@code ?}; checked by the
 *     engine when it connects
 * @param credentialsFile the user and password of the engine (and of the server's own workers),
 *     or nothing for a broker that asks none
 */
public record RemoteBroker(String url, Optional<Path> credentialsFile) {

    public RemoteBroker {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
    }
}
