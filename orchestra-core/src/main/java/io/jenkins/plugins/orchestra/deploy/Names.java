package io.jenkins.plugins.orchestra.deploy;

import java.util.regex.Pattern;

/**
 * What versions, host names and paths may look like. Every value is quoted where it is used; these rules also keep
 * values that would mean something to a shell or a path ({@code ;}, {@code $}, {@code ..}) out of them altogether.
 */
final class Names {
    /** Starts with a letter or digit, so never {@code .}, {@code ..} or an option. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    /** A DNS name or IP address, with an optional {@code user@} and {@code :port}; IPv6 in brackets. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._@:\\[\\]%-]{0,252}");

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._@+=,-]+");

    private Names() {}

    static String version(String field, String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("deploy: " + field + " must start with a letter or digit and hold only"
                    + " letters, digits and . _ + - (at most 128), was '" + version + "'");
        }
        return version;
    }

    static String host(String field, String host) {
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("deploy: " + field + " must be a host name or address (letters,"
                    + " digits and . _ - : @ [ ] %), was '" + host + "'");
        }
        return host;
    }

    /** A path relative to the release, without {@code ..}: what {@code shared} entries are. */
    static String relativePath(String field, String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        boolean ok = !trimmed.isEmpty() && !trimmed.startsWith("/");
        if (ok) {
            for (String segment : trimmed.split("/", -1)) {
                if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                    ok = false;
                    break;
                }
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("deploy: " + field + " must be a relative path inside the release,"
                    + " without '..' (letters, digits and . _ @ + = , - between slashes), was '" + path + "'");
        }
        return trimmed;
    }

    /** A local path: relative to the workspace or absolute, without {@code ..} segments or control characters. */
    static String localPath(String field, String path) {
        boolean ok = !path.isBlank() && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        if (ok) {
            for (String segment : path.split("/")) {
                if (segment.equals("..")) {
                    ok = false;
                    break;
                }
            }
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    "deploy: " + field + " must be a path in the workspace, without '..'," + " was '" + path + "'");
        }
        return path;
    }

    /** A base directory: a path without {@code ..} segments or control characters; absolute unless the kind allows. */
    static String base(String field, String path, boolean mustBeAbsolute) {
        boolean ok = !path.isBlank() && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        for (String segment : path.split("/")) {
            ok &= !segment.equals("..");
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    "deploy: " + field + " must be a directory path without '..', was '" + path + "'");
        }
        if (mustBeAbsolute && !path.startsWith("/")) {
            throw new IllegalArgumentException("deploy: " + field + " must be an absolute path, was '" + path + "'");
        }
        if (path.equals("/")) {
            throw new IllegalArgumentException("deploy: " + field + " must not be /, was '" + path + "'");
        }
        return path;
    }
}
