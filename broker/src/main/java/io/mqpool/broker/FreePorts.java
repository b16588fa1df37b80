package io.mqpool.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Probes TCP ports on one host before the broker's acceptor binds them. */
final class FreePorts {

    private FreePorts() {
    }

    /** Asks the OS for a free port on {@code host}. Does not block beyond the bind. */
    static int pick(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }

    /** True when a server socket can bind {@code host:port} right now. */
    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR matches what netty does, so a port in TIME_WAIT counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
