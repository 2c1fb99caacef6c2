package io.jenkins.plugins.orchestra.deploy.tomcat;

import io.jenkins.plugins.orchestra.deploy.DeployException;
import io.jenkins.plugins.orchestra.deploy.LockOwner;
import io.jenkins.plugins.orchestra.host.StepListener;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The lock of one Tomcat's path in the target's state directory ({@code hosts/<host>_<port>/<context>.lock}): a deploy
 * of the step holds it from before it reads the host until it ends, so two runs that share the state directory do not
 * deploy the same path at once. It holds a {@link LockOwner} line, is created atomically (a temporary file hard-linked
 * to its name) and taken over, with a warning, when older than {@code staleAfter} or left by a process of this machine
 * that has ended.
 */
final class TomcatLock {
    private final Path file;
    private final String host;

    TomcatLock(Path file, String host) {
        this.file = file;
        this.host = host;
    }

    Path file() {
        return file;
    }

    void lock(LockOwner owner, Duration staleAfter, Instant now, StepListener listener) {
        try {
            Files.createDirectories(file.getParent());
            for (int attempt = 1; ; attempt++) {
                if (create(owner)) {
                    return;
                }
                Optional<String> held = read();
                if (held.isEmpty()) {
                    // released between our try and our look: try again
                    if (attempt < 3) {
                        continue;
                    }
                    throw DeployException.locked("target is locked on " + host + " (" + file + ")");
                }
                Optional<LockOwner> holder = LockOwner.parse(held.get());
                String who = holder.map(LockOwner::describe).orElse("an unknown owner ('" + held.get() + "')");
                Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), now);
                boolean gone = holder.map(LockOwner::isGoneFromThisMachine).orElse(false);
                if (holder.filter(owner::equals).isPresent()) {
                    return;
                }
                if (age.compareTo(staleAfter) <= 0 && !gone) {
                    throw DeployException.locked("target is locked on " + host + " by " + who + " (" + file
                            + "); it is released when that deploy ends, or taken over once older than "
                            + Durations.format(staleAfter));
                }
                listener.warn(host + ": taking over the stale lock of " + who + " ("
                        + (gone ? "its process has ended" : "older than " + Durations.format(staleAfter)) + ")");
                // delete only the lock we read: another run may have taken it over just now
                if (read().equals(held)) {
                    Files.deleteIfExists(file);
                }
                if (attempt >= 3) {
                    throw DeployException.locked("target is locked on " + host + ": another run took over the stale"
                            + " lock of " + who + " first (" + file + ")");
                }
            }
        } catch (IOException e) {
            throw new TomcatStateException("cannot take the lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock if {@code owner} holds it. */
    void unlock(LockOwner owner) {
        try {
            if (read().filter(owner.line()::equals).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new TomcatStateException("cannot release the lock " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean create(LockOwner owner) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".lock-", ".tmp");
        try {
            Files.writeString(temp, owner.line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.createLink(file, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                // no hard links here: creating the file is atomic too; its line follows at once
                try {
                    Files.writeString(file, owner.line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                    return true;
                } catch (FileAlreadyExistsException held) {
                    return false;
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Optional<String> read() throws IOException {
        try {
            String line = Files.readString(file, StandardCharsets.UTF_8).strip();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
