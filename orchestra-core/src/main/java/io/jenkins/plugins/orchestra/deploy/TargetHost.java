package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.host.StepListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One host of a {@link DeployTarget}, opened for one deploy: the operations the strategies are made of. A deploy calls
 * them from one thread at a time per host, in this order: {@link #lock}, {@link #state}, {@link #prepare} (the new
 * release is in place but not live), {@link #activate} (it goes live), then {@link #restore} if the deploy fails, then
 * {@link #prune} and {@link #unlock}.
 *
 * <p>{@code local} and {@code ssh} share one implementation over {@link HostConnection}: releases in {@code
 * <base>/releases/<version>}, a {@code current} symlink switched atomically, a release log and a lock file in {@code
 * <base>/.orchestra}. A kind that cannot stage a release without serving it (a Tomcat manager) does both in {@link
 * #activate} and keeps what {@link #restore} needs itself (the previous WAR).
 *
 * <p>Every method that touches the host throws {@link HostException} (naming the host) when it cannot, and {@link
 * InterruptedException} when the deploy is stopped.
 */
public interface TargetHost extends AutoCloseable {
    /** The host as the target names it. */
    String name();

    /** What {@code {host}} in a health check URL becomes: the host name without user or port. */
    String address();

    /**
     * What {@code {url}} in a health check URL becomes: the URL the host serves the deployed application at, without a
     * trailing {@code /} ({@code http://web1:8080/shop}); empty for kinds that do not know it ({@code local}, {@code
     * ssh}), whose targets refuse {@code {url}} in {@link DeployTarget#check}.
     */
    default Optional<String> url() {
        return Optional.empty();
    }

    /**
     * Takes the target's lock on this host for {@code owner}. A lock held by another owner is taken over, with a
     * warning through {@code listener}, when it is older than {@code staleAfter} or its owner was a process of this
     * machine that has ended.
     *
     * @throws DeployException if another owner holds it, naming that owner
     */
    void lock(LockOwner owner, Duration staleAfter, StepListener listener) throws InterruptedException;

    /** Releases the lock if {@code owner} holds it. Never throws for a lock that is already gone. */
    void unlock(LockOwner owner) throws InterruptedException;

    /** What the host has now. */
    ReleaseState state() throws InterruptedException;

    /**
     * Puts {@code version} in place from {@code artifact} without making it live: uploaded to a temporary name,
     * checked, unpacked, shared paths linked, renamed into place. A release of that version made from an artifact
     * with the same checksum is reused as it is.
     *
     * @param state what {@link #state} said, under the lock
     * @return whether the release was uploaded or reused
     */
    Prepared prepare(Artifact artifact, String version, ReleaseOptions options, ReleaseState state)
            throws InterruptedException;

    /**
     * What {@link #prepare} did, one line for the log: {@code uploaded 20.0 MB and unpacked it into
     * /srv/app/releases/42}.
     */
    default String describe(Prepared prepared, Artifact artifact, String version) {
        return prepared == Prepared.REUSED
                ? "releases/" + version + " is already there from the same artifact: reusing it"
                : "uploaded " + artifact.sizeText() + " and unpacked it into " + location() + "/releases/" + version;
    }

    /**
     * For a dry run: how this host would make {@code version} live, in the kind's words ({@code deploy shop.war to
     * /shop through the manager}); empty for the release model's words (upload, unpack, link, switch {@code
     * current}). Reads nothing and changes nothing.
     */
    default Optional<String> planDeploy(Artifact artifact, String version, ReleaseState state) {
        return Optional.empty();
    }

    /**
     * For a dry run: how this host would go back to {@code state.previous()}, in the kind's words; empty for {@code
     * switch current back one release}. Reads nothing and changes nothing.
     */
    default Optional<String> planRollback(ReleaseState state) {
        return Optional.empty();
    }

    /**
     * Blue/green: points the slot that is not live at {@code version} (prepared before) and returns its name; what is
     * live is untouched.
     */
    default String stage(String version, ReleaseState state) throws InterruptedException {
        throw new UnsupportedOperationException(name() + " has no blue/green slots");
    }

    /** Blue/green: makes {@code slot} live, atomically, and records {@code version} in the release log. */
    default void activateSlot(String slot, String version, String checksum) throws InterruptedException {
        throw new UnsupportedOperationException(name() + " has no blue/green slots");
    }

    /** Makes {@code version} (prepared before) live, atomically, and records it in the release log. */
    void activate(String version, String checksum) throws InterruptedException;

    /** Puts back what was live in {@code before}; nothing live if nothing was. Records it in the release log. */
    void restore(ReleaseState before) throws InterruptedException;

    /**
     * Switches back one release: to {@code state.previous()}, which the caller has checked is present. Records it in
     * the release log.
     *
     * @return the release now live
     */
    String rollBackOne(ReleaseState state) throws InterruptedException;

    /**
     * Runs a hook or a health check command on the host, in {@code version}'s release directory, with {@code
     * DEPLOY_VERSION}, {@code DEPLOY_PREVIOUS_VERSION}, {@code DEPLOY_HOST}, {@code DEPLOY_BASE} and {@code
     * DEPLOY_RELEASE_DIR} set.
     *
     * @throws UnsupportedOperationException if the kind cannot run commands (a Tomcat manager)
     */
    ExecResult run(String command, String version, Optional<String> previous, Duration timeout)
            throws InterruptedException;

    /**
     * Deletes releases beyond the newest {@code keep}, never the live one, the one before it, a slot's, or {@code
     * protect}; and what failed deploys left half-done.
     *
     * @return the releases deleted
     */
    List<String> prune(int keep, List<String> protect) throws InterruptedException;

    /** Where releases go on this host, for plans and messages. */
    String location();

    /** Closes what {@link DeployTarget#open} opened for this host; never throws. */
    @Override
    void close();

    /** How {@link #prepare} put a release in place. */
    enum Prepared {
        /** The artifact was uploaded and unpacked. */
        UPLOADED,
        /** The release was already on the host, made from the same artifact. */
        REUSED
    }
}
