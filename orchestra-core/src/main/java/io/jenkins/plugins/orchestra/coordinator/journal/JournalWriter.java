package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends every event it hears to a journal file, one JSON line each. A line is written whole, in one call, and
 * handed to the operating system before {@link #onEvent} returns ({@link Durability#FSYNC}: forced to the disk too),
 * so the run never moves past an event that a crash could lose. Register it before other listeners, so that nothing
 * shows an event the journal may not hold.
 *
 * <p>Failures to write throw {@link JournalException} out of {@link #onEvent}; the writer then refuses further events,
 * as the file may end in part of a line. Thread-safe.
 */
public final class JournalWriter implements CoordinatorListener, Closeable {
    private static final System.Logger LOG = System.getLogger(JournalWriter.class.getName());

    private final Path file;
    private final FileChannel channel;
    private final Durability durability;
    private boolean failed;
    private boolean closed;

    private JournalWriter(Path file, FileChannel channel, Durability durability) {
        this.file = file;
        this.channel = channel;
        this.durability = durability;
    }

    /**
     * Starts the journal of a new run of {@code plan}: creates {@code file} (and its missing parent directories) and
     * writes the header line.
     *
     * @throws JournalException if {@code file} exists already, or cannot be written
     */
    public static JournalWriter create(Path file, Plan plan, Durability durability) {
        Objects.requireNonNull(durability, "durability");
        byte[] header = EventCodec.toJson(JournalHeader.of(plan));
        FileChannel channel;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw JournalException.cannotWrite(file, e);
        }
        JournalWriter writer = new JournalWriter(file, channel, durability);
        try {
            writer.writeLine(header);
        } catch (JournalException e) {
            writer.close();
            deleteQuietly(file);
            throw e;
        }
        if (durability == Durability.FSYNC) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
        return writer;
    }

    /** {@link #create(Path, Plan, Durability)} with {@link Durability#FLUSH}. */
    public static JournalWriter create(Path file, Plan plan) {
        return create(file, plan, Durability.FLUSH);
    }

    /**
     * Continues the journal of a resumed run of {@code plan}. Read it with {@link JournalReader#forPlan} first: that
     * checks the plan and cuts off a line a crash left incomplete.
     *
     * @throws JournalMismatchException if the journal is of a plan of another shape
     * @throws JournalException if the file has no valid header, ends in an incomplete line, or cannot be written
     */
    public static JournalWriter append(Path file, Plan plan, Durability durability) {
        Objects.requireNonNull(durability, "durability");
        JournalHeader header = JournalReader.header(file);
        if (!header.fingerprint().equals(plan.fingerprint())) {
            throw JournalMismatchException.of(file, header, plan);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw JournalException.cannotWrite(file, e);
        }
        JournalWriter writer = new JournalWriter(file, channel, durability);
        try {
            ByteBuffer last = ByteBuffer.allocate(1);
            if (channel.read(last, channel.size() - 1) != 1 || last.get(0) != '\n') {
                writer.close();
                throw JournalException.endsInFragment(file);
            }
            channel.position(channel.size());
        } catch (IOException e) {
            writer.close();
            throw JournalException.cannotWrite(file, e);
        }
        return writer;
    }

    /** {@link #append(Path, Plan, Durability)} with {@link Durability#FLUSH}. */
    public static JournalWriter append(Path file, Plan plan) {
        return append(file, plan, Durability.FLUSH);
    }

    public Path file() {
        return file;
    }

    /**
     * Writes the event as a line of the journal.
     *
     * @throws JournalException if it cannot, or could not write an earlier event
     * @throws IllegalStateException if the writer is closed
     */
    @Override
    public synchronized void onEvent(CoordinatorEvent event) {
        writeLine(EventCodec.toJson(event));
    }

    private synchronized void writeLine(byte[] json) {
        if (closed) {
            throw new IllegalStateException("journal " + file + " is closed");
        }
        if (failed) {
            throw new JournalException("journal " + file + " is not written any more after an earlier failure");
        }
        ByteBuffer line =
                ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            if (durability == Durability.FSYNC) {
                channel.force(false);
            }
        } catch (IOException e) {
            failed = true;
            throw JournalException.cannotWrite(file, e);
        }
    }

    /** Closes the file; later events are refused. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw JournalException.cannotWrite(file, e);
        }
    }

    /** A new file survives a power loss only once its directory entry is on the disk too. */
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open a directory; the file's own syncs are all they offer
            LOG.log(System.Logger.Level.DEBUG, "cannot sync directory " + directory, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete the journal " + file + " left without a header", e);
        }
    }
}
