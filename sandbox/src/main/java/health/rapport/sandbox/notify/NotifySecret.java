package health.rapport.sandbox.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The shared secret of the sandbox's notifications: random, and kept in the data directory
 * (readable by its owner only) so a sandbox with persistent data keeps the same one across
 * restarts; an in-memory sandbox gets a new one per run. Nothing fixed ships in the code.
 */
public final class NotifySecret {

    public static final String FILE = "notify-secret";

    private NotifySecret() {
    }

    public static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The secret stored under {@code dataDir}, created on first use. */
    public static String of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            Files.createDirectories(dataDir);
            String secret = random();
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (Windows): the data directory's own protection applies.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
