package io.jenkins.plugins.orchestra.jenkins.host;

import hudson.model.TaskListener;
import java.util.LinkedHashMap;
import jenkins.security.MasterToSlaveCallable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** One step call's work, run on the agent against an {@link AgentStepHost}; its result comes back as plain values. */
@Restricted(NoExternalUse.class)
final class AgentCall extends MasterToSlaveCallable<LinkedHashMap<String, Object>, Exception> {
    private static final long serialVersionUID = 1L;

    private final HostSpec spec;
    private final HostedWork work;
    private final TaskListener listener;

    AgentCall(HostSpec spec, HostedWork work, TaskListener listener) {
        this.spec = spec;
        this.work = work;
        this.listener = listener;
    }

    @Override
    public LinkedHashMap<String, Object> call() throws Exception {
        return PlainValues.map(work.run(new AgentStepHost(spec, listener)));
    }
}
