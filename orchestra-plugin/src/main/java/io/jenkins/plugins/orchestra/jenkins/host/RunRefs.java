package io.jenkins.plugins.orchestra.jenkins.host;

import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.orchestra.host.RunRef;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** A Jenkins run as core names it. */
@Restricted(NoExternalUse.class)
public final class RunRefs {
    private RunRefs() {}

    /**
     * The job's full name, the build number, the build's absolute URL if the Jenkins URL is configured (empty
     * otherwise), and the user who started it, or {@code anonymous} for a timer, an SCM push or an upstream build.
     */
    public static RunRef of(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        Cause.UserIdCause started = run.getCause(Cause.UserIdCause.class);
        return new RunRef(
                run.getParent().getFullName(),
                run.getNumber(),
                root == null ? "" : root + run.getUrl(),
                started == null ? null : started.getUserId());
    }
}
