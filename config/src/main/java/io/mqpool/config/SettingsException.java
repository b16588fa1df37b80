package io.mqpool.config;

/**
 * A setting that is unknown, unreadable or out of range. The message is one line that names
 * the setting, where it came from and what is allowed, so a user can fix it.
 */
public class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
