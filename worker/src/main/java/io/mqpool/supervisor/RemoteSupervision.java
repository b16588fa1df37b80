package io.mqpool.supervisor;

import io.mqpool.broker.BrokerUrls;

/**
 * What {@code mqpool worker} on another host needs of this layer, so that the command line does
 * not reach into the broker's.
 */
public final class RemoteSupervision {

    private RemoteSupervision() {
    }

    /**
     * Checks a broker URL a user gave: {@code tcp://HOST:PORT} whose host resolves.
     *
     * @param asGiven the URL as typed, named in the error
     * @throws IllegalArgumentException with one line saying what is wrong and what would be right
     */
    public static void checkBrokerUrl(String url, String asGiven) {
        BrokerUrls.check(url, asGiven);
    }
}
