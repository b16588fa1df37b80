package io.mqpool.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold a secret (the HTTP API's token, the workers' broker password): created
 * readable by their owner only, and refused when anyone else may read them, as ssh refuses a
 * private key that others can read.
 */
public final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /** 32 random bytes as URL-safe base64 without padding: 43 characters. */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The file's text, creating it (owner-only from the start) with {@code content} if it does
     * not exist. Blocks on the file system.
     *
     * @param what what the file holds, for errors: "the HTTP API token"
     * @throws SecretFileException when it cannot be created or read, or others may read it
     */
    public static String readOrCreate(Path file, String content, String what) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path fresh = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".new",
                    PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE)));
            try {
                Files.writeString(fresh, content, StandardCharsets.UTF_8);
                // A link that fails because the file exists leaves the existing one as it was:
                // two servers starting at once agree on one secret.
                Files.createLink(file, fresh);
            } catch (FileAlreadyExistsException e) {
                // kept: read below
            } finally {
                Files.deleteIfExists(fresh);
            }
        } catch (UnsupportedOperationException e) {
            throw new SecretFileException("cannot create " + what + " in " + file
                    + ": the file system has no owner-only permissions");
        } catch (IOException e) {
            throw new SecretFileException("cannot create " + what + " in " + file + ": " + OneLine.messageOf(e));
        }
        return read(file, what);
    }

    /**
     * The file's text, which must be readable by its owner only.
     *
     * @throws SecretFileException when it is missing, unreadable, or others may read it
     */
    public static String read(Path file, String what) {
        if (!Files.exists(file)) {
            throw new SecretFileException(what + " file " + file + " does not exist");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new SecretFileException(what + " file " + file + " may be read by others ("
                        + PosixFilePermissions.toString(permissions) + "): chmod 600 it");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (UnsupportedOperationException e) {
            throw new SecretFileException("cannot check who may read " + what + " file " + file
                    + ": the file system has no owner-only permissions");
        } catch (IOException e) {
            throw new SecretFileException("cannot read " + what + " file " + file + ": " + OneLine.messageOf(e));
        }
    }

    /** A secret file that cannot be used; the message is one line. */
    public static final class SecretFileException extends RuntimeException {
        public SecretFileException(String message) {
            super(message);
        }
    }
}
