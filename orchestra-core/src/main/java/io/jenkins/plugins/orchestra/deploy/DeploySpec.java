package io.jenkins.plugins.orchestra.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a user asked {@code deploy} to do:
 *
 * <pre>
 * deploy target: 'web', artifact: 'build/app.tar.gz', version: env.BUILD_ID, strategy: 'rolling', batch: 2,
 *        healthCheck: [url: 'http://{host}:8080/health', expect: 200, timeout: '60s'], keep: 5
 * deploy target: 'web', rollback: true
 * </pre>
 *
 * @param target the target, by name or inline
 * @param artifact what to deploy, relative to the workspace: a {@code .tar.gz}/{@code .tgz}, {@code .tar}, {@code
 *     .zip}, a directory, or any other single file; absent for a rollback
 * @param version the release's name on every host; absent for a rollback
 * @param rollout the strategy and its batches
 * @param healthCheck how to tell that a host serves the new release; none by default
 * @param release what stays around a release: how many releases are kept, shared paths, hooks
 * @param rollbackOnFailure whether hosts switched by a failed deploy go back to their previous release; default true
 * @param dryRun print the plan per host and change nothing; the host's own dry run does the same
 * @param rollback switch every host back one release instead of deploying
 * @param lockStaleAfter a lock older than this is taken over with a warning; 1 hour by default
 */
public record DeploySpec(
        TargetRef target,
        Optional<String> artifact,
        Optional<String> version,
        Rollout rollout,
        Optional<HealthCheckSpec> healthCheck,
        ReleaseOptions release,
        boolean rollbackOnFailure,
        boolean dryRun,
        boolean rollback,
        Duration lockStaleAfter) {

    public static final Duration DEFAULT_LOCK_STALE_AFTER = Duration.ofHours(1);

    /** The step's parameters, for hosts that read them from a map and for documentation. */
    public static final Set<String> KEYS = Set.of(
            "target",
            "artifact",
            "version",
            "strategy",
            "batch",
            "maxParallel",
            "maxFailures",
            "canary",
            "pause",
            "approval",
            "healthCheck",
            "keep",
            "shared",
            "hooks",
            "rollbackOnFailure",
            "dryRun",
            "rollback",
            "lock");

    public DeploySpec {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(lockStaleAfter, "lockStaleAfter");
        if (rollback) {
            if (artifact.isPresent()) {
                throw new IllegalArgumentException(
                        "deploy: artifact is not used with rollback: true, was '" + artifact.get() + "'");
            }
            if (version.isPresent()) {
                throw new IllegalArgumentException("deploy: version is not used with rollback: true (it goes back one"
                        + " release), was '" + version.get() + "'");
            }
            if (rollout.strategy() != Strategy.ALL) {
                throw new IllegalArgumentException("deploy: rollback: true switches every host back at once; strategy"
                        + " must be 'all', was '" + rollout.strategy() + "'");
            }
        } else {
            Names.localPath(
                    "artifact",
                    artifact.orElseThrow(() -> new IllegalArgumentException(
                            "deploy: artifact is required: a .tar.gz, .zip, directory or file in the workspace")));
            Names.version(
                    "version",
                    version.orElseThrow(() -> new IllegalArgumentException(
                            "deploy: version is required, such as version: env.BUILD_ID")));
        }
        if (lockStaleAfter.isNegative() || lockStaleAfter.isZero()) {
            throw new IllegalArgumentException("deploy: lock.staleAfter must be positive, was " + lockStaleAfter);
        }
    }

    /** A deploy of {@code artifact} as {@code version} to every host of {@code target} at once, with the defaults. */
    public static DeploySpec of(TargetRef target, String artifact, String version) {
        return new DeploySpec(
                target,
                Optional.of(artifact),
                Optional.of(version),
                Rollout.all(),
                Optional.empty(),
                ReleaseOptions.defaults(),
                true,
                false,
                false,
                DEFAULT_LOCK_STALE_AFTER);
    }

    /**
     * Reads the step's parameters as a Jenkinsfile writes them ({@code deploy target: 'web', artifact: …}). Values
     * may be strings (Groovy strings too), numbers, booleans, lists and maps.
     *
     * @throws IllegalArgumentException naming the parameter and its bad value: {@code deploy: batch must be a count
     *     or a percentage such as '25%', at least 1, was 'x'}
     */
    public static DeploySpec parse(Map<?, ?> parameters) {
        Args a = Args.of("", parameters, KEYS);
        TargetRef target = TargetRef.parse(a.raw("target")
                .orElseThrow(() -> new IllegalArgumentException("deploy: target is required: the"
                        + " name of a configured target, or a map such as [kind: 'local', base: '/srv/app']")));
        Strategy strategy = a.string("strategy").map(Strategy::parse).orElse(Strategy.ALL);
        Optional<String> approval = a.raw("approval").flatMap(v -> {
            if (v instanceof Boolean b) {
                return b ? Optional.of("") : Optional.empty();
            }
            return a.string("approval");
        });
        Rollout rollout = new Rollout(
                strategy,
                a.raw("batch").map(v -> HostCount.parse("batch", v, true)),
                a.integer("maxParallel").map(OptionalInt::of).orElse(OptionalInt.empty()),
                a.raw("maxFailures")
                        .map(v -> HostCount.parse("maxFailures", v, false))
                        .orElse(HostCount.count(0)),
                a.raw("canary").map(v -> HostCount.parse("canary", v, true)),
                a.duration("pause"),
                approval.map(q -> q.isEmpty() ? "Promote the release from the canary hosts to the rest?" : q));
        Duration staleAfter = a.map("lock")
                .map(m -> Args.of("lock", m, Set.of("staleAfter"))
                        .duration("staleAfter")
                        .orElse(DEFAULT_LOCK_STALE_AFTER))
                .orElse(DEFAULT_LOCK_STALE_AFTER);
        return new DeploySpec(
                target,
                a.string("artifact"),
                a.string("version"),
                rollout,
                a.raw("healthCheck").map(HealthCheckSpec::parse),
                new ReleaseOptions(
                        a.integer("keep").orElse(ReleaseOptions.DEFAULT_KEEP),
                        a.strings("shared"),
                        a.raw("hooks").map(Hooks::parse).orElse(Hooks.none())),
                a.bool("rollbackOnFailure").orElse(true),
                a.bool("dryRun").orElse(false),
                a.bool("rollback").orElse(false),
                staleAfter);
    }

    /** The version, for a deploy (not a rollback). */
    public String requiredVersion() {
        return version.orElseThrow(() -> new IllegalStateException("a rollback has no version"));
    }

    /** The shared paths, for convenience. */
    public List<String> shared() {
        return release.shared();
    }
}
