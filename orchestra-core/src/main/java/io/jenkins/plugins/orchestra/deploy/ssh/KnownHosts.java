package io.jenkins.plugins.orchestra.deploy.ssh;

import io.jenkins.plugins.orchestra.host.StepListener;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Checks host keys against an OpenSSH {@code known_hosts} file, as {@code ssh -o StrictHostKeyChecking=yes} does
 * (hashed names, {@code [host]:port}, patterns, {@code @revoked}), or as {@code accept-new} does when trust on first
 * use is on. Hosts are matched by the name the target gives them, never by a resolved address, so a jump host does not
 * change what is checked. A rejection's reason is left on the session for the connector to report.
 */
final class KnownHosts implements ServerKeyVerifier {
    /** The host a session is for: set in the connection context of every connect. */
    static final AttributeRepository.AttributeKey<Target> TARGET = new AttributeRepository.AttributeKey<>();

    /**
     * Where {@link #verifyServerKey} leaves why it refused a host key: set in the connection context too, since the
     * session's own attributes are gone once the refusal has closed it.
     */
    static final AttributeRepository.AttributeKey<AtomicReference<String>> REJECTION =
            new AttributeRepository.AttributeKey<>();

    /** Appends from connectors of every deploy in this JVM go one at a time. */
    private static final Object APPEND_LOCK = new Object();

    private final Path file;
    private final boolean trustOnFirstUse;
    private final StepListener listener;
    private final Object lock = new Object();
    private List<Known> entries;
    private String unreadable;

    /**
     * @param name the host as users name it, for messages
     * @param address what it is looked up by in {@code known_hosts}
     */
    record Target(String name, SshAddress address) {}

    private record Known(KnownHostEntry entry, PublicKey key) {}

    KnownHosts(Path file, boolean trustOnFirstUse, StepListener listener) {
        this.file = file;
        this.trustOnFirstUse = trustOnFirstUse;
        this.listener = listener;
    }

    Path file() {
        return file;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        AttributeRepository context = session.getConnectionContext();
        Target target = context == null ? null : context.getAttribute(TARGET);
        AtomicReference<String> reason = context == null ? null : context.getAttribute(REJECTION);
        if (target == null || reason == null) {
            return false;
        }
        Optional<String> rejection = check(target, serverKey);
        rejection.ifPresent(reason::set);
        return rejection.isEmpty();
    }

    /** Empty if the key is the one known for the host (or was just trusted on first use), else why not. */
    Optional<String> check(Target target, PublicKey serverKey) {
        String got = KeyUtils.getFingerPrint(serverKey) + " (" + KeyUtils.getKeyType(serverKey) + ")";
        synchronized (lock) {
            List<Known> known;
            try {
                known = load();
            } catch (IOException e) {
                return Optional.of("cannot read known_hosts " + file + ": " + e.getMessage());
            }
            List<Known> matches = new ArrayList<>();
            for (Known k : known) {
                if (k.entry()
                        .isHostMatch(target.address().host(), target.address().port())) {
                    matches.add(k);
                }
            }
            for (Known k : matches) {
                if ("revoked".equals(k.entry().getMarker()) && KeyUtils.compareKeys(k.key(), serverKey)) {
                    return Optional.of("host key " + got + " is marked @revoked in " + file);
                }
            }
            List<Known> plain =
                    matches.stream().filter(k -> k.entry().getMarker() == null).toList();
            for (Known k : plain) {
                if (KeyUtils.compareKeys(k.key(), serverKey)) {
                    return Optional.empty();
                }
            }
            if (!plain.isEmpty()) {
                PublicKey expected = plain.get(0).key();
                return Optional.of("host key changed: expected " + KeyUtils.getFingerPrint(expected) + " ("
                        + KeyUtils.getKeyType(expected) + "), got " + got
                        + " — if the change is expected, update known_hosts: ssh-keygen -f " + file + " -R '"
                        + pattern(target.address()) + "'");
            }
            if (!trustOnFirstUse) {
                return Optional.of("host key " + got + " is not in known_hosts (" + file
                        + "); add it with ssh-keyscan"
                        + (target.address().port() == 22
                                ? ""
                                : " -p " + target.address().port())
                        + " " + target.address().host() + " >> " + file + " or set trustOnFirstUse");
            }
            try {
                append(target.address(), serverKey);
            } catch (IOException e) {
                return Optional.of("cannot add the host key to known_hosts " + file + ": " + e.getMessage());
            }
            listener.warn("trusting " + target.name() + " on first use (trustOnFirstUse is set): its host key "
                    + got + " was not in known_hosts and is now added to " + file
                    + "; check this fingerprint with the host's owner (on the host: ssh-keygen -lf"
                    + " /etc/ssh/ssh_host_" + shortType(serverKey) + "_key.pub)");
            return Optional.empty();
        }
    }

    /**
     * The key types known for this host, in the file's order (ssh-ed25519, ssh-rsa…): a session for it asks for those
     * first, as OpenSSH does, so that a host with several keys answers with one we can check.
     */
    Set<String> knownKeyTypes(SshAddress address) {
        synchronized (lock) {
            Set<String> types = new LinkedHashSet<>();
            try {
                for (Known k : load()) {
                    if (k.entry().getMarker() == null && k.entry().isHostMatch(address.host(), address.port())) {
                        types.add(KeyUtils.getKeyType(k.key()));
                    }
                }
            } catch (IOException e) {
                // reported by check(), when the key arrives
            }
            return types;
        }
    }

    private List<Known> load() throws IOException {
        if (unreadable != null) {
            throw new IOException(unreadable);
        }
        if (entries != null) {
            return entries;
        }
        List<Known> loaded = new ArrayList<>();
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                try {
                    PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                    if (key != null) {
                        loaded.add(new Known(entry, key));
                    }
                } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                    // a key type we cannot read (sk-…, a certificate authority): ssh would skip it as well
                    System.getLogger(KnownHosts.class.getName())
                            .log(System.Logger.Level.DEBUG, "skipping a known_hosts line of " + file, e);
                }
            }
        } catch (NoSuchFileException e) {
            // no file: every host is unknown
        } catch (IOException | RuntimeException e) {
            unreadable = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new IOException(unreadable, e);
        }
        entries = loaded;
        return entries;
    }

    private void append(SshAddress address, PublicKey key) throws IOException {
        StringBuilder line = new StringBuilder(pattern(address)).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(line, key);
        line.append('\n');
        synchronized (APPEND_LOCK) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
            Files.writeString(
                    file,
                    (needsNewline ? "\n" : "") + line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        }
        entries.add(new Known(KnownHostEntry.parseKnownHostEntry(line.toString().strip()), key));
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var channel = Files.newByteChannel(file)) {
            channel.position(channel.size() - 1);
            var one = java.nio.ByteBuffer.allocate(1);
            channel.read(one);
            return one.get(0) == '\n';
        }
    }

    /** How OpenSSH writes the host in known_hosts: {@code web1}, or {@code [web1]:2222} for another port. */
    static String pattern(SshAddress address) {
        return address.port() == 22 ? address.host() : "[" + address.host() + "]:" + address.port();
    }

    private static String shortType(PublicKey key) {
        String type = KeyUtils.getKeyType(key);
        if (type.contains("ed25519")) {
            return "ed25519";
        }
        if (type.startsWith("ecdsa")) {
            return "ecdsa";
        }
        return "rsa";
    }
}
