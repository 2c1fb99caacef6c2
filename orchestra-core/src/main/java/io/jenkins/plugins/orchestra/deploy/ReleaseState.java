package io.jenkins.plugins.orchestra.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host has: the live release, the one before it, the releases present with their checksums.
 *
 * @param current the live release, if any
 * @param previous the release that was live before {@code current} and is still present: where a rollback goes
 * @param releases the releases present on the host, oldest first
 * @param checksums the SHA-256 of the artifact each release was made from, where known
 * @param liveSlot the blue/green slot {@code current} points at, if the host uses slots
 * @param currentLink how the kind reaches {@code current} ({@code releases/42}, {@code blue}), to put it back exactly;
 *     empty when nothing is live
 */
public record ReleaseState(
        Optional<String> current,
        Optional<String> previous,
        List<String> releases,
        Map<String, String> checksums,
        Optional<String> liveSlot,
        Optional<String> currentLink) {
    public ReleaseState {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        releases = List.copyOf(releases);
        checksums = Map.copyOf(checksums);
        Objects.requireNonNull(liveSlot, "liveSlot");
        Objects.requireNonNull(currentLink, "currentLink");
    }

    /** A host with nothing deployed. */
    public static ReleaseState empty() {
        return new ReleaseState(
                Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.empty(), Optional.empty());
    }

    public boolean has(String version) {
        return releases.contains(version);
    }

    public Optional<String> checksumOf(String version) {
        return Optional.ofNullable(checksums.get(version));
    }

    /** Whether {@code version} is live and was made from an artifact with this checksum. */
    public boolean isCurrent(String version, String checksum) {
        return current.filter(version::equals).isPresent()
                && checksumOf(version).filter(checksum::equals).isPresent();
    }
}
