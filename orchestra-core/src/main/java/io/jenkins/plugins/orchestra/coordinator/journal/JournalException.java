package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.OrchestraException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A journal that cannot be written or read: an I/O failure, a corrupt line, a journal of another plan. The message is
 * one line and names the file. Not retryable: the same call fails the same way until somebody fixes the file or disk.
 */
public class JournalException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    JournalException(String message) {
        super(message);
    }

    JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    static JournalException cannotWrite(Path file, IOException cause) {
        return new JournalException("cannot write journal " + file + ": " + reason(file, cause), cause);
    }

    static JournalException cannotRead(Path file, IOException cause) {
        return new JournalException("cannot read journal " + file + ": " + reason(file, cause), cause);
    }

    static JournalException invalidLine(Path file, int line, String why) {
        return new JournalException("journal " + file + " line " + line + " is not valid: " + why);
    }

    static JournalException noHeader(Path file, String why) {
        return new JournalException("journal " + file + " has no valid header: " + why);
    }

    static JournalException endsInFragment(Path file) {
        return new JournalException("journal " + file + " ends in an incomplete line; read it with"
                + " JournalReader.forPlan, which cuts that line off, before appending to it");
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    /** The reason alone, without the file name that Java puts in the message; another file is named. */
    private static String reason(Path file, IOException e) {
        if (e instanceof FileSystemException fse
                && fse.getFile() != null
                && !fse.getFile().equals(file.toString())) {
            // creating the parent directories met a file where a directory should be
            return fse.getFile() + (e instanceof FileAlreadyExistsException ? " is not a directory" : ": " + reason(e));
        }
        return reason(e);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof AccessDeniedException) {
            return "access denied";
        }
        String why = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        return why == null || why.isBlank()
                ? e.getClass().getSimpleName()
                : why.lines().findFirst().orElse(why);
    }
}
