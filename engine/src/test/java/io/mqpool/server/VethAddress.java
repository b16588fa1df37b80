package io.mqpool.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An address beyond loopback that only this host can reach: one end of a fresh veth pair (both
 * ends here, so nothing leaves the machine) with {@code 10.254.N.1/30} on it. Connections from
 * this host to it come from that address, not from loopback. Needs root and iproute2; a test
 * without them is skipped with one line saying so.
 */
final class VethAddress implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 200));

    private final String link;
    private final String address;

    private VethAddress(String link, String address) {
        this.link = link;
        this.address = address;
    }

    /** Makes the pair, or skips the test when this host cannot. */
    static VethAddress create() {
        int n = NEXT.getAndIncrement() % 250 + 1;
        String link = "mqpv" + n;
        String address = "10.254." + n + ".1";
        boolean made = ip("link", "add", link + "a", "type", "veth", "peer", "name", link + "b")
                && ip("addr", "add", address + "/30", "dev", link + "a")
                && ip("link", "set", link + "a", "up")
                && ip("link", "set", link + "b", "up");
        if (!made) {
            ip("link", "del", link + "a");
        }
        assumeTrue(made, "skipped: binding beyond loopback needs root and iproute2 (ip link add ... type veth)");
        return new VethAddress(link, address);
    }

    /** The address, such as {@code 10.254.7.1}. */
    String address() {
        return address;
    }

    @Override
    public void close() {
        ip("link", "del", link + "a");
    }

    private static boolean ip(String... args) {
        return IpCommand.run(args);
    }
}
