package io.mqpool.engine;

import java.security.SecureRandom;

/**
 * Makes job ids: 12 random base-32 characters, short enough to type and random enough that
 * ids never repeat across data directories (the broker's duplicate detection keys on them).
 */
public final class JobIds {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private final SecureRandom random = new SecureRandom();

    /** A new id. Thread-safe. */
    public String next() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
