package io.mqpool.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A listener's TLS: the keystore (PKCS12 or JKS) holding its certificate and key, and the
 * keystore's password.
 */
public record TlsSettings(Path keystore, String password) {

    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
    }

    /**
     * TLS when a keystore is set; nothing when neither is.
     *
     * @throws SettingsException when only the password is set, or a keystore without its password
     */
    static Optional<TlsSettings> of(Optional<Path> keystore, Optional<String> password, String keystoreKey,
                                    String passwordKey) {
        if (keystore.isEmpty()) {
            if (password.isPresent()) {
                throw new SettingsException("setting " + passwordKey + " needs " + keystoreKey
                        + ", the keystore it opens");
            }
            return Optional.empty();
        }
        if (password.isEmpty()) {
            throw new SettingsException("setting " + keystoreKey + " needs " + passwordKey
                    + ", the keystore's password");
        }
        return Optional.of(new TlsSettings(keystore.get(), password.get()));
    }

    /** Hides the password in logs and errors. */
    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + "]";
    }
}
