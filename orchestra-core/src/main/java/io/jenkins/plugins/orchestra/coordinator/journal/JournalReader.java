package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a journal back. The last line may have been cut short by a crash while it was written: such a torn tail is
 * dropped and reported through {@link Journal#tornTail()}. Any other line that is not a valid event is an error.
 */
public final class JournalReader {
    private static final System.Logger LOG = System.getLogger(JournalReader.class.getName());

    private JournalReader() {}

    /**
     * Reads {@code file} as it is.
     *
     * @throws JournalException if it cannot be read, has no valid header, or a line before the last is not valid
     */
    public static Journal read(Path file) {
        return parse(file, readAll(file)).journal();
    }

    /**
     * Reads the journal of a run of {@code plan} before resuming it, and cuts a torn tail off the file so that the
     * events appended next start on a line of their own.
     *
     * @throws JournalMismatchException if the journal was written for a plan of another shape (the file is left as
     *     it is)
     * @throws JournalException as {@link #read}, or if the torn tail cannot be cut off
     */
    public static Journal forPlan(Path file, Plan plan) {
        Parsed parsed = parse(file, readAll(file));
        JournalHeader header = parsed.journal().header();
        if (!header.fingerprint().equals(plan.fingerprint())) {
            throw JournalMismatchException.of(file, header, plan);
        }
        if (parsed.journal().tornTail()) {
            truncate(file, parsed.completeLength());
        }
        return parsed.journal();
    }

    /** The header alone, read from the first line. */
    static JournalHeader header(Path file) {
        byte[] line;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                out.write(b);
            }
            if (b < 0) {
                throw noHeader(file, out.size());
            }
            line = out.toByteArray();
        } catch (IOException e) {
            throw JournalException.cannotRead(file, e);
        }
        return header(file, line, line.length);
    }

    private record Parsed(Journal journal, long completeLength) {}

    private static Parsed parse(Path file, byte[] bytes) {
        int firstEnd = indexOf(bytes, 0);
        if (firstEnd < 0) {
            throw noHeader(file, bytes.length);
        }
        JournalHeader header = header(file, bytes, firstEnd);
        List<CoordinatorEvent> events = new ArrayList<>();
        int start = firstEnd + 1;
        int line = 1;
        while (start < bytes.length) {
            line++;
            int end = indexOf(bytes, start);
            if (end < 0) {
                // a line is written with its new line in one call: without it, the line was cut short
                return new Parsed(new Journal(header, events, true), start);
            }
            try {
                events.add(EventCodec.decode(JsonFields.parse(bytes, start, end - start)));
            } catch (InvalidLineException e) {
                if (end == bytes.length - 1 && e.isNotJson()) {
                    // the last line, garbled by a crash: a file system may fill a block it lost with zeros
                    return new Parsed(new Journal(header, events, true), start);
                }
                throw JournalException.invalidLine(file, line, e.getMessage());
            }
            start = end + 1;
        }
        return new Parsed(new Journal(header, events, false), bytes.length);
    }

    private static JournalHeader header(Path file, byte[] bytes, int length) {
        try {
            return EventCodec.decodeHeader(JsonFields.parse(bytes, 0, length));
        } catch (InvalidLineException e) {
            throw JournalException.noHeader(file, e.getMessage());
        }
    }

    private static JournalException noHeader(Path file, int length) {
        return JournalException.noHeader(
                file, length == 0 ? "the file is empty" : "its first line is incomplete (" + length + " bytes)");
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw JournalException.cannotRead(file, e);
        }
    }

    private static void truncate(Path file, long length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long torn = channel.size() - length;
            channel.truncate(length);
            channel.force(true);
            LOG.log(System.Logger.Level.INFO, "cut a torn last line of {0} bytes off journal {1}", torn, file);
        } catch (IOException e) {
            throw JournalException.cannotWrite(file, e);
        }
    }
}
