package io.mqpool.config;

import java.util.Objects;

/** The HTTP API and web UI of {@code mqpool server}. */
public record HttpSettings(String bind, int port) {

    static final int MAX_PORT = 65_535;

    /** @throws IllegalArgumentException if the port is out of range */
    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        Ranges.check("http port", port, 0, MAX_PORT);
    }
}
