package io.mqpool.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewSecretFileIsReadableByItsOwnerOnlyAndKeptOnceMade() throws Exception {
        Path file = dir.resolve("sub").resolve("http-token");

        String first = SecretFiles.readOrCreate(file, "one\n", "the token");
        String second = SecretFiles.readOrCreate(file, "two\n", "the token");

        assertEquals("one\n", first);
        assertEquals("one\n", second);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file is left beside it");
        }
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheWayToMendIt() throws Exception {
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, "user=worker\npassword=x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        SecretFiles.SecretFileException e = assertThrows(SecretFiles.SecretFileException.class,
                () -> SecretFiles.read(file, "credentials"));

        assertEquals("credentials file " + file + " may be read by others (rw-r-----): chmod 600 it", e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nothing");

        SecretFiles.SecretFileException e = assertThrows(SecretFiles.SecretFileException.class,
                () -> SecretFiles.read(file, "credentials"));

        assertEquals("credentials file " + file + " does not exist", e.getMessage());
    }

    @Test
    void randomSecretsDifferAndAreUrlSafe() {
        String a = SecretFiles.randomSecret();
        assertNotEquals(a, SecretFiles.randomSecret());
        assertEquals(43, a.length());
        assertTrue(a.matches("[A-Za-z0-9_-]+"), a);
    }
}
