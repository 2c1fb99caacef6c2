package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.host.StepHost;
import java.util.Map;

/**
 * A kind of deploy target ({@code local}, {@code ssh}, {@code tomcat}): checks a target's settings and opens it.
 * Kinds are registered in {@link TargetKinds}.
 */
public interface TargetKind {
    /** The name targets give as {@code kind}. */
    String name();

    /**
     * Reads a target of this kind as configured or written inline. By default {@link TargetSpec#fromConfig}: hosts are
     * machines and {@code base}/{@code bases} say where releases go on each. A kind whose hosts are something else (a
     * Tomcat manager URL) reads its own settings and names its hosts itself.
     *
     * @throws IllegalArgumentException if a setting is wrong, naming it
     */
    default TargetSpec spec(String name, Map<String, Object> config) {
        return TargetSpec.fromConfig(name, config);
    }

    /**
     * Checks {@code spec}'s settings and opens the target for one deploy; nothing is connected yet.
     *
     * @throws IllegalArgumentException if a setting is wrong, naming it ({@code deploy: target 'web' …})
     */
    DeployTarget open(TargetSpec spec, StepHost host);

    /** A kind that is known but cannot be used in this build, failing with {@code why}. */
    static TargetKind unavailable(String name, String why) {
        return new TargetKind() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public DeployTarget open(TargetSpec spec, StepHost host) {
                throw DeployException.invalid("target '" + spec.name() + "': " + why);
            }
        };
    }
}
