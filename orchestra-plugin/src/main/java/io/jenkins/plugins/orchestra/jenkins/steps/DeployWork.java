package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.orchestra.deploy.DeployApproval;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.deploy.Deployer;
import io.jenkins.plugins.orchestra.deploy.TargetKinds;
import io.jenkins.plugins.orchestra.deploy.TargetRef;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.jenkins.config.OrchestraConfiguration;
import io.jenkins.plugins.orchestra.jenkins.host.HostedWork;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One {@code deploy} call on its way to the agent: the arguments as plain values, checked on the controller first,
 * and the ids of the credentials it may use (the health check's, and those the target's settings name).
 */
@Restricted(NoExternalUse.class)
final class DeployWork implements HostedWork {
    private static final long serialVersionUID = 1L;

    /**
     * Why {@code approval} is refused in Jenkins: asking would keep the deploy, its locks and its connections open on
     * the agent while a person decides, and the question could not survive a controller restart.
     */
    static final String APPROVAL = "deploy: approval is not available in Jenkins, where a deploy must not hold its"
            + " hosts while it waits for a person; deploy to the canary hosts first (a target of their own), ask with"
            + " input, then deploy the same version to the whole target: the canary hosts, which already run it, are"
            + " left as they are";

    private static final Deployer DEPLOYER = new Deployer(TargetKinds.defaults());

    private final LinkedHashMap<String, Object> arguments;
    private final TreeSet<String> credentialIds;

    private DeployWork(Map<String, Object> arguments, Set<String> credentialIds) {
        this.arguments = new LinkedHashMap<>(arguments);
        this.credentialIds = new TreeSet<>(credentialIds);
    }

    /**
     * The work of a call with these arguments, on the controller.
     *
     * @throws AbortException naming the bad argument, or refusing {@code approval}
     */
    static DeployWork of(Map<String, Object> arguments) throws AbortException {
        DeploySpec[] spec = new DeploySpec[1];
        StepArguments.validate(() -> spec[0] = DeploySpec.parse(arguments));
        if (spec[0].rollout().approval().isPresent()) {
            throw new AbortException(APPROVAL);
        }
        Object target = spec[0].target() instanceof TargetRef.Named named
                ? OrchestraConfiguration.get()
                        .section(OrchestraConfiguration.TARGETS)
                        .get(named.name())
                : null;
        return new DeployWork(arguments, CredentialIds.in(arguments, target));
    }

    @Override
    public Map<String, Object> run(StepHost host) throws InterruptedException {
        DeployApproval none = DeployApproval.refuseAll(APPROVAL);
        return DEPLOYER.deploy(DeploySpec.parse(arguments), host, none).toOutputs();
    }

    @Override
    public Set<String> credentialIds() {
        return credentialIds;
    }
}
