package io.jenkins.plugins.orchestra.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A path a Jenkinsfile gives relative to the workspace, confined to it: an absolute path, a {@code ..} that climbs out,
 * or a symbolic link that leads out is refused, so a Jenkinsfile cannot make a step read or write where it pleases.
 * Shared by every argument that names a place in the workspace (the outbox channel's {@code directory}, provision's
 * {@code dir}).
 */
public final class WorkspacePath {
    private WorkspacePath() {}

    /**
     * Resolves {@code given} against {@code workspace}, refusing a path that leaves it.
     *
     * @param field the argument as the user writes it, named in the message
     * @return the path, absolute and normalized, inside the workspace
     * @throws IllegalArgumentException naming {@code field} and the value, on one line
     */
    public static Path resolve(Path workspace, String field, String given) {
        Path root = workspace.toAbsolutePath().normalize();
        Path relative;
        try {
            relative = Path.of(given);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(field + " is not a path: '" + show(given) + "'");
        }
        if (relative.isAbsolute() || relative.getRoot() != null) {
            throw new IllegalArgumentException(field + " must be relative to the workspace, was '" + show(given) + "'");
        }
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException(field + " must stay inside the workspace, was '" + show(given) + "'");
        }
        boolean inside;
        try {
            inside = reallyInside(path, root);
        } catch (IOException e) {
            throw new IllegalArgumentException(field + " cannot be read: '" + show(given) + "': " + e.getMessage());
        }
        if (!inside) {
            throw new IllegalArgumentException(
                    field + " leads out of the workspace through a symbolic link, was '" + show(given) + "'");
        }
        return path;
    }

    /**
     * Whether {@code path}, or the nearest part of it that exists, is really (symbolic links followed) inside the
     * workspace; for checking again just before use. {@code path} is normalized and under {@code workspace} as text.
     */
    public static boolean reallyInside(Path path, Path workspace) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.startsWith(root)) {
            return true; // the workspace itself does not exist yet: nothing in it can lead out
        }
        return existing.toRealPath().startsWith(root.toRealPath());
    }

    private static String show(String given) {
        String line = given.replaceAll("\\p{Cntrl}", " ");
        return line.length() > 200 ? line.substring(0, 200) + "… (" + given.length() + " characters)" : line;
    }
}
