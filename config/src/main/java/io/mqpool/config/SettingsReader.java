package io.mqpool.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Types the merged raw settings one key at a time, failing with a message that names the
 * setting, its source, what is allowed and what was given.
 */
final class SettingsReader {

    private final Map<SettingKey, RawSetting> values;
    private final String userHome;

    /** @param userHome expands a leading {@code ~}; may be null when unknown */
    SettingsReader(Map<SettingKey, RawSetting> values, String userHome) {
        this.values = Map.copyOf(values);
        this.userHome = userHome;
    }

    boolean has(SettingKey key) {
        return values.containsKey(key);
    }

    int integer(SettingKey key, int min, int max) {
        RawSetting raw = raw(key);
        int value;
        try {
            value = Integer.parseInt(raw.value().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a whole number, got '" + raw.value() + "'");
        }
        if (value < min || value > max) {
            throw invalid(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A duration of at least {@code min}. */
    Duration duration(SettingKey key, Duration min) {
        return duration(key, min, "500ms, 30s or 5m");
    }

    /** A duration of at least {@code min}; a bad one is refused showing {@code examples}. */
    Duration duration(SettingKey key, Duration min, String examples) {
        RawSetting raw = raw(key);
        Duration value;
        try {
            value = Durations.parse(raw.value());
        } catch (IllegalArgumentException e) {
            throw invalid(key, "must be a duration such as " + examples + ", got '"
                    + raw.value() + "'");
        }
        if (value.compareTo(min) < 0) {
            throw invalid(key, "must be at least " + Durations.format(min) + ", got '"
                    + raw.value() + "'");
        }
        return value;
    }

    /** Trimmed text that must not be blank. */
    String text(SettingKey key) {
        String value = raw(key).value().trim();
        if (value.isEmpty()) {
            throw invalid(key, "must not be empty");
        }
        return value;
    }

    /** Trimmed text that may be empty. */
    String textOrEmpty(SettingKey key) {
        return raw(key).value().trim();
    }

    /** A path; a leading {@code ~} stands for the user's home, relative paths become absolute. */
    Path path(SettingKey key) {
        String text = text(key);
        if (userHome != null && (text.equals("~") || text.startsWith("~/"))) {
            text = userHome + text.substring(1);
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(key, "must be a path, got '" + text + "'");
        }
    }

    /** A program: a path as given, so a bare {@code java} is still looked up on the PATH. */
    Path command(SettingKey key) {
        String text = text(key);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(key, "must be a path, got '" + text + "'");
        }
    }

    /** An absolute http or https URL with a host, without a trailing slash. */
    URI httpUrl(SettingKey key) {
        String text = text(key);
        try {
            return ClientSettings.checkedServer(new URI(text));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw invalid(key, "must be an http(s) URL such as " + ClientSettings.DEFAULT_SERVER
                    + ", got '" + text + "'");
        }
    }

    /** A JDBC URL of a vendor the store accepts (see {@link StoreSettings}). */
    String jdbcUrl(SettingKey key) {
        String text = text(key);
        try {
            return StoreSettings.checkedUrl(text);
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /** {@code true} or {@code false}, in any case. */
    boolean bool(SettingKey key) {
        String text = raw(key).value().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key, "must be true or false, got '" + raw(key).value() + "'");
    }

    AuthMode auth(SettingKey key) {
        try {
            return AuthMode.of(raw(key).value());
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /** A URL path prefix such as {@code /mqpool}; blank or {@code /} for none. */
    String basePath(SettingKey key) {
        String path = HttpSettings.normalizeBasePath(textOrEmpty(key));
        try {
            return new HttpSettings("127.0.0.1", 0, false, path).basePath();
        } catch (IllegalArgumentException e) {
            throw invalid(key, "must be empty or a path such as /mqpool (letters, digits, . _ ~ - between "
                    + "slashes), got '" + raw(key).value() + "'");
        }
    }

    /** Space-separated words; blank means none. */
    List<String> words(SettingKey key) {
        String text = textOrEmpty(key);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
    }

    private RawSetting raw(SettingKey key) {
        RawSetting raw = values.get(key);
        if (raw == null) {
            // The loader supplies a default for every key, so this is a bug, not user input.
            throw new IllegalStateException("no value for setting " + key.key());
        }
        return raw;
    }

    private SettingsException invalid(SettingKey key, String problem) {
        return new SettingsException("setting " + key.key() + " " + problem + " (from "
                + values.get(key).source() + ")");
    }
}
