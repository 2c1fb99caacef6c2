package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs at a target's context path on one Tomcat, from the manager's list and the step's own record.
 *
 * @param host the Tomcat
 * @param path the context path
 * @param apps what the manager lists at the path: nothing, one application, or the versions of a parallel deployment
 * @param recorded the last WAR the step deployed there, if it deployed one and still keeps its record
 */
public record TomcatDeployment(TomcatHost host, String path, List<TomcatApp> apps, Optional<TomcatRelease> recorded) {
    public TomcatDeployment {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        apps = List.copyOf(apps);
        Objects.requireNonNull(recorded, "recorded");
    }

    /** Whether an application is deployed at the path, running or not. */
    public boolean isDeployed() {
        return !apps.isEmpty();
    }

    /** Whether an application at the path is running. */
    public boolean isRunning() {
        return apps.stream().anyMatch(TomcatApp::isRunning);
    }

    /** Whether the path is served by Tomcat's parallel deployment ({@code shop##2}), which this target does not use. */
    public boolean isParallelDeployment() {
        return apps.stream().anyMatch(app -> app.parallelVersion().isPresent());
    }

    /**
     * The version deployed at the path: the newest version of a parallel deployment, else the version the step recorded
     * for its last deploy there; empty if nothing is deployed, or if what is deployed was not deployed by the step.
     */
    public Optional<String> version() {
        if (apps.isEmpty()) {
            return Optional.empty();
        }
        if (isParallelDeployment()) {
            return apps.stream()
                    .map(TomcatApp::parallelVersion)
                    .flatMap(Optional::stream)
                    .reduce((a, b) -> b);
        }
        return recorded.map(TomcatRelease::version);
    }

    /** Whether the path already runs exactly this WAR: deployed by the step, same version, same checksum. */
    public boolean runs(WarRelease release) {
        return isRunning()
                && !isParallelDeployment()
                && recorded.map(r -> r.isSameAs(release)).orElse(false);
    }

    /** For messages: {@code 2}, {@code an application not deployed by Orchestra}, {@code nothing}. */
    public String describe() {
        if (apps.isEmpty()) {
            return "nothing";
        }
        String running = isRunning() ? "" : " (stopped)";
        return version().map(v -> v + running).orElse("an application not deployed by this target" + running);
    }
}
