package io.exchangebridge.system;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The passwords of every user of the stack and the credential-service's encryption key: random, generated once and kept
 * in a file, because the key must stay the same for as long as the database that it encrypted is kept.
 */
public final class StackSecrets {

    /** The users every stack configures, by the name the secret is stored under. */
    public static final List<String> NAMES = List.of("encryption-key", "credential-admin", "import-service-client",
            "smtp-service-client", "import-admin", "import-console", "import-writer", "relay-admin", "relay-sender",
            "relay-smtp-user");

    private final Properties values;

    private StackSecrets(Properties values) {
        this.values = values;
    }

    /** Reads the file, or creates it with fresh random values (owner-readable only). */
    public static StackSecrets loadOrCreate(Path file) {
        Properties values = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    values.load(in);
                }
            }
            boolean changed = false;
            SecureRandom random = new SecureRandom();
            for (String name : NAMES) {
                if (!values.containsKey(name)) {
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    values.setProperty(name, name.equals("encryption-key")
                            ? Base64.getEncoder().encodeToString(bytes)
                            : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
                    changed = true;
                }
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                try (Writer out = Files.newBufferedWriter(file)) {
                    values.store(out, "Exchange Bridge local stack: generated passwords and key (not for production)");
                }
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write " + file, e);
        }
        return new StackSecrets(values);
    }

    public String get(String name) {
        String value = values.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("No secret " + name);
        }
        return value;
    }

    /** Every value, for tests that make sure none of them leaks. */
    public List<String> all() {
        return NAMES.stream().map(this::get).toList();
    }

    /** The digest Quarkus' embedded users and the relay's listener users store: HEX(SHA-512(user:Quarkus:password)). */
    public static String digest(String user, String password) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-512")
                    .digest((user + ":Quarkus:" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
