package io.mqpool.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP API and web UI of {@code mqpool server}.
 *
 * @param readOnly every request that could change something (POST, PUT, PATCH, DELETE) is
 *     refused with 403; reading works
 * @param basePath the path every route is served under, such as {@code /mqpool}; empty for the
 *     root. Starts with a slash and has none at its end.
 * @param auth who must give the API token: clients beyond loopback ({@code auto}) or all
 * @param tls the keystore, when the API speaks HTTPS
 */
public record HttpSettings(String bind, int port, boolean readOnly, String basePath, AuthMode auth,
                           Optional<TlsSettings> tls) {

    static final int MAX_PORT = 65_535;
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*");

    /** @throws IllegalArgumentException if the port is out of range or the base path is malformed */
    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(tls, "tls");
        Ranges.check("http port", port, 0, MAX_PORT);
        if (!BASE_PATH.matcher(basePath).matches()) {
            throw new IllegalArgumentException("http base path must be empty or like /mqpool or /tools/mqpool "
                    + "(letters, digits, . _ ~ - between slashes, no slash at the end), got '" + basePath + "'");
        }
    }

    /** Token beyond loopback, plain HTTP. */
    public HttpSettings(String bind, int port, boolean readOnly, String basePath) {
        this(bind, port, readOnly, basePath, AuthMode.AUTO, Optional.empty());
    }

    /** Read-write, at the root. */
    public HttpSettings(String bind, int port) {
        this(bind, port, false, "");
    }

    /**
     * A base path as a user may write it: blank or {@code /} for the root, a missing leading
     * slash added, a trailing one dropped. The result may still be malformed.
     */
    static String normalizeBasePath(String given) {
        String path = given.strip();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
