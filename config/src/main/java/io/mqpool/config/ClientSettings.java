package io.mqpool.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings of a client command ({@code submit}, {@code status}, ...), loaded by
 * {@link SettingsLoader#loadClient}.
 *
 * @param server the base URL of the mqpool server, such as {@code http://127.0.0.1:8080}:
 *     http or https, with a host, without a trailing slash (one is removed)
 */
public record ClientSettings(URI server) {

    /** Where {@code mqpool server} listens unless told otherwise. */
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    /** @throws IllegalArgumentException if the URL is not an absolute http(s) URL with a host */
    public ClientSettings {
        server = checkedServer(server);
    }

    static URI checkedServer(URI server) {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || server.getHost() == null
                || server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new IllegalArgumentException("server must be an http(s) URL such as "
                    + DEFAULT_SERVER + ", got '" + server + "'");
        }
        String text = server.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : server;
    }
}
