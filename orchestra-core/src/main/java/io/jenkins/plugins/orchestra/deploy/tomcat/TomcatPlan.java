package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy or a rollback would do on one Tomcat, for a dry run; reading it changes nothing.
 *
 * @param host the Tomcat
 * @param changes whether it would change anything
 * @param from the version at the path now, if known
 * @param to the version it would be at afterwards, if it can be done
 * @param description one line for the user
 */
public record TomcatPlan(
        TomcatHost host, boolean changes, Optional<String> from, Optional<String> to, String description) {
    public TomcatPlan {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(description, "description");
    }
}
