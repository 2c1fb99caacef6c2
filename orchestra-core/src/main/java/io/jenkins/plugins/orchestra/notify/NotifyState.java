package io.jenkins.plugins.orchestra.notify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@code notify} remembers for a run, in a small file ({@value #FILE_NAME}) in a directory the host gives (the
 * runner: the run's directory; Jenkins: the build's): the dedup keys of the messages sent, so that a retried or resumed
 * run does not send one twice, and each channel's {@link ChannelMemory} (Slack's thread). The file is replaced whole
 * at each change (write, then rename), so a crash leaves the old one or the new one. It never holds a secret.
 */
public final class NotifyState {
    public static final String FILE_NAME = "notify-state.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Locks by file and key, shared by every {@code NotifyState} of this JVM; dropped when no one holds them. */
    private static final Map<String, Holder> LOCKS = new HashMap<>();

    private final Path file;
    private Data memoryOnly;

    private NotifyState(Path file) {
        this.file = file;
        this.memoryOnly = file == null ? new Data() : null;
    }

    /** The state kept in {@code directory} (created when first written). */
    public static NotifyState in(Path directory) {
        return new NotifyState(Objects.requireNonNull(directory, "directory").resolve(FILE_NAME));
    }

    /** State kept in memory only, for a host that has nowhere to keep it: no dedup across a restart. */
    public static NotifyState inMemory() {
        return new NotifyState(null);
    }

    /** Whether a message with this dedup key was sent. */
    public boolean wasSent(String key) {
        synchronized (NotifyState.class) {
            return read().sent.containsKey(key);
        }
    }

    /** Remembers that the message with this dedup key was sent. */
    public void markSent(String key, Instant at) {
        synchronized (NotifyState.class) {
            Data data = read();
            data.sent.put(key, at.toString());
            write(data);
        }
    }

    /** What channel {@code channel} keeps for the run. */
    public ChannelMemory memory(String channel) {
        return new ChannelMemory() {
            @Override
            public Map<String, String> get() {
                synchronized (NotifyState.class) {
                    return Map.copyOf(read().memory.getOrDefault(channel, Map.of()));
                }
            }

            @Override
            public void put(Map<String, String> values) {
                synchronized (NotifyState.class) {
                    Data data = read();
                    data.memory.put(channel, new LinkedHashMap<>(values));
                    write(data);
                }
            }
        };
    }

    /**
     * Holds the lock of this key until the returned handle is closed, so that two calls for the same message (two
     * threads of one run) do not both send it.
     */
    public Lock lock(String key) {
        String name = (file == null ? "memory@" + System.identityHashCode(this) : file.toString()) + "\n" + key;
        Holder holder;
        synchronized (LOCKS) {
            holder = LOCKS.computeIfAbsent(name, n -> new Holder());
            holder.users++;
        }
        holder.lock.lock();
        return () -> {
            holder.lock.unlock();
            synchronized (LOCKS) {
                if (--holder.users == 0) {
                    LOCKS.remove(name);
                }
            }
        };
    }

    /** A held lock; closing it lets go. */
    public interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private Data read() {
        if (file == null) {
            return memoryOnly;
        }
        if (!Files.isRegularFile(file)) {
            return new Data();
        }
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Data.class);
        } catch (JacksonException e) {
            throw NotifyException.invalid(file + " is not readable: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(Data data) {
        if (file == null) {
            memoryOnly = data;
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temp, JSON.writeValueAsString(data), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The file's content. */
    static final class Data {
        public Map<String, String> sent = new LinkedHashMap<>();
        public Map<String, Map<String, String>> memory = new LinkedHashMap<>();
    }
}
