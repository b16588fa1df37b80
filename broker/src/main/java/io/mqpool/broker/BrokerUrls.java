package io.mqpool.broker;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/** Broker URLs as users write them: {@code tcp://HOST:PORT}, with Artemis' options after a {@code ?}. */
public final class BrokerUrls {

    private BrokerUrls() {
    }

    /** {@code HOST:PORT} of a {@code tcp://} URL, for messages; the URL itself when it has none. */
    public static String hostAndPort(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() == null ? url : uri.getHost() + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /**
     * Checks a broker URL given by a user: {@code tcp://HOST:PORT} whose host resolves. Blocks
     * while the host is looked up.
     *
     * @throws IllegalArgumentException with one line saying what is wrong and what would be right
     */
    public static String check(String url) {
        return check(url, url);
    }

    /**
     * As {@link #check(String)}, naming the URL as the user gave it, such as {@code host:port}
     * for {@code tcp://host:port}.
     */
    public static String check(String url, String asGiven) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw notAUrl(asGiven);
        }
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw notAUrl(asGiven);
        }
        try {
            InetAddress.getByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the broker host '" + uri.getHost() + "' of " + url
                    + " does not resolve");
        }
        return url;
    }

    private static IllegalArgumentException notAUrl(String url) {
        return new IllegalArgumentException("'" + url + "' is not a broker URL: give tcp://HOST:PORT, such as "
                + "tcp://10.0.0.5:61616");
    }
}
