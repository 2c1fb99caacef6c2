package io.jenkins.plugins.orchestra.jenkins.steps;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.jenkins.host.HostedWork;
import io.jenkins.plugins.orchestra.jenkins.host.PlainValues;
import io.jenkins.plugins.orchestra.notify.Notifier;
import io.jenkins.plugins.orchestra.notify.NotifyException;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyState;
import io.jenkins.plugins.orchestra.notify.Outcome;
import io.jenkins.plugins.orchestra.notify.RunContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One {@code notify} call, checked and run on the controller (see {@link NotifyStep} for why): the request, the
 * build as the message tells it, and the ids of the credentials the channels' settings name.
 */
@Restricted(NoExternalUse.class)
@SuppressFBWarnings(
        value = "SE_BAD_FIELD",
        justification = "run on the controller by AgentCalls.runOnController, never serialized")
final class NotifyWork implements HostedWork {
    private static final long serialVersionUID = 1L;

    private final Run<?, ?> run;
    private final Object channel;
    private final LinkedHashMap<String, Object> settings;
    private final String event;
    private final String version;
    private final String target;
    private final Outcome status;
    private final Set<String> credentialIds;

    private NotifyWork(
            Run<?, ?> run,
            Object channel,
            Map<String, Object> settings,
            String event,
            String version,
            String target,
            Outcome status,
            Set<String> credentialIds) {
        this.run = run;
        this.channel = channel;
        this.settings = new LinkedHashMap<>(settings);
        this.event = event;
        this.version = version;
        this.target = target;
        this.status = status;
        this.credentialIds = credentialIds;
    }

    /**
     * The work of a call, its arguments checked as the runner checks them.
     *
     * @param event the call's own, or {@code null} for one made from where the call is
     * @throws AbortException naming the bad argument
     */
    static NotifyWork of(
            StepContext context,
            Object channel,
            Map<String, Object> settings,
            String event,
            String version,
            String target)
            throws Exception {
        Run<?, ?> run = context.get(Run.class);
        Outcome status = BuildFacts.status(run);
        String about = event != null ? event : BuildFacts.event(context.get(FlowNode.class), status);
        Object plainChannel = PlainValues.copy(channel);
        NotifyRequest request = NotifyRequests.of(plainChannel, PlainValues.map(settings), about);
        Set<String> ids = CredentialIds.in(plainChannel, settings, NotifyRequests.configured(request));
        return new NotifyWork(run, plainChannel, PlainValues.map(settings), about, version, target, status, ids);
    }

    /**
     * Where relative paths in the channels' settings (an outbox's {@code directory}) resolve: the workspace when the
     * build runs on the controller, else the build's own directory, since this work runs on the controller.
     */
    Path directory(StepContext context) throws Exception {
        FilePath workspace = context.get(FilePath.class);
        return workspace != null && !workspace.isRemote()
                ? Path.of(workspace.getRemote())
                : run.getRootDir().toPath();
    }

    @Override
    public Map<String, Object> run(StepHost host) throws Exception {
        RunContext context = NotifyRun.of(run, host.run(), status, version, target);
        try {
            return Notifier.standard()
                    .notify(
                            NotifyRequests.of(channel, settings, event),
                            context,
                            host,
                            NotifyState.in(run.getRootDir().toPath()))
                    .toMap();
        } catch (NotifyException e) {
            throw new AbortException("notify: " + e.getMessage());
        }
    }

    @Override
    public Set<String> credentialIds() {
        return credentialIds;
    }
}
