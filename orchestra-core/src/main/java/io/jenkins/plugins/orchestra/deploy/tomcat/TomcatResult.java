package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy or a rollback did on one Tomcat, for the step's per-host table and outputs.
 *
 * @param host the Tomcat
 * @param outcome what happened
 * @param previousVersion the version at the path before, if known
 * @param version the version at the path after (in a dry run: the one it would be)
 * @param duration how long it took, the manager's answers included
 * @param message one line for the user
 */
public record TomcatResult(
        TomcatHost host,
        Outcome outcome,
        Optional<String> previousVersion,
        String version,
        Duration duration,
        String message) {

    /** What a call did. */
    public enum Outcome {
        /** The WAR was deployed: the path now runs the new version. */
        DEPLOYED,
        /** The path already ran this version with the same checksum: nothing was done. */
        UNCHANGED,
        /** The previous kept WAR was deployed again and the current one's record dropped. */
        ROLLED_BACK,
        /** A dry run: nothing was done; {@link #message()} says what would be. */
        PLANNED
    }

    public TomcatResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(previousVersion, "previousVersion");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the Tomcat was changed. */
    public boolean changed() {
        return outcome == Outcome.DEPLOYED || outcome == Outcome.ROLLED_BACK;
    }
}
