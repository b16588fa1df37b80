package io.mqpool.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another host on this machine: a network namespace joined to this one by a veth pair,
 * {@code 10.253.N.1} on this side and {@code 10.253.N.2} on its own, and nothing else, so a
 * process started in it reaches this host's servers only through that link, which a test may
 * cut and restore. Needs root and iproute2; a test without them is skipped with one line.
 */
final class HostNamespace implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 100) * 2);

    private final String namespace;
    private final String link;
    private final String ourAddress;

    private HostNamespace(String namespace, String link, String ourAddress) {
        this.namespace = namespace;
        this.link = link;
        this.ourAddress = ourAddress;
    }

    /** Makes the namespace and its link, or skips the test when this machine cannot. */
    static HostNamespace create() {
        int n = NEXT.getAndIncrement() % 250 + 1;
        String namespace = "mqpool-host" + n;
        String link = "mqph" + n;
        String ours = "10.253." + n + ".1";
        ip("netns", "del", namespace);
        boolean made = ip("netns", "add", namespace)
                && ip("link", "add", link, "type", "veth", "peer", "name", link + "n")
                && ip("link", "set", link + "n", "netns", namespace)
                && ip("addr", "add", ours + "/30", "dev", link)
                && ip("link", "set", link, "up")
                && ip("netns", "exec", namespace, "ip", "addr", "add", "10.253." + n + ".2/30", "dev", link + "n")
                && ip("netns", "exec", namespace, "ip", "link", "set", link + "n", "up")
                && ip("netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        if (!made) {
            ip("link", "del", link);
            ip("netns", "del", namespace);
        }
        assumeTrue(made, "skipped: the multi-host tests need root and iproute2 (ip netns add, ip link add ... "
                + "type veth) to make hosts on this machine");
        return new HostNamespace(namespace, link, ours);
    }

    /** The address of this machine as the namespace sees it. */
    String serverAddress() {
        return ourAddress;
    }

    /** The command prefix that runs a command in the namespace. */
    List<String> exec() {
        return List.of("ip", "netns", "exec", namespace);
    }

    /** Cuts the link: packets stop both ways, connections stay open until they time out. */
    void cut() {
        if (!ip("link", "set", link, "down")) {
            throw new IllegalStateException("cannot take " + link + " down");
        }
    }

    void restore() {
        if (!ip("link", "set", link, "up")) {
            throw new IllegalStateException("cannot bring " + link + " up");
        }
    }

    /** Removes the namespace, and with it the link. */
    @Override
    public void close() {
        ip("netns", "del", namespace);
        ip("link", "del", link);
    }

    private static boolean ip(String... args) {
        return IpCommand.run(args);
    }
}
