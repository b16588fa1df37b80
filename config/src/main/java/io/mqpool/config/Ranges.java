package io.mqpool.config;

/**
 * The range checks of the settings records. The loader checks first, with the setting's
 * source in the message; these are the backstop for records built in code.
 */
final class Ranges {

    private Ranges() {
    }

    static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    what + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
