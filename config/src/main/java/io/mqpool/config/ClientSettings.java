package io.mqpool.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a client command ({@code submit}, {@code status}, ...), loaded by
 * {@link SettingsLoader#loadClient}.
 *
 * @param server the base URL of the mqpool server, such as {@code http://127.0.0.1:8080}:
 *     http or https, with a host, without a trailing slash (one is removed)
 * @param token the HTTP API token given as such ({@code MQPOOL_TOKEN}, {@code token} in the
 *     settings file)
 * @param tokenFile the file to read the token from when none is given as such: the one named
 *     by {@code --token-file}, else the data directory's when this user may read it
 */
public record ClientSettings(URI server, Optional<String> token, Optional<Path> tokenFile) {

    /** Where {@code mqpool server} listens unless told otherwise. */
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    /** The HTTP API token's file in a server's data directory. */
    public static final String TOKEN_FILE_NAME = "http-token";

    /** @throws IllegalArgumentException if the URL is not an absolute http(s) URL with a host */
    public ClientSettings {
        server = checkedServer(server);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** A client of {@code server} that sends no token. */
    public ClientSettings(URI server) {
        this(server, Optional.empty(), Optional.empty());
    }

    /**
     * The token to send, if any: the one given as such, else the token file's (its text
     * without surrounding blanks). Blocks while reading the file.
     *
     * @throws SecretFiles.SecretFileException when the token file cannot be read or others may read it
     */
    public Optional<String> resolveToken() {
        if (token.isPresent()) {
            return token.map(String::strip);
        }
        return tokenFile.map(file -> SecretFiles.read(file, "the HTTP API token").strip());
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
