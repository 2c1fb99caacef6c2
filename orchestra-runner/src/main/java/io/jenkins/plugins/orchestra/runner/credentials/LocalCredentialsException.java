package io.jenkins.plugins.orchestra.runner.credentials;

import io.jenkins.plugins.orchestra.host.CredentialsException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The runner's credentials file or environment is wrong: too open, not JSON, an entry without a password, a variable
 * without its pair. One line naming the file and line or the variable, with the fix where there is one; never a
 * secret value, so never a piece of the file's text either.
 */
public final class LocalCredentialsException extends CredentialsException {
    private static final long serialVersionUID = 1L;

    private LocalCredentialsException(String message) {
        super(message);
    }

    private LocalCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }

    static LocalCredentialsException tooOpen(String what, Path file, String mode) {
        return new LocalCredentialsException("Permissions " + mode + " for " + what + " " + file
                + " are too open; run chmod 600 " + file + " so that only you can read it");
    }

    static LocalCredentialsException missing(Path file, String namedBy) {
        return new LocalCredentialsException("credentials file " + file + " named by " + namedBy + " does not exist");
    }

    static LocalCredentialsException notAFile(Path file) {
        return new LocalCredentialsException("credentials file " + file + " is not a regular file");
    }

    static LocalCredentialsException cannotRead(String what, Path file, IOException cause) {
        return new LocalCredentialsException("cannot read " + what + " " + file + ": " + reason(cause), cause);
    }

    static LocalCredentialsException cannotReadFileOf(String id, Path file, IOException cause) {
        return new LocalCredentialsException(
                "Credentials '" + id + "': cannot read " + file + ": " + reason(cause), cause);
    }

    static LocalCredentialsException notJson(Path file, int line, int column, String why) {
        return new LocalCredentialsException(
                "credentials file " + file + " line " + line + " column " + column + " is not valid JSON: " + why);
    }

    static LocalCredentialsException invalid(Path file, int line, String why) {
        return new LocalCredentialsException("credentials file " + file + " line " + line + ": " + why);
    }

    static LocalCredentialsException environment(String why) {
        return new LocalCredentialsException(why);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
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
