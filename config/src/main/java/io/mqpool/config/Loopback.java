package io.mqpool.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address a listener binds is reachable from this host only. */
public final class Loopback {

    private Loopback() {
    }

    /**
     * True for {@code localhost}, 127.0.0.0/8 and ::1. Anything else, {@code 0.0.0.0} and a name
     * that does not resolve included, counts as beyond loopback: when in doubt, ask for credentials.
     */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True for a client's address that is on loopback. */
    public static boolean isLoopback(InetAddress client) {
        return client != null && client.isLoopbackAddress();
    }
}
