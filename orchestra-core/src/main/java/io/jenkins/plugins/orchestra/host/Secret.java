package io.jenkins.plugins.orchestra.host;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A secret value: a password, a token, a private key. Its {@link #toString()} is {@code ****}, so that a secret
 * concatenated into a message, an event or an exception shows nothing; the value itself comes out only through
 * {@link #reveal()}, which a host calls where the value is used (an environment variable of a process, a file it
 * writes with owner-only permissions), never where it is shown.
 *
 * <p>A {@code Secret} is deliberately not {@link java.io.Serializable} and has no bean property: Java serialization
 * of an object that holds one fails (so does a Pipeline's saved program state), Jackson finds nothing to write and
 * fails, and XStream (which Jenkins uses for {@code build.xml} and configuration) fails through {@code writeReplace}. A
 * step or a journal entry that must survive a restart keeps the credentials id and looks the secret up again.
 *
 * <p>The value is held as a {@code String}: values come from {@code String}s (JSON, environment variables, Jenkins'
 * own {@code Secret.getPlainText()}), so zeroing a {@code char[]} copy would give no protection, only the look of it.
 *
 * <p>{@link #equals(Object)} takes the same time for any two values of a given length, and {@link #hashCode()} is
 * salted per JVM, so that neither is an oracle for guessing the value.
 */
public final class Secret {
    private static final String MASK = "****";
    private static final int SALT = new SecureRandom().nextInt();

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret with this value; the empty string is a valid, if useless, secret. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** A secret with the value of these characters, copied; the caller may clear its array afterwards. */
    public static Secret of(char[] value) {
        return new Secret(new String(Objects.requireNonNull(value, "value")));
    }

    /** The value in plain text, for the one place that must use it. Never print it. */
    public String reveal() {
        return value;
    }

    /** Always {@code ****}, whatever the value. */
    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Secret)) {
            return false;
        }
        String other = ((Secret) o).value;
        int length = Math.max(value.length(), other.length());
        int difference = value.length() ^ other.length();
        for (int i = 0; i < length; i++) {
            char a = i < value.length() ? value.charAt(i) : 0;
            char b = i < other.length() ? other.charAt(i) : 0;
            difference |= a ^ b;
        }
        return difference == 0;
    }

    @Override
    public int hashCode() {
        int h = SALT;
        for (int i = 0; i < value.length(); i++) {
            h = 31 * h + value.charAt(i);
        }
        // a finalising mix, so that nearby values do not give nearby hashes
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** Called by XStream (not by Java serialization, which refuses the class outright): refuse to be written. */
    @SuppressWarnings("unused")
    private Object writeReplace() throws java.io.NotSerializableException {
        throw new java.io.NotSerializableException(
                "a Secret is never serialized; keep the credentials id and look the secret up again");
    }
}
