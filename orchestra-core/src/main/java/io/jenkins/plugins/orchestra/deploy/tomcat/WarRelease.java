package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A WAR to deploy as a version, checksummed once for all hosts ({@link TomcatTarget#prepare}).
 *
 * @param version the version users know it by ({@code 1.4.2}, {@code 2026-11-23_12}, a build number)
 * @param war the file to upload: the copy kept for rollback, or the artifact itself in a dry run
 * @param sha256 its SHA-256, lower-case hex
 * @param size its size in bytes
 */
public record WarRelease(String version, Path war, String sha256, long size) {
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    public WarRelease {
        requireVersion(version);
        Objects.requireNonNull(war, "war");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
    }

    /** The first 12 hex digits of the checksum, as messages show it. */
    public String shortSha() {
        return sha256.substring(0, Math.min(12, sha256.length()));
    }

    static String requireVersion(String version) {
        Objects.requireNonNull(version, "version is required");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version must be 1 to 128 letters, digits, '.', '_', '+' or '-', "
                    + "starting with a letter or digit, was '" + version + "'");
        }
        return version;
    }
}
