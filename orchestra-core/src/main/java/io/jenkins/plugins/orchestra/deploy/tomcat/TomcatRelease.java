package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A WAR the step deployed to a host, as it records it beside the kept WAR.
 *
 * @param version the version it was deployed as
 * @param sha256 the WAR's SHA-256, lower-case hex
 * @param deployedAt when
 * @param run the run that deployed it ({@code job#12})
 */
public record TomcatRelease(String version, String sha256, Instant deployedAt, String run) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public TomcatRelease {
        WarRelease.requireVersion(version);
        Objects.requireNonNull(sha256, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
        Objects.requireNonNull(deployedAt, "deployedAt");
        Objects.requireNonNull(run, "run");
        if (run.isBlank() || run.contains("\t") || run.contains("\n")) {
            throw new IllegalArgumentException("run must be one line without tabs, was '" + run + "'");
        }
    }

    /** Whether this is the same WAR as {@code release}: same version, same checksum. */
    public boolean isSameAs(WarRelease release) {
        return version.equals(release.version()) && sha256.equals(release.sha256());
    }

    String line() {
        return version + "\t" + sha256 + "\t" + deployedAt + "\t" + run;
    }

    static TomcatRelease parse(String line) {
        String[] parts = line.split("\t", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a release record: '" + line + "'");
        }
        return new TomcatRelease(parts[0], parts[1], Instant.parse(parts[2]), parts[3]);
    }
}
