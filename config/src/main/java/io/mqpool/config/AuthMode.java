package io.mqpool.config;

import java.util.Locale;

/**
 * When a listener asks for credentials: {@code auto} from every client beyond loopback (and
 * a listener bound to loopback is as open as it is today to the processes of this host);
 * {@code always} from every client, loopback too, for a server behind a proxy on the same host.
 */
public enum AuthMode {
    AUTO,
    ALWAYS;

    /** @throws IllegalArgumentException naming the two values */
    static AuthMode of(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> AUTO;
            case "always" -> ALWAYS;
            default -> throw new IllegalArgumentException("must be auto or always, got '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
